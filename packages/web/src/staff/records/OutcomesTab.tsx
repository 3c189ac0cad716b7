import { describeRange, findIndication, findInstrument, type IndicationId } from '@exoclinic/core';
import { Button, Card, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PlanOutcomes } from '../../api/records-types';
import type { PlanRecord } from '../../api/types';
import { SourceRef } from '../../components/SourceRef';
import { Empty, ErrorState, Loading } from '../../components/States';
import { TableScroll } from '../../components/TableScroll';
import { formatDay, formatInstant, formatNumber } from '../../lib/format';
import { t } from '../../lib/i18n';
import { may, useSession } from '../../lib/session';
import { currentPlanOf, usePlans } from '../queries';
import { usePlanResponse } from './chart-records-api';
import { OutcomeChart } from './OutcomeChart';
import { Comparison } from './OutcomeForm';
import { usePatientSessions, usePlanOutcomes } from './queries';

type InstrumentOutcome = PlanOutcomes['instruments'][number];

const signed = (n: number, digits: number) =>
  n > 0 ? `+${formatNumber(n, digits)}` : formatNumber(n, digits);
const tp = (timepoint: string) => t(`outcome.tp.${timepoint}` as 'outcome.tp.baseline');

/** One instrument: what it measures, its scores drawn and tabled, and the verdict against the MCID. */
function InstrumentCard({ outcome }: { outcome: InstrumentOutcome }) {
  const instrument = findInstrument(outcome.instrumentId);
  const name = instrument?.name ?? outcome.instrumentId;
  const headingId = `outcome-${outcome.instrumentId}-h`;
  if (!instrument) return null;
  const digits = instrument.integer ? 0 : 2;
  const unit = instrument.unit ? ` ${instrument.unit}` : '';
  const scores = outcome.scores;
  const latest = scores.at(-1);
  const baseline = instrument.comparative ? null : outcome.baseline;
  const mcid = baseline !== null ? instrument.mcid : undefined;
  const sign = instrument.direction === 'higher-better' ? '+' : '−';
  const summary = [
    t('outcomes.summary', {
      name,
      n: scores.length,
      from: formatInstant(scores[0]?.measuredAt ?? 0, false),
      to: formatInstant(latest?.measuredAt ?? 0, false),
      latest: `${formatNumber(latest?.value ?? 0, digits)}${unit}`,
    }),
    outcome.comparison && !outcome.comparison.comparative && outcome.comparison.baseline !== null
      ? t('outcomes.summaryChange', {
          baseline: formatNumber(outcome.comparison.baseline, digits),
          change: signed(outcome.comparison.change, digits),
        })
      : '',
    mcid && baseline !== null
      ? t('outcomes.summaryMcid', {
          mcid: `${formatNumber(baseline, digits)} ${sign} ${formatNumber(mcid.min, digits)}`,
        })
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Card withBorder component="section" aria-labelledby={headingId} data-testid="outcome-instrument">
      <Stack gap="sm">
        <div>
          <Group gap="xs">
            <Title order={3} size="h4" id={headingId}>
              {name}
            </Title>
            <SourceRef sources={instrument.sources} label={name} />
          </Group>
          <Text size="sm" c="dimmed">
            {t(instrument.direction === 'higher-better' ? 'outcome.higherBetter' : 'outcome.lowerBetter')}
            {' · '}
            {t('outcomes.range', { range: describeRange(instrument) })}
            {instrument.comparative && ` ${t('outcomes.comparative')}`}
          </Text>
        </div>
        <OutcomeChart instrument={instrument} scores={scores} baseline={baseline} summary={summary} />
        <Text size="xs" c="dimmed">
          {mcid
            ? t('outcomes.mcidLegend', {
                sign,
                min: formatNumber(mcid.min, digits),
                max: formatNumber(mcid.max, digits),
              })
            : t('outcomes.noMcidLine')}{' '}
          {mcid && <SourceRef sources={mcid.sources} label={t('outcome.mcid')} />}
        </Text>
        <TableScroll minWidth={320} label={t('outcomes.table', { name })}>
          <Table aria-label={t('outcomes.table', { name })} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('outcomes.col.date')}</Table.Th>
                <Table.Th scope="col">{t('outcomes.col.when')}</Table.Th>
                <Table.Th scope="col" className="num">
                  {t('outcomes.col.score')}
                </Table.Th>
                <Table.Th scope="col" className="num">
                  {t('outcomes.col.change')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scores.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatInstant(s.measuredAt, false)}</Table.Td>
                  <Table.Td>{tp(s.timepoint)}</Table.Td>
                  <Table.Td className="num">
                    {formatNumber(s.value, digits)}
                    {unit}
                  </Table.Td>
                  <Table.Td className="num">
                    {baseline !== null && s.timepoint !== 'baseline'
                      ? signed(s.value - baseline, digits)
                      : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        {outcome.comparison ? (
          <Comparison c={outcome.comparison} />
        ) : (
          <Text size="sm" c="dimmed">
            {outcome.unpaired}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** When maintenance is due for this course, and whether the patient's own scores timed it. */
function MaintenanceTiming({ planId }: { planId: string }) {
  const response = usePlanResponse(planId);
  return (
    <Card withBorder component="section" aria-labelledby="maintenance-timing-h">
      <Title order={3} size="h4" id="maintenance-timing-h" mb="xs">
        {t('outcomes.maintenanceTitle')}
      </Title>
      {response.isPending ? (
        <Loading />
      ) : response.isError ? (
        <ErrorState error={response.error} onRetry={() => response.refetch()} />
      ) : !response.data.response?.maintenanceDue ? (
        <Text size="sm" c="dimmed">
          {t('outcomes.noMaintenance')}
        </Text>
      ) : (
        (() => {
          const r = response.data.response;
          const due = r.maintenanceDue!;
          const instrument = response.data.instrumentId
            ? findInstrument(response.data.instrumentId)
            : undefined;
          return (
            <Stack gap="xs" data-testid="maintenance-timing">
              <Text size="sm">
                {t('outcomes.maintenanceDue', {
                  date: formatDay(due.date),
                  earliest: formatDay(due.earliest, 'short'),
                  latest: formatDay(due.latest, 'short'),
                  days: due.daysAfterLastSession,
                })}{' '}
                <SourceRef sources={due.sources} label={t('outcomes.maintenanceTitle')} />
              </Text>
              <Text size="sm">
                {r.personalised && r.fit
                  ? t('outcomes.personalised', {
                      instrument: instrument?.name ?? response.data.instrumentId ?? '',
                      points: r.fit.points,
                    })
                  : t('outcomes.fromProtocol')}{' '}
                {t(`outcomes.reason.${due.reason}` as 'outcomes.reason.threshold', {
                  pct: `${Math.round(r.threshold * 100)}%`,
                })}
              </Text>
              {r.explanation.length > 0 && (
                <details>
                  <summary>
                    <Text span size="sm">
                      {t('outcomes.how')}
                    </Text>
                  </summary>
                  <List size="sm" mt="xs">
                    {r.explanation.map((e) => (
                      <List.Item key={e.factor}>
                        {e.effect} <SourceRef sources={e.sources} />
                      </List.Item>
                    ))}
                  </List>
                </details>
              )}
            </Stack>
          );
        })()
      )}
    </Card>
  );
}

function PlanOutcomesView({ patientId, plan }: { patientId: string; plan: PlanRecord }) {
  const session = useSession();
  const outcomes = usePlanOutcomes(plan.id);
  const canRecord = may(session.data, 'outcomes.write') && may(session.data, 'sessions.read');
  const sessions = usePatientSessions(patientId, canRecord ? plan.id : null);
  const latestSession = sessions.data?.find((s) => s.status !== 'no_show' && s.status !== 'cancelled');
  const indication = findIndication(plan.current.plan.indication as IndicationId);
  if (outcomes.isPending) return <Loading />;
  if (outcomes.isError) return <ErrorState error={outcomes.error} onRetry={() => outcomes.refetch()} />;
  const scored = new Set(outcomes.data.instruments.map((i) => i.instrumentId));
  const notScored = (indication?.outcomeInstruments ?? []).filter((id) => !scored.has(id));
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h3">
          {t('outcomes.title')}
        </Title>
        {canRecord &&
          (latestSession ? (
            <Button variant="light" component={Link} to={`/sessions/${latestSession.id}#outcome-h`}>
              {t('outcomes.record')}
            </Button>
          ) : (
            sessions.isSuccess && (
              <Text size="sm" c="dimmed" maw={360}>
                {t('outcomes.recordWhere')}
              </Text>
            )
          ))}
      </Group>
      {outcomes.data.instruments.length === 0 ? (
        <Empty>{t('outcomes.none')}</Empty>
      ) : (
        outcomes.data.instruments.map((i) => <InstrumentCard key={i.instrumentId} outcome={i} />)
      )}
      {notScored.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('outcomes.notScored', {
            list: notScored.map((id) => findInstrument(id)?.name ?? id).join(', '),
          })}
        </Text>
      )}
      <MaintenanceTiming planId={plan.id} />
    </Stack>
  );
}

/** "Joint pain · Accepted · Dec 7, 2026 (current)": which course a plan is. */
function courseLabel(plan: PlanRecord, current: PlanRecord | null): string {
  const indication = findIndication(plan.current.plan.indication as IndicationId);
  const label = t('outcomes.courseLabel', {
    indication: indication?.name ?? plan.current.plan.indication,
    status: t(`planStatus.${plan.status}` as 'planStatus.accepted'),
    day: formatInstant(plan.createdAt, false),
  });
  return plan.id === current?.id ? t('outcomes.courseCurrent', { label }) : label;
}

/**
 * The course's outcome scores over time, per instrument, and the maintenance timing they lead to.
 * A patient with several courses (a skin course and a knee course, or an earlier one) picks the
 * course; the current plan is shown first.
 */
export function OutcomesTab({ patientId }: { patientId: string }) {
  const plans = usePlans(patientId);
  const [chosen, setChosen] = useState<string | null>(null);
  if (plans.isPending) return <Loading />;
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => plans.refetch()} />;
  const current = currentPlanOf(plans.data);
  const plan = plans.data.find((p) => p.id === chosen) ?? current ?? plans.data[0];
  if (!plan) return <Empty>{t('outcomes.noPlan')}</Empty>;
  // The current course first, the others newest first as the API lists them.
  const ordered = current ? [current, ...plans.data.filter((p) => p.id !== current.id)] : plans.data;
  return (
    <Stack gap="md">
      {plans.data.length > 1 && (
        <Select
          label={t('outcomes.course')}
          description={t('outcomes.courseHint')}
          data={ordered.map((p) => ({ value: p.id, label: courseLabel(p, current) }))}
          value={plan.id}
          onChange={(id) => id && setChosen(id)}
          allowDeselect={false}
          maw={520}
        />
      )}
      <PlanOutcomesView key={plan.id} patientId={patientId} plan={plan} />
    </Stack>
  );
}
