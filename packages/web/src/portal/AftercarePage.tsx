import { AFTERCARE } from '@exoclinic/core';
import { Badge, Button, Card, Group, List, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { get } from '../api/client';
import { SourceRef } from '../components/SourceRef';
import { Empty, ErrorState, Loading } from '../components/States';
import { clinicToday, formatDay, formatInstant } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { useSession } from '../lib/session';
import { useCurrentPlan } from '../staff/queries';
import { aftercarePhases } from './aftercare-clock';

function left(hours: number): string {
  if (hours >= 48) return t('aftercare.daysLeft', { n: Math.ceil(hours / 24) });
  if (hours >= 1) return t('aftercare.hoursLeft', { n: Math.ceil(hours) });
  return t('aftercare.lessThanHour');
}

/** The session the aftercare PDF counts from; null until one is charted (the PDF is a 404 then). */
interface AftercareSession {
  session: { id: string; planId: string; checkedInAt: number; index: number | null } | null;
}

/** The Select's value for the charted session (planned days are ISO dates). */
const CHARTED = 'charted';

/** Noon of a session day in this browser's time zone: the session's hour is not known from the plan. */
const sessionInstant = (day: string) => new Date(`${day}T12:00:00`).getTime();

export function AftercarePage() {
  usePageTitle(t('aftercare.title'));
  const session = useSession();
  const patientId = session.data?.user.patientId;
  const current = useCurrentPlan(patientId);
  const treated = useQuery({
    queryKey: ['aftercare-session', patientId],
    enabled: !!patientId,
    queryFn: () => get<AftercareSession>(`/patients/${patientId}/aftercare-session`),
  });
  const [now, setNow] = useState(() => Date.now());
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  if (current.isPending) return <Loading />;
  if (current.isError) return <ErrorState error={current.error} onRetry={() => current.refetch()} />;
  const plan = current.data?.current.plan;
  if (!plan)
    return (
      <Stack>
        <Title order={1}>{t('aftercare.title')}</Title>
        <Empty>{t('aftercare.noPlan')}</Empty>
      </Stack>
    );
  const today = clinicToday(now);
  const past = plan.sessions.filter((s) => s.date <= today);
  // The clock runs from the charted session's check-in when there is one (its real time), else
  // from a planned day the patient picks (noon, since the plan holds no hour).
  const charted = treated.data?.session ?? null;
  const choice = chosen ?? (charted ? CHARTED : (past.at(-1)?.date ?? null));
  const from = choice === CHARTED && charted ? charted.checkedInAt : choice ? sessionInstant(choice) : null;
  const steps = AFTERCARE[plan.modality];
  const phases = from !== null ? aftercarePhases((now - from) / 3_600_000) : null;
  const options = [
    ...(charted
      ? [
          {
            value: CHARTED,
            label: t('aftercare.chartedSession', { when: formatInstant(charted.checkedInAt) }),
          },
        ]
      : []),
    ...past.map((s) => ({
      value: s.date,
      label: `${formatDay(s.date)} · ${t('plan.sessionN', { n: s.index, of: plan.sessions.length })}`,
    })),
  ];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('aftercare.title')}</Title>
        <Text c="dimmed">{t('aftercare.intro')}</Text>
        {treated.data?.session && (
          <Button
            component="a"
            href={`/api/v1/patients/${patientId}/aftercare.pdf`}
            target="_blank"
            rel="noopener"
            title={t('print.newTab')}
            variant="light"
            size="sm"
            mt="xs"
          >
            {t('print.aftercare')}
          </Button>
        )}
      </div>
      {options.length > 0 ? (
        <Select
          label={t('aftercare.sessionDay')}
          data={options}
          value={choice}
          allowDeselect={false}
          onChange={setChosen}
          maw={420}
        />
      ) : (
        <Text size="sm">
          {t('aftercare.noSessionYet', { date: formatDay(plan.sessions[0]?.date ?? today) })}
        </Text>
      )}
      {(phases ?? aftercarePhases(-1)).map((ph) => {
        const items = steps.filter((s) => s.phase === ph.phase);
        if (items.length === 0) return null;
        return (
          <Card withBorder key={ph.phase} component="section" aria-labelledby={`ph-${ph.phase}`}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={2} size="h4" id={`ph-${ph.phase}`}>
                {ph.label}
              </Title>
              {phases &&
                (ph.state === 'now' ? (
                  <Badge color="teal" variant="filled" autoContrast data-testid={`phase-${ph.phase}`}>
                    {left(ph.hoursLeft ?? 0)}
                  </Badge>
                ) : ph.state === 'done' ? (
                  <Badge color="gray" variant="light" data-testid={`phase-${ph.phase}`}>
                    {t('aftercare.done')}
                  </Badge>
                ) : (
                  <Badge color="blue" variant="light" data-testid={`phase-${ph.phase}`}>
                    {t('aftercare.ongoing')}
                  </Badge>
                ))}
            </Group>
            {phases && ph.progress !== null && ph.state === 'now' && (
              <Progress
                value={ph.progress * 100}
                mt="xs"
                size="sm"
                aria-label={t('aftercare.progress', { phase: ph.label })}
              />
            )}
            <List mt="sm" spacing={6}>
              {items.map((s) => (
                <List.Item key={s.id}>
                  {s.text} <SourceRef sources={s.sources} />
                </List.Item>
              ))}
            </List>
          </Card>
        );
      })}
      <Card withBorder bg="red.0">
        <Title order={2} size="h4">
          {t('aftercare.whenToCall')}
        </Title>
        <Text size="sm" mt="xs">
          {t('aftercare.whenToCallBody')} <SourceRef sources={['S3', 'S4']} />
        </Text>
      </Card>
    </Stack>
  );
}
