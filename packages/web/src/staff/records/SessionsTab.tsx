import { findIndication, type IndicationId } from '@exoclinic/core';
import { Anchor, Badge, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../../api/client';
import type { TreatmentSession } from '../../api/records-types';
import type { Appointment, Lot, Page } from '../../api/types';
import { Empty, ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatDay, formatInstant } from '../../lib/format';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { sessionLabel, statusLabel } from '../DaySchedule';
import { usePatientAppointments, useProducts, useResources } from '../queries';
import { useAllPatientSessions } from './chart-records-api';

const SESSION_STATUS: Record<string, { label: MessageKey; color: string }> = {
  checked_in: { label: 'sessionsTab.st.checkedIn', color: 'teal' },
  charted: { label: 'sessionsTab.st.charted', color: 'blue' },
  signed: { label: 'sessionsTab.st.signed', color: 'green' },
  no_show: { label: 'sessionsTab.st.noShow', color: 'red' },
  cancelled: { label: 'sessionsTab.st.cancelled', color: 'gray' },
};

/** A row: an appointment with the session it led to, or a session charted without a booking. */
interface Row {
  key: string;
  at: number;
  day: string;
  time: string | null;
  appointment: Appointment | null;
  session: TreatmentSession | null;
}

/**
 * The patient's visits: every booked appointment and every charted session, oldest first, each
 * with its status, the practitioner, the products and lots used and the way to its session page;
 * above them, each course's progress (sessions given of those planned).
 */
export function SessionsTab({ patientId }: { patientId: string }) {
  const s = useSession().data;
  const canSessions = may(s, 'sessions.read');
  const appts = usePatientAppointments(may(s, 'appointments.read') ? patientId : null);
  const sessions = useAllPatientSessions(patientId, canSessions);
  const resources = useResources();
  const products = useProducts(may(s, 'products.read'));
  const productIds = [
    ...new Set((sessions.data ?? []).flatMap((x) => x.chart?.chart.products.map((p) => p.productId) ?? [])),
  ];
  const lots = useQueries({
    queries: productIds.map((id) => ({
      queryKey: ['lots', id],
      queryFn: () => get<Page<Lot>>(`/products/${id}/lots`).then((p) => p.items),
    })),
  });
  if ((appts.isPending && appts.fetchStatus !== 'idle') || (canSessions && sessions.isPending))
    return <Loading />;
  if (appts.isError) return <ErrorState error={appts.error} onRetry={() => appts.refetch()} />;
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />;

  const allSessions = sessions.data ?? [];
  const byAppointment = new Map(allSessions.filter((x) => x.appointmentId).map((x) => [x.appointmentId!, x]));
  const rows: Row[] = [
    ...(appts.data ?? []).map((a) => ({
      key: a.id,
      at: a.start,
      day: a.local.date,
      time: a.local.time,
      appointment: a,
      session: byAppointment.get(a.id) ?? null,
    })),
    ...allSessions
      .filter((x) => !x.appointmentId || !(appts.data ?? []).some((a) => a.id === x.appointmentId))
      .map((x) => {
        const at = x.checkedInAt ?? x.createdAt;
        return { key: x.id, at, day: '', time: null, appointment: null, session: x };
      }),
  ].sort((a, b) => a.at - b.at);
  if (rows.length === 0) return <Empty>{t('sessionsTab.none')}</Empty>;

  const nameOfUser = (userId: string | null | undefined) =>
    userId ? (resources.data?.find((r) => r.userId === userId || r.id === userId)?.name ?? '—') : '—';
  const practitionerOf = (r: Row) =>
    r.session?.chart?.practitionerId
      ? nameOfUser(r.session.chart.practitionerId)
      : nameOfUser(r.appointment?.practitionerId);
  const productName = (id: string) => products.data?.find((p) => p.id === id)?.name ?? '…';
  const lotNumber = (id: string) =>
    lots.flatMap((q) => q.data ?? []).find((l) => l.id === id)?.lotNumber ?? '…';

  // Course progress from the sessions: given (charted within the series) of planned, per plan.
  const plans = [...new Set(allSessions.map((x) => x.planId))].map((planId) => {
    const ofPlan = allSessions.filter((x) => x.planId === planId && x.kind === 'series');
    const planned = Math.max(
      0,
      ...allSessions.filter((x) => x.planId === planId).map((x) => x.seriesPlanned),
    );
    const given = ofPlan.filter(
      (x) => x.chartVersion !== null && (x.sessionIndex ?? 1) <= planned && x.status !== 'no_show',
    ).length;
    const booked = (appts.data ?? []).filter(
      (a) => a.planId === planId && a.kind === 'initial' && a.status === 'booked',
    ).length;
    return { planId, planned, given, booked, indication: ofPlan[0]?.indication ?? '' };
  });

  return (
    <Stack gap="lg">
      {plans.length > 0 && (
        <Group gap="md" align="stretch">
          {plans.map((p) => (
            <Card withBorder key={p.planId} padding="sm" miw={260} data-testid="course-progress">
              <Title order={2} size="h5">
                {t('sessionsTab.course', {
                  indication: findIndication(p.indication as IndicationId)?.name ?? p.indication,
                })}
              </Title>
              <Text size="sm" mt={4}>
                {t('sessionsTab.given', { given: p.given, planned: p.planned })}
              </Text>
              <Progress
                value={p.planned ? (100 * p.given) / p.planned : 0}
                mt={6}
                aria-label={t('sessionsTab.given', { given: p.given, planned: p.planned })}
              />
              {p.booked > 0 && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('sessionsTab.booked', { n: p.booked })}
                </Text>
              )}
            </Card>
          ))}
        </Group>
      )}
      <TableScroll minWidth={760}>
        <Table aria-label={t('sessionsTab.title')} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('sessionsTab.when')}</Table.Th>
              <Table.Th scope="col">{t('sessionsTab.what')}</Table.Th>
              <Table.Th scope="col">{t('sessionsTab.status')}</Table.Th>
              <Table.Th scope="col">{t('sessionsTab.practitioner')}</Table.Th>
              <Table.Th scope="col">{t('sessionsTab.products')}</Table.Th>
              <Table.Th scope="col">{t('sessionsTab.chart')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const st = r.session ? SESSION_STATUS[r.session.status] : undefined;
              const used = r.session?.chart?.chart.products ?? [];
              return (
                <Table.Tr key={r.key} data-testid="sessions-row">
                  <Table.Td className="num">
                    {r.appointment ? `${formatDay(r.day, 'short')} ${r.time}` : formatInstant(r.at)}
                  </Table.Td>
                  <Table.Td>
                    {r.appointment
                      ? sessionLabel(
                          r.appointment,
                          r.session?.seriesPlanned ??
                            (plans.find((p) => p.planId === r.appointment?.planId)?.planned || undefined),
                        )
                      : t('sessionsTab.unbooked', { n: r.session?.sessionIndex ?? '–' })}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {r.appointment && (
                        <Badge size="sm" variant="light" color="gray">
                          {statusLabel(r.appointment.status)}
                        </Badge>
                      )}
                      {st && (
                        <Badge size="sm" variant="light" color={st.color}>
                          {t(st.label)}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{practitionerOf(r)}</Table.Td>
                  <Table.Td>
                    {used.length === 0
                      ? '—'
                      : used.map((u) => (
                          <Text size="sm" key={`${u.productId}-${u.lotId}`}>
                            {productName(u.productId)} · {t('sessionsTab.lot', { lot: lotNumber(u.lotId) })}
                          </Text>
                        ))}
                  </Table.Td>
                  <Table.Td>
                    {r.session && r.session.status !== 'no_show' && r.session.status !== 'cancelled' && (
                      <Anchor
                        component={Link}
                        to={`/sessions/${r.session.id}`}
                        size="sm"
                        aria-label={t('sessionsTab.openOf', {
                          when: r.appointment
                            ? `${formatDay(r.day, 'short')} ${r.time}`
                            : formatInstant(r.at),
                        })}
                      >
                        {t('sessionsTab.open')}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
