import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { post } from '../api/client';
import type { StaffAlert } from '../api/records-types';
import { Empty, ErrorState, Loading } from '../components/States';
import { formatInstant } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { type MessageKey, t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { useMyAlerts } from './alert-queries';
import { SafetyAlerts } from './records/SafetyAlerts';

/** Where an alert leads: the event on the patient's chart, the lot on Products, or the patient. */
function targetOf(a: StaffAlert): { to: string; label: MessageKey } | null {
  if (a.entity === 'adverse-event' && a.entityId && a.patientId)
    return { to: `/patients/${a.patientId}?tab=adverse-events&ae=${a.entityId}`, label: 'alerts.openEvent' };
  if (a.entity === 'lot') return { to: '/products', label: 'alerts.openLot' };
  if (a.patientId) return { to: `/patients/${a.patientId}`, label: 'alerts.openPatient' };
  return null;
}

function AlertItem({ a }: { a: StaffAlert }) {
  const client = useQueryClient();
  const read = useMutation({
    mutationFn: () => post<StaffAlert>(`/alerts/${a.id}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['alerts'] }),
  });
  const unread = a.readAt === null;
  const target = targetOf(a);
  const titleId = `alert-${a.id}`;
  return (
    <Card
      withBorder
      component="li"
      padding="sm"
      data-testid="alert-item"
      data-unread={unread}
      style={unread ? { borderLeft: '4px solid var(--mantine-color-red-7)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 18rem', minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            {unread && (
              <Badge color="red" variant="filled" size="sm">
                {t('alerts.unread')}
              </Badge>
            )}
            <Badge color="gray" variant="light" size="sm">
              {t(`alerts.kind.${a.kind}` as MessageKey)}
            </Badge>
            <Text size="xs" c="dimmed">
              {formatInstant(a.createdAt)}
            </Text>
          </Group>
          <Text fw={unread ? 700 : 500} id={titleId}>
            {a.title}
          </Text>
          <Text size="sm">{a.body}</Text>
          {!unread && a.readAt !== null && (
            <Text size="xs" c="dimmed">
              {t('alerts.readAt', { at: formatInstant(a.readAt) })}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          {target && (
            <Anchor component={Link} to={target.to} size="sm">
              {t(target.label)}
              <VisuallyHidden>: {a.title}</VisuallyHidden>
            </Anchor>
          )}
          {unread && (
            <Button
              size="xs"
              variant="light"
              onClick={() => read.mutate()}
              loading={read.isPending}
              aria-describedby={titleId}
            >
              {t('alerts.markRead')}
            </Button>
          )}
        </Group>
      </Group>
      {read.isError && <ErrorState error={read.error} />}
    </Card>
  );
}

/**
 * My alerts inbox: serious or grade ≥ 3 adverse events and lot recalls sent to the clinic's
 * owners and admins, unread first; each can be marked read and leads to what it is about. The
 * open-event worklist Today shows is repeated below for those who review events.
 */
export function AlertsPage() {
  usePageTitle(t('alerts.title'));
  const session = useSession();
  const alerts = useMyAlerts();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const items = (alerts.data ?? []).filter((a) => filter === 'all' || a.readAt === null);
  const unread = (alerts.data ?? []).filter((a) => a.readAt === null).length;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('alerts.title')}</Title>
        <Text c="dimmed">{t('alerts.intro')}</Text>
      </div>
      <Group justify="space-between" wrap="wrap">
        <Text role="status" data-testid="alerts-unread-count">
          {alerts.isSuccess ? t('alerts.unreadCount', { n: unread }) : ''}
        </Text>
        <SegmentedControl
          aria-label={t('alerts.filter')}
          value={filter}
          onChange={(v) => setFilter(v as 'all' | 'unread')}
          data={[
            { value: 'all', label: t('alerts.all') },
            { value: 'unread', label: t('alerts.onlyUnread') },
          ]}
        />
      </Group>
      {alerts.isPending ? (
        <Loading />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => alerts.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{filter === 'unread' ? t('alerts.noneUnread') : t('alerts.none')}</Empty>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          aria-label={t('alerts.title')}
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {items.map((a) => (
            <AlertItem key={a.id} a={a} />
          ))}
        </Stack>
      )}
      {may(session.data, 'adverse-events.review') && <SafetyAlerts />}
    </Stack>
  );
}
