import type { Plan } from '@exoclinic/core';
import { Alert, Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { planTimeline, ResponseCurve } from '../components/plan-parts';
import { SourceRef } from '../components/SourceRef';
import { Empty, ErrorState, Loading } from '../components/States';
import { clinicToday, formatDay, formatNumber } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useConsents, useCurrentPlan, usePatient, usePatientAppointments } from '../staff/queries';

// Only a patient with a consent to sign needs the consent form.
const ConsentPanel = lazy(() =>
  import('../components/ConsentPanel').then((m) => ({ default: m.ConsentPanel })),
);

function Milestones({ plan }: { plan: Plan }) {
  return (
    <List spacing="sm">
      {plan.milestones.map((m) => (
        <List.Item key={m.kind}>
          <Text fw={600} span>
            {t(`portal.milestone.${m.kind}` as 'portal.milestone.peak')}
          </Text>{' '}
          <Text span>
            {t('portal.between', {
              from: formatDay(m.dates.from, 'short'),
              to: formatDay(m.dates.to, 'short'),
            })}
          </Text>{' '}
          <SourceRef sources={m.sources} label={t(`portal.milestone.${m.kind}` as 'portal.milestone.peak')} />
        </List.Item>
      ))}
    </List>
  );
}

export function MyPlanPage() {
  usePageTitle(t('portal.plan.title'));
  const session = useSession();
  const patientId = session.data?.user.patientId ?? null;
  const patient = usePatient(patientId ?? '');
  const current = useCurrentPlan(patientId);
  const consents = useConsents(current.data?.id);
  const appointments = usePatientAppointments(patientId);
  if (current.isPending || patient.isPending) return <Loading />;
  if (current.isError) return <ErrorState error={current.error} onRetry={() => current.refetch()} />;
  const record = current.data;
  if (!record)
    return (
      <Stack>
        <Title order={1}>{t('portal.plan.title')}</Title>
        <Empty>{t('portal.plan.none')}</Empty>
      </Stack>
    );
  const plan = record.current.plan;
  const today = clinicToday();
  const upcoming = planTimeline(plan).filter((i) => i.date >= today);
  const booked = (appointments.data ?? []).filter((a) => a.local.date >= today && a.status !== 'cancelled');
  const pending =
    consents.data?.filter((c) => c.status === 'pending' && c.planVersion === record.currentVersion) ?? [];
  const weeks = Math.round(plan.initialSeries.intervalDays.target / 7);
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('portal.plan.title')}</Title>
        <Text c="dimmed">
          {t('portal.plan.status', { status: t(`planStatus.${record.status}` as 'planStatus.proposed') })}
        </Text>
        <Button
          component="a"
          href={`/api/v1/patients/${record.patientId}/plan.pdf`}
          target="_blank"
          rel="noopener"
          title={t('print.newTab')}
          variant="light"
          size="sm"
          mt="xs"
        >
          {t('print.plan')}
        </Button>
      </div>

      <Card withBorder>
        <Title order={2} size="h3" mb="xs">
          {t('portal.plan.course')}
        </Title>
        <Text data-testid="portal-course">
          {t('portal.plan.courseBody', { n: plan.initialSeries.sessions, weeks: formatNumber(weeks) })}{' '}
          <SourceRef sources={plan.initialSeries.sources} label={t('portal.plan.course')} />
        </Text>
        <Text size="sm" mt="xs">
          {t('portal.plan.sessionLength', { min: plan.sessionMinutes.min, max: plan.sessionMinutes.max })}{' '}
          <SourceRef sources={plan.sessionMinutes.sources} />
        </Text>
        {plan.maintenance && (
          <Text size="sm" mt="xs">
            {t('portal.plan.maintenance', {
              min: Math.round(plan.maintenance.intervalDays.min / 30.4),
              max: Math.round(plan.maintenance.intervalDays.max / 30.4),
            })}{' '}
            <SourceRef sources={plan.maintenance.sources} />
          </Text>
        )}
      </Card>

      {pending.map((c) => (
        <Card withBorder key={c.id}>
          <Suspense fallback={<Loading />}>
            <ConsentPanel
              consent={c}
              patientName={patient.data ? `${patient.data.givenName} ${patient.data.familyName}` : ''}
              canSign
              canWitness={false}
              headingLevel={2}
            />
          </Suspense>
        </Card>
      ))}

      <section aria-labelledby="upcoming-h">
        <Title order={2} size="h3" id="upcoming-h" mb="xs">
          {t('portal.plan.upcoming')}
        </Title>
        {booked.length > 0 ? (
          <List spacing="xs" data-testid="portal-appointments">
            {booked.map((a) => (
              <List.Item key={a.id}>
                <Text fw={600} span>
                  {formatDay(a.local.date)} {a.local.time}
                </Text>{' '}
                —{' '}
                {a.kind === 'initial' && a.sessionIndex
                  ? t('plan.sessionN', { n: a.sessionIndex, of: plan.sessions.length })
                  : t(`portal.appt.${a.kind}` as 'portal.appt.maintenance')}
              </List.Item>
            ))}
          </List>
        ) : upcoming.length === 0 ? (
          <Empty>{t('portal.plan.noUpcoming')}</Empty>
        ) : (
          <List spacing="xs">
            {upcoming.map((i) => (
              <List.Item key={`${i.kind}-${i.date}-${i.title}`}>
                <Text fw={600} span>
                  {formatDay(i.date)}
                </Text>{' '}
                — {i.title}
              </List.Item>
            ))}
          </List>
        )}
        {booked.length === 0 && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('portal.plan.proposedDates')}
          </Text>
        )}
      </section>

      <section aria-labelledby="when-h">
        <Title order={2} size="h3" id="when-h" mb="xs">
          {t('portal.plan.when')}
        </Title>
        <Milestones plan={plan} />
      </section>

      <section aria-labelledby="curve-h">
        <Title order={2} size="h3" id="curve-h" mb="xs">
          {t('curve.title')}
        </Title>
        <ResponseCurve plan={plan} height={220} />
      </section>

      <Alert color="gray" variant="light" title={t('portal.plan.goodToKnow')}>
        <List size="sm" spacing={4}>
          {plan.caveats.map((c) => (
            <List.Item key={c.id}>
              {c.text} <SourceRef sources={c.sources} />
            </List.Item>
          ))}
        </List>
      </Alert>
    </Stack>
  );
}
