import { findModality, type ModalityId } from '@exoclinic/core';
import { Anchor, Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { get, qs } from '../api/client';
import type { Appointment, DaySheetEntry, Page, Resource } from '../api/types';
import { Empty, ErrorState, Loading } from '../components/States';
import type { MessageKey } from '../lib/i18n';
import { t } from '../lib/i18n';
import { may, useSession } from '../lib/session';
import { useResources } from './queries';

const STATUS: Record<string, { label: MessageKey; color: string }> = {
  booked: { label: 'today.status.booked', color: 'blue' },
  'checked-in': { label: 'today.status.checked-in', color: 'teal' },
  completed: { label: 'today.status.completed', color: 'gray' },
  'no-show': { label: 'today.status.no-show', color: 'red' },
  cancelled: { label: 'today.status.cancelled', color: 'gray' },
};

export const statusLabel = (status: string) => (STATUS[status] ? t(STATUS[status].label) : status);

/** What the appointment is: the course session's number (of the series), or its kind. */
export function sessionLabel(a: Appointment, seriesPlanned?: number): string {
  const modality = findModality(a.modality as ModalityId)?.name ?? a.modality;
  const what =
    a.kind === 'maintenance'
      ? t('today.maintenance')
      : a.kind === 'follow-up'
        ? t('today.followUp')
        : a.sessionIndex === null
          ? t('today.session', { n: '–' })
          : seriesPlanned
            ? t('today.sessionOf', { n: a.sessionIndex, of: seriesPlanned })
            : t('today.session', { n: a.sessionIndex });
  return `${what} · ${modality}`;
}

/**
 * One clinic day by practitioner or by room: each appointment with its time on the clinic's clock,
 * the patient, the session, its status and the next step for the signed-in role (check in a booked
 * patient, open the session of one checked in, the chart of one treated).
 */
export function DaySchedule({ day }: { day: string }) {
  const [params, setParams] = useSearchParams();
  const by: Resource['kind'] = params.get('by') === 'room' ? 'room' : 'practitioner';
  const resources = useResources();
  // The day sheet names each appointment's patient, its course's length and its charted session:
  // one request for the whole day.
  const appts = useQuery({
    queryKey: ['appointments', day, 'with-cancelled'],
    queryFn: () =>
      get<Page<DaySheetEntry>>(`/appointments${qs({ from: day, to: day, includeCancelled: 'true' })}`).then(
        (p) => p.items,
      ),
  });
  if (appts.isPending || resources.isPending) return <Loading />;
  if (appts.isError) return <ErrorState error={appts.error} onRetry={() => appts.refetch()} />;
  if (resources.isError) return <ErrorState error={resources.error} onRetry={() => resources.refetch()} />;
  if (appts.data.length === 0) return <Empty>{t('today.noAppointments')}</Empty>;

  const holderOf = (a: Appointment) => (by === 'practitioner' ? a.practitionerId : a.roomId);
  const used = new Set(appts.data.map(holderOf));
  // Every active practitioner (a free one is worth seeing); rooms only where something is booked
  // or at a site with bookings today.
  const sites = new Set(appts.data.map((a) => a.locationId));
  const columns = resources.data
    .filter(
      (r) =>
        r.kind === by &&
        r.active &&
        (used.has(r.id) || (by === 'room' ? r.locationId !== null && sites.has(r.locationId) : true)),
    )
    .map((r) => ({
      resource: r,
      items: appts.data.filter((a) => holderOf(a) === r.id).sort((a, b) => a.start - b.start),
    }))
    .sort((a, b) => b.items.length - a.items.length || a.resource.name.localeCompare(b.resource.name));
  const counts = Object.keys(STATUS)
    .map((st) => ({ st, n: appts.data.filter((a) => a.status === st).length }))
    .filter((c) => c.n > 0);

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <SegmentedControl
          size="xs"
          aria-label={t('today.groupBy')}
          value={by}
          onChange={(v) => {
            const next = new URLSearchParams(params);
            if (v === 'room') next.set('by', 'room');
            else next.delete('by');
            setParams(next, { replace: true });
          }}
          data={[
            { value: 'practitioner', label: t('today.byPractitioner') },
            { value: 'room', label: t('today.byRoom') },
          ]}
        />
        <Group gap={6} data-testid="day-counts">
          <Text size="sm" c="dimmed">
            {t('today.dayCount', { n: appts.data.length })}:
          </Text>
          {counts.map((c) => (
            <Badge key={c.st} size="sm" variant="light" color={STATUS[c.st]!.color}>
              {statusLabel(c.st)} {c.n}
            </Badge>
          ))}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {columns.map(({ resource, items }) => (
          <Card
            withBorder
            padding="sm"
            key={resource.id}
            component="section"
            aria-label={resource.name}
            data-testid={`day-${by}`}
          >
            <Text fw={600} size="sm" mb={6}>
              {resource.name}
            </Text>
            {items.length === 0 ? (
              <Text size="xs" c="dimmed">
                {t('today.free')}
              </Text>
            ) : (
              <Stack gap={8} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {items.map((a) => {
                  const name = a.patientName;
                  const st = STATUS[a.status];
                  const off = a.status === 'cancelled' || a.status === 'no-show';
                  return (
                    <li key={a.id} data-testid="day-appointment" data-status={a.status}>
                      <Group gap={8} wrap="nowrap" align="flex-start">
                        <Text size="sm" fw={600} className="num" w={44} style={{ flexShrink: 0 }}>
                          {a.local.time}
                        </Text>
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <Group gap={6} wrap="wrap">
                            <Anchor
                              component={Link}
                              to={`/patients/${a.patientId}`}
                              size="sm"
                              td={off ? 'line-through' : undefined}
                            >
                              {name}
                            </Anchor>
                            <Badge size="xs" variant="light" color={st?.color ?? 'gray'}>
                              {statusLabel(a.status)}
                            </Badge>
                          </Group>
                          <Text size="xs" c="dimmed">
                            {sessionLabel(a, a.seriesPlanned ?? undefined)}
                          </Text>
                        </div>
                        <NextStep appointment={a} name={name} sessionId={a.sessionId ?? undefined} />
                      </Group>
                    </li>
                  );
                })}
              </Stack>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function NextStep({
  appointment: a,
  name,
  sessionId,
}: {
  appointment: Appointment;
  name: string;
  sessionId?: string;
}) {
  const s = useSession().data;
  const vars = { name, time: a.local.time };
  const style = { fontSize: 'var(--mantine-font-size-xs)', whiteSpace: 'nowrap' as const };
  if (a.status === 'booked' && may(s, 'sessions.check-in'))
    return (
      <Anchor
        component={Link}
        to={`/patients/${a.patientId}/check-in?appointment=${a.id}`}
        aria-label={t('dayCheckIn.label', vars)}
        style={style}
      >
        {t('checkIn.submit')}
      </Anchor>
    );
  if (sessionId && a.status === 'checked-in')
    return (
      <Anchor
        component={Link}
        to={`/sessions/${sessionId}`}
        aria-label={t('today.openSessionOf', vars)}
        style={style}
      >
        {t('today.openSession')}
      </Anchor>
    );
  if (sessionId && a.status === 'completed')
    return (
      <Anchor
        component={Link}
        to={`/sessions/${sessionId}`}
        aria-label={t('today.viewChartOf', vars)}
        style={style}
      >
        {t('today.viewChart')}
      </Anchor>
    );
  return null;
}
