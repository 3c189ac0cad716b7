import { Alert, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../api/client';
import type { Lot, Page, Product } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import { TableScroll } from '../components/TableScroll';
import { hasPath, useApiPaths } from '../lib/api-has';
import { addDays, clinicToday, daysBetween, formatDay } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { DaySchedule } from './DaySchedule';
import { SafetyAlerts } from './records/SafetyAlerts';

const NEAR_EXPIRY_DAYS = 60;

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
        .filter((a) => a.lot.quantity > 0 && a.lot.expiresOn <= addDays(today, NEAR_EXPIRY_DAYS))
        .sort((a, b) => a.daysLeft - b.daysLeft);
    },
  });
}

export function TodayPage() {
  const session = useSession();
  const s = session.data;
  const paths = useApiPaths();
  const lots = useLotAlerts(may(s, 'products.read'));
  const today = clinicToday();
  usePageTitle(t('today.title'));
  const scheduling = hasPath(paths.data, /^\/api\/v1\/appointments$/);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('today.title')}</Title>
        <Text c="dimmed" data-testid="today-date">
          {formatDay(today)}
        </Text>
      </div>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder component="section" aria-labelledby="today-schedule">
          <Title order={2} size="h3" id="today-schedule" mb="xs">
            {t('today.schedule')}
          </Title>
          {paths.isPending ? (
            <Loading />
          ) : scheduling ? (
            <DaySchedule day={today} />
          ) : (
            <Empty>{t('today.noScheduling')}</Empty>
          )}
        </Card>

        <Card withBorder component="section" aria-labelledby="today-alerts">
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h3" id="today-alerts">
              {t('today.alerts')}
            </Title>
            {lots.data && lots.data.length > 0 && (
              <Badge color="orange" variant="filled" autoContrast>
                {lots.data.length}
              </Badge>
            )}
          </Group>
          {!may(s, 'products.read') ? (
            <Empty>{t('today.noAlertAccess')}</Empty>
          ) : lots.isPending ? (
            <Loading />
          ) : lots.isError ? (
            <ErrorState error={lots.error} onRetry={() => lots.refetch()} />
          ) : lots.data.length === 0 ? (
            <Empty>{t('today.noAlerts')}</Empty>
          ) : (
            <TableScroll minWidth={420}>
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
                          <Badge color={a.daysLeft < 0 ? 'red' : 'orange'} variant="light">
                            {a.daysLeft < 0
                              ? t('products.expired')
                              : t('products.daysLeft', { n: a.daysLeft })}
                          </Badge>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </Card>
      </SimpleGrid>

      <SafetyAlerts />

      {!scheduling && !paths.isPending && (
        <Alert variant="light" color="blue" title={t('today.recordsSoonTitle')}>
          {t('today.recordsSoon')}
        </Alert>
      )}
    </Stack>
  );
}
