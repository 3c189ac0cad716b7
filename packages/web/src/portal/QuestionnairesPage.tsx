import { findIndication, type IndicationId } from '@exoclinic/core';
import { Alert, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { PlanOutcomes } from '../api/records-types';
import type { PlanRecord } from '../api/types';
import { SourceRef } from '../components/SourceRef';
import { Empty, ErrorState, Loading } from '../components/States';
import { TableScroll } from '../components/TableScroll';
import { formatDay, formatInstant, formatNumber } from '../lib/format';
import { usePageTitle } from '../lib/hooks';
import { t } from '../lib/i18n';
import { useSession } from '../lib/session';
import { AnswerChart } from './AnswerChart';
import { QuestionnaireForm } from './QuestionnaireForm';
import {
  type AnswerScale,
  answerScale,
  occasionLabel,
  shownAnswer,
  timepointText,
} from './questionnaire-scales';
import { type Occasion, useMyOutcomes, useMyPlans, useQuestionnaires } from './questionnaires-api';

const signed = (n: number, digits: number) =>
  n > 0 ? `+${formatNumber(n, digits)}` : formatNumber(n, digits);

/** When an occasion's window is, in plain words. */
function windowText(o: Occasion): string {
  if (o.from === null)
    return o.until
      ? t('questionnaires.window.until', { until: formatDay(o.until, 'short') })
      : t('questionnaires.window.beforeFirst');
  if (o.until)
    return t('questionnaires.window.between', {
      from: formatDay(o.from, 'short'),
      until: formatDay(o.until, 'short'),
    });
  return t('questionnaires.window.since', { from: formatDay(o.from, 'short') });
}

/** What counts as a meaningful change on this scale, with its source; and where the patient stands. */
function Meaning({ scale, outcome }: { scale: AnswerScale; outcome: PlanOutcomes['instruments'][number] }) {
  const { instrument } = scale;
  const mcid = instrument.mcid;
  const c = outcome.comparison;
  const digits = scale.decimals;
  const change = c && !c.comparative && c.baseline !== null ? c.change / scale.factor : null;
  return (
    <Stack gap={4} data-testid="answer-meaning">
      <Text size="sm">
        {mcid
          ? t('questionnaires.meaning.mcid', {
              min: formatNumber(mcid.min / scale.factor, digits),
              max: formatNumber(mcid.max / scale.factor, digits),
            })
          : instrument.comparative
            ? t('questionnaires.meaning.comparative')
            : t('questionnaires.meaning.none')}{' '}
        <SourceRef
          sources={mcid ? mcid.sources : instrument.sources}
          label={t('questionnaires.meaning.title')}
        />
      </Text>
      {change !== null && (
        <Text size="sm" fw={500}>
          {mcid && c?.reachesMcid !== null
            ? t(c?.reachesMcid ? 'questionnaires.meaning.reached' : 'questionnaires.meaning.notReached', {
                change: signed(change, digits),
              })
            : t('questionnaires.meaning.change', { change: signed(change, digits) })}
        </Text>
      )}
    </Stack>
  );
}

/** One instrument's answers: drawn, tabled, and what a meaningful change would be. */
function AnswerHistory({ outcome }: { outcome: PlanOutcomes['instruments'][number] }) {
  const scale = answerScale(outcome.instrumentId);
  if (!scale || outcome.scores.length === 0) return null;
  const headingId = `answers-${outcome.instrumentId}-h`;
  const scores = outcome.scores;
  const latest = scores.at(-1)!;
  const baseline = scale.instrument.comparative ? null : outcome.baseline;
  const summary = t('questionnaires.chart.summary', {
    name: scale.name,
    n: scores.length,
    from: formatInstant(scores[0]!.measuredAt, false),
    to: formatInstant(latest.measuredAt, false),
    latest: shownAnswer(scale, latest.value),
  });
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby={headingId}
      data-testid={`answer-history-${outcome.instrumentId}`}
    >
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={4} id={headingId}>
            {scale.name}
          </Title>
          <SourceRef sources={scale.instrument.sources} label={scale.name} />
        </Group>
        <AnswerChart scale={scale} scores={scores} baseline={baseline} summary={summary} />
        <TableScroll minWidth={300} label={t('questionnaires.table', { name: scale.name })}>
          <Table aria-label={t('questionnaires.table', { name: scale.name })} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('questionnaires.col.date')}</Table.Th>
                <Table.Th scope="col">{t('questionnaires.col.when')}</Table.Th>
                <Table.Th scope="col">{t('questionnaires.col.answer')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scores.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatInstant(s.measuredAt, false)}</Table.Td>
                  <Table.Td>{timepointText(s.timepoint)}</Table.Td>
                  <Table.Td className="num">{shownAnswer(scale, s.value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <Meaning scale={scale} outcome={outcome} />
      </Stack>
    </Card>
  );
}

/**
 * The due questions of one occasion. The GAIS and the VAS are asked here in full; the other
 * scales are scores of multi-item forms the clinic hands out (WOMAC, KOOS, FACE-Q), so they wait
 * behind a disclosure rather than fill a phone's screen with empty number fields.
 */
function OccasionForms({
  planId,
  occasion,
  onSaved,
}: {
  planId: string;
  occasion: Occasion;
  onSaved: (text: string) => void;
}) {
  const scales = occasion.items
    .filter((i) => i.status === 'due')
    .flatMap((i) => {
      const scale = answerScale(i.instrumentId);
      return scale ? [scale] : [];
    });
  const form = (scale: AnswerScale) => (
    <QuestionnaireForm
      key={scale.instrument.id}
      planId={planId}
      occasion={occasion}
      scale={scale}
      onSaved={onSaved}
    />
  );
  const asked = scales.filter((s) => s.kind !== 'number');
  const fromForms = scales.filter((s) => s.kind === 'number');
  return (
    <Stack gap="lg">
      {asked.map(form)}
      {fromForms.length > 0 && (
        <details data-testid="questionnaire-form-scores">
          <summary>
            <Text span fw={600}>
              {t('questionnaires.fromForms', { n: fromForms.length })}
            </Text>
          </summary>
          <Text size="sm" c="dimmed" mt="xs">
            {t('questionnaires.fromFormsHint', { names: fromForms.map((s) => s.name).join(', ') })}
          </Text>
          <Stack gap="lg" mt="md">
            {fromForms.map(form)}
          </Stack>
        </details>
      )}
    </Stack>
  );
}

/** One course: what to answer now, what comes later, and the answers so far. */
function CourseQuestionnaires({ plan }: { plan: PlanRecord }) {
  const due = useQuestionnaires(plan.id);
  const outcomes = useMyOutcomes(plan.id);
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  // The answered form goes away: the keyboard lands on the confirmation instead of the page top.
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);
  const indication = findIndication(plan.current.plan.indication as IndicationId);
  const courseHeading = t('questionnaires.course', {
    indication: indication?.name ?? plan.current.plan.indication,
  });
  const headingId = `course-${plan.id}-h`;
  const body = (() => {
    if (due.isPending) return <Loading />;
    if (due.isError) return <ErrorState error={due.error} onRetry={() => due.refetch()} />;
    if (due.data.instruments.length === 0) return <Empty>{t('questionnaires.none.instruments')}</Empty>;
    const open = due.data.occasions.filter((o) => o.items.some((i) => i.status === 'due'));
    const later = due.data.occasions.filter((o) => o.items.some((i) => i.status === 'upcoming'));
    // The schedule's own sources; each scale shows its sources beside its answers.
    const scaleSources = new Set(
      due.data.instruments.flatMap((id) => answerScale(id)?.instrument.sources ?? []),
    );
    const sources = [...new Set(due.data.occasions.flatMap((o) => o.sources))].filter(
      (k) => !scaleSources.has(k),
    );
    const history = (outcomes.data?.instruments ?? []).filter(
      (i) => due.data.instruments.includes(i.instrumentId) && i.scores.length > 0,
    );
    return (
      <Stack gap="lg">
        {saved && (
          <Alert
            ref={savedRef}
            tabIndex={-1}
            color="teal"
            variant="light"
            title={t('questionnaires.saved')}
            role="status"
            data-testid="questionnaire-saved"
            withCloseButton
            closeButtonLabel={t('questionnaires.dismiss')}
            onClose={() => setSaved(null)}
          >
            {saved}
          </Alert>
        )}
        <section aria-labelledby={`${headingId}-due`} data-testid="questionnaires-due">
          <Title order={3} size="h4" id={`${headingId}-due`} mb="xs">
            {t('questionnaires.due')}
          </Title>
          {open.length === 0 ? (
            <Text c="dimmed">
              {t('questionnaires.nothingDue')}{' '}
              {later[0]?.from &&
                t('questionnaires.nextOpens', {
                  label: occasionLabel(later[0]),
                  date: formatDay(later[0].from),
                })}
            </Text>
          ) : (
            <Stack gap="md">
              {open.map((o) => (
                <Card withBorder key={o.key} component="article" aria-labelledby={`${headingId}-${o.key}`}>
                  <Stack gap="md">
                    <div>
                      <Title order={4} size="h5" id={`${headingId}-${o.key}`}>
                        {occasionLabel(o)}
                      </Title>
                      <Text size="sm" c="dimmed">
                        {windowText(o)}
                      </Text>
                    </div>
                    <OccasionForms planId={plan.id} occasion={o} onSaved={setSaved} />
                  </Stack>
                </Card>
              ))}
            </Stack>
          )}
        </section>

        {later.length > 0 && (
          <section aria-labelledby={`${headingId}-later`} data-testid="questionnaires-upcoming">
            <Title order={3} size="h4" id={`${headingId}-later`} mb="xs">
              {t('questionnaires.upcoming')}
            </Title>
            <List spacing="xs">
              {later.map((o) => (
                <List.Item key={o.key}>
                  <Text span fw={600}>
                    {occasionLabel(o)}
                  </Text>{' '}
                  <Text span>
                    {'— '}
                    {o.from ? t('questionnaires.window.opens', { from: formatDay(o.from) }) : windowText(o)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </section>
        )}

        <section aria-labelledby={`${headingId}-history`}>
          <Title order={3} size="h4" id={`${headingId}-history`} mb="xs">
            {t('questionnaires.history')}
          </Title>
          {outcomes.isPending ? (
            <Loading />
          ) : outcomes.isError ? (
            <ErrorState error={outcomes.error} onRetry={() => outcomes.refetch()} />
          ) : history.length === 0 ? (
            <Empty>{t('questionnaires.noHistory')}</Empty>
          ) : (
            <Stack gap="md">
              {history.map((i) => (
                <AnswerHistory key={i.instrumentId} outcome={i} />
              ))}
            </Stack>
          )}
        </section>

        <Text size="sm" c="dimmed">
          {t('questionnaires.when.body')}{' '}
          <SourceRef sources={sources} label={t('questionnaires.when.title')} />
        </Text>
      </Stack>
    );
  })();
  return (
    <Stack component="section" aria-labelledby={headingId} gap="md">
      <Title order={2} size="h3" id={headingId}>
        {courseHeading}
      </Title>
      {body}
    </Stack>
  );
}

/** The patient's questionnaires: what to answer now for each course, and the answers over time. */
export function QuestionnairesPage() {
  usePageTitle(t('questionnaires.title'));
  const session = useSession();
  const plans = useMyPlans(session.data?.user.patientId);
  const courses = (plans.data ?? []).filter((p) => p.status === 'accepted');
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('questionnaires.title')}</Title>
        <Text c="dimmed">{t('questionnaires.intro')}</Text>
      </div>
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <ErrorState error={plans.error} onRetry={() => plans.refetch()} />
      ) : plans.data.length === 0 ? (
        <Empty>{t('portal.plan.none')}</Empty>
      ) : courses.length === 0 ? (
        <Empty>{t('questionnaires.none.accepted')}</Empty>
      ) : (
        courses.map((p) => <CourseQuestionnaires key={p.id} plan={p} />)
      )}
      <Alert color="gray" variant="light" title={t('questionnaires.caveat.title')}>
        {t('questionnaires.caveat')}
      </Alert>
    </Stack>
  );
}
