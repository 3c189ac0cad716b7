import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { get, qs } from '../api/client';
import type { RecallItem } from '../api/records-types';
import type { Lot, Page, Product } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import { TableScroll } from '../components/TableScroll';
import { addDays, clinicToday, daysBetween, formatDay, formatInstant } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { useUnreadAlertCount } from './alert-queries';
import { DaySchedule } from './DaySchedule';
import { fromClinicDay } from './records/clinic-time';
import { SafetyAlerts } from './records/SafetyAlerts';

const NEAR_EXPIRY_DAYS = 60;
const SHOWN = 6;
const RECALL_BACK_DAYS = 180;

interface LotAlert {
  product: Product;
  lot: Lot;
  daysLeft: number;
}

function useLotAlerts(enabled: boolean) {
  return useQuery({
    queryKey: ['lot-alerts'],
    enabled,
    queryFn: async (): Promise<LotAlert[]> => {
      const products = await get<Page<Product>>('/products');
      const today = clinicToday();
      const lots = await Promise.all(
        products.items.map((p) => get<Page<Lot>>(`/products/${p.id}/lots`).then((l) => ({ p, l: l.items }))),
      );
      return lots
        .flatMap(({ p, l }) =>
          l.map((lot) => ({ product: p, lot, daysLeft: daysBetween(today, lot.expiresOn) })),
        )
        .filter(
          (a) =>
            a.lot.quantity > 0 && (a.lot.recalled || a.lot.expiresOn <= addDays(today, NEAR_EXPIRY_DAYS)),
        )
        .sort((a, b) => Number(b.lot.recalled) - Number(a.lot.recalled) || a.daysLeft - b.daysLeft);
    },
  });
}

interface FollowUpTask {
  id: string;
  adverseEventId: string;
  patientId: string;
  patientName: string;
  title: string;
  dueAt: number;
  overdue: boolean;
  adverseEvent: { typeId: string; typeName: string; grade: number };
}

/** Adverse-event follow-ups overdue or due by the end of the clinic's day. */
function FollowUpAlerts({ today }: { today: string }) {
  const dueBefore = fromClinicDay(today, 24 * 60) ?? Date.now();
  const tasks = useQuery({
    queryKey: ['follow-up-tasks', 'open', today],
    queryFn: () =>
      get<{ now: number; items: FollowUpTask[] }>(`/follow-up-tasks${qs({ status: 'open', dueBefore })}`),
  });
  return (
    <AlertCard id="today-follow-ups" title={t('today.followUps')} count={tasks.data?.items.length}>
      {tasks.isPending ? (
        <Loading />
      ) : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />
      ) : tasks.data.items.length === 0 ? (
        <Empty>{t('today.noFollowUps')}</Empty>
      ) : (
        <RowList label={t('today.followUpsList')} more={tasks.data.items.length - SHOWN}>
          {tasks.data.items.slice(0, SHOWN).map((task) => (
            <li key={task.id} data-testid="follow-up-alert">
              <Group gap={6} wrap="wrap">
                <Badge color={task.overdue ? 'red' : 'yellow'} variant={task.overdue ? 'filled' : 'light'}>
                  {task.overdue
                    ? t('today.overdueSince', { date: formatInstant(task.dueAt, false) })
                    : t('today.dueToday')}
                </Badge>
                <Text size="sm" fw={600}>
                  {task.title}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                <Anchor
                  component={Link}
                  to={`/patients/${task.patientId}?tab=adverse-events`}
                  size="xs"
                  underline="always"
                >
                  {task.patientName}
                </Anchor>{' '}
                · {task.adverseEvent.typeName} · {t('safety.grade', { g: task.adverseEvent.grade })}
              </Text>
            </li>
          ))}
        </RowList>
      )}
    </AlertCard>
  );
}

