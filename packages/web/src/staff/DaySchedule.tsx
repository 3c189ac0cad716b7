import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get, qs } from '../api/client';
import type { Appointment, Page, Patient, Resource } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import { t } from '../lib/i18n';
import { useResources } from './queries';

const STATUS_COLOR: Record<string, string> = {
  booked: 'blue',
  'checked-in': 'teal',
  checked_in: 'teal',
  completed: 'gray',
  'no-show': 'red',
  no_show: 'red',
  cancelled: 'gray',
};

/** One clinic day: a column per practitioner and per room, each appointment with its patient. */
export function DaySchedule({ day }: { day: string }) {
  const resources = useResources();
  const appts = useQuery({
    queryKey: ['appointments', day],
    queryFn: () => get<Page<Appointment>>(`/appointments${qs({ from: day, to: day })}`).then((p) => p.items),
  });
  const patientIds = [...new Set(appts.data?.map((a) => a.patientId) ?? [])];
  const patients = useQueries({
    queries: patientIds.map((id) => ({
      queryKey: ['patient', id],
      queryFn: () => get<Patient>(`/patients/${id}`),
    })),
  });
  if (appts.isPending || resources.isPending) return <Loading />;
  if (appts.isError) return <ErrorState error={appts.error} onRetry={() => appts.refetch()} />;
  if (resources.isError) return <ErrorState error={resources.error} />;
  const nameOf = (id: string) => {
    const p = patients.find((q) => q.data?.id === id)?.data;
    return p ? `${p.givenName} ${p.familyName}` : '…';
  };
  const columns = (kind: Resource['kind']) =>
    resources.data
      .filter((r) => r.kind === kind && r.active)
      .map((r) => ({
        resource: r,
        items: appts.data
          .filter((a) => (kind === 'practitioner' ? a.practitionerId : a.roomId) === r.id)
          .sort((a, b) => a.start - b.start),
      }));
  if (appts.data.length === 0) return <Empty>{t('today.noAppointments')}</Empty>;
  return (
    <Stack gap="md">
      {(['practitioner', 'room'] as const).map((kind) => (
        <div key={kind}>
          <Title order={3} size="h5" mb="xs">
            {t(kind === 'practitioner' ? 'today.byPractitioner' : 'today.byRoom')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="sm">
            {columns(kind).map(({ resource, items }) => (
              <Card withBorder padding="xs" key={resource.id} component="section" aria-label={resource.name}>
                <Text fw={600} size="sm" mb={4}>
                  {resource.name}
                </Text>
                {items.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('today.free')}
                  </Text>
                ) : (
                  <Stack gap={4}>
                    {items.map((a) => (
                      <Group key={a.id} gap={6} wrap="nowrap" justify="space-between">
                        <Text size="sm" className="num">
                          {a.local.time} <Link to={`/patients/${a.patientId}`}>{nameOf(a.patientId)}</Link>
                        </Text>
                        <Group gap={4} wrap="nowrap">
                          {a.status === 'booked' && (
                            <Link
                              to={`/patients/${a.patientId}/check-in?appointment=${a.id}`}
                              aria-label={t('dayCheckIn.label', {
                                name: nameOf(a.patientId),
                                time: a.local.time,
                              })}
                              style={{ fontSize: 'var(--mantine-font-size-xs)' }}
                            >
                              {t('checkIn.submit')}
                            </Link>
                          )}
                          <Badge size="xs" variant="light" color={STATUS_COLOR[a.status] ?? 'gray'}>
                            {a.status.replace(/[-_]/g, ' ')}
                          </Badge>
                        </Group>
                      </Group>
                    ))}
                  </Stack>
                )}
              </Card>
            ))}
          </SimpleGrid>
        </div>
      ))}
    </Stack>
  );
}