/** Patients due or overdue for maintenance or a follow-up visit, up to the recall list's 30 days ahead. */
function RecallAlerts({ today }: { today: string }) {
  // Back far enough to keep the overdue in sight, ahead as far as the recall list's default.
  const from = addDays(today, -RECALL_BACK_DAYS);
  const to = addDays(today, 30);
  const recalls = useQuery({
    queryKey: ['recalls', 'today', from, to],
    queryFn: () => get<{ from: string; to: string; items: RecallItem[] }>(`/recalls${qs({ from, to })}`),
  });
  const items = (recalls.data?.items ?? [])
    .filter((r) => r.status === 'due' || r.status === 'overdue')
    .sort(
      (a, b) => Number(b.status === 'overdue') - Number(a.status === 'overdue') || a.due.localeCompare(b.due),
    );
  return (
    <AlertCard
      id="today-recalls"
      title={t('today.recalls')}
      count={recalls.data ? items.length : undefined}
      action={
        <Anchor component={Link} to="/recalls" size="sm">
          {t('today.allRecalls')}
        </Anchor>
      }
    >
      {recalls.isPending ? (
        <Loading />
      ) : recalls.isError ? (
        <ErrorState error={recalls.error} onRetry={() => recalls.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{t('today.noRecalls')}</Empty>
      ) : (
        <RowList label={t('today.recallsList')} more={items.length - SHOWN}>
          {items.slice(0, SHOWN).map((r) => (
            <li key={`${r.planId}-${r.kind}-${r.followUpKind ?? ''}-${r.due}`} data-testid="recall-alert">
              <Group gap={6} wrap="wrap">
                <Badge color={r.status === 'overdue' ? 'red' : 'orange'} variant="light">
                  {t(`recalls.st.${r.status}`)}
                </Badge>
                <Anchor component={Link} to={`/patients/${r.patientId}`} size="sm" fw={600}>
                  {r.patientName}
                </Anchor>
              </Group>
              <Text size="xs" c="dimmed">
                {r.label} · {t('today.recallDue', { date: formatDay(r.due, 'short') })}
              </Text>
            </li>
          ))}
        </RowList>
      )}
    </AlertCard>
  );
}

function RowList({ label, more, children }: { label: string; more: number; children: ReactNode }) {
  return (
    <>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={label}>
        {children}
      </Stack>
      {more > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('today.more', { n: more })}
        </Text>
      )}
    </>
  );
}

function AlertCard({
  id,
  title,
  count,
  action,
  children,
}: {
  id: string;
  title: string;
  count?: number | undefined;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="xs" gap="xs">
        <Group gap="xs">
          <Title order={3} size="h4" id={id}>
            {title}
          </Title>
          {count !== undefined && count > 0 && (
            <Badge color="orange" variant="filled" autoContrast>
              {count}
            </Badge>
          )}
        </Group>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function LotAlerts() {
  const lots = useLotAlerts(true);
  return (
    <AlertCard id="today-lots" title={t('today.lots')} count={lots.data?.length}>
      {lots.isPending ? (
        <Loading />
      ) : lots.isError ? (
        <ErrorState error={lots.error} onRetry={() => lots.refetch()} />
      ) : lots.data.length === 0 ? (
        <Empty>{t('today.noAlerts')}</Empty>
      ) : (
        <TableScroll minWidth={360}>
          <Table aria-label={t('today.lotAlerts')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('products.product')}</Table.Th>
                <Table.Th scope="col">{t('products.lot')}</Table.Th>
                <Table.Th scope="col">{t('products.expires')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lots.data.map((a) => (
                <Table.Tr key={a.lot.id}>
                  <Table.Td>
                    <Link to="/products">{a.product.name}</Link>
                  </Table.Td>
                  <Table.Td>{a.lot.lotNumber}</Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" className="num">
                        {formatDay(a.lot.expiresOn, 'short')}
                      </Text>
                      {a.lot.recalled ? (
                        <Badge color="red" variant="filled">
                          {t('today.lotRecalled')}
                        </Badge>
                      ) : (
                        <Badge color={a.daysLeft < 0 ? 'red' : 'orange'} variant="light">
                          {a.daysLeft < 0 ? t('products.expired') : t('products.daysLeft', { n: a.daysLeft })}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </AlertCard>
  );
}

export function TodayPage() {
  const session = useSession();
  const s = session.data;
  const today = clinicToday();
  const unread = useUnreadAlertCount(may(s, 'alerts.read'));
  usePageTitle(t('today.title'));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('today.title')}</Title>
          <Text c="dimmed" data-testid="today-date">
            {formatDay(today)}
          </Text>
        </div>
        {may(s, 'alerts.read') && unread.data !== undefined && (
          <Button
            component={Link}
            to="/alerts"
            variant={unread.data > 0 ? 'filled' : 'default'}
            color={unread.data > 0 ? 'red' : undefined}
            size="xs"
            data-testid="today-unread-alerts"
          >
            {unread.data > 0 ? t('today.unreadAlerts', { n: unread.data }) : t('today.noUnreadAlerts')}
          </Button>
        )}
      </Group>

      <Card withBorder component="section" aria-labelledby="today-schedule">
        <Title order={2} size="h3" id="today-schedule" mb="xs">
          {t('today.schedule')}
        </Title>
        <DaySchedule day={today} />
      </Card>

      <section aria-labelledby="today-alerts">
        <Title order={2} size="h3" id="today-alerts" mb="sm">
          {t('today.alerts')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="lg">
          {may(s, 'follow-up-tasks.read') && <FollowUpAlerts today={today} />}
          {may(s, 'maintenance-recall.read') && <RecallAlerts today={today} />}
          {may(s, 'products.read') ? (
            <LotAlerts />
          ) : (
            <AlertCard id="today-lots" title={t('today.lots')}>
              <Empty>{t('today.noAlertAccess')}</Empty>
            </AlertCard>
          )}
        </SimpleGrid>
      </section>

      <SafetyAlerts />
    </Stack>
  );
}
