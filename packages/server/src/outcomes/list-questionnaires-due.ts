import {
  type AssessmentSlot,
  addDays,
  findIndication,
  findInstrument,
  type LocalDate,
  type OutcomeInstrument,
  type Plan,
  scheduleAssessments,
} from '@exoclinic/core';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { readJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { findPlan, findVersion } from '../plans/repository';
import { clinicDay } from '../records/settings';
import type { UseCaseContext } from '../shared/context';

// The patient's questionnaires: the patient-rated instruments of the course's indication, and the
// occasions to answer them. The catalog's assessment schedule gives the baseline (before the first
// treatment), the end of the initial series and each planned follow-up; to these the portal adds
// one occasion after each session actually given, so that a patient's own ratings follow the
// course session by session. Each occasion is a window of local days; an answer counts for it when
// its timepoint matches and it was given in the window (or names the occasion's session).

const localDay = z.string().describe('local date YYYY-MM-DD');

export const questionnairesDue = z.object({
  planId: z.string(),
  patientId: z.string(),
  indication: z.string(),
  today: localDay.describe('today in the clinic’s time zone'),
  instruments: z.array(z.string()).describe('the patient-rated instruments of the indication'),
  occasions: z.array(
    z.object({
      key: z
        .string()
        .describe('stable within the plan: baseline, session-<id>, end-of-series, follow-up-<n>'),
      point: z.enum(['baseline', 'session', 'end-of-series', 'follow-up']),
      timepoint: z
        .enum(['baseline', 'session', 'end-of-series', 'follow-up', 'maintenance'])
        .describe('the timepoint an answer for this occasion is recorded with'),
      sessionId: z.string().nullable().describe('the session an answer after a session is linked to'),
      sessionIndex: z.number().int().nullable(),
      followUpKind: z.enum(['outcome-review', 'safety-review', 'study-follow-up']).nullable(),
      from: localDay.nullable().describe('first day of the window; null: any time before'),
      until: localDay.nullable().describe('last day of the window; null: open'),
      items: z.array(
        z.object({
          instrumentId: z.string(),
          status: z.enum(['answered', 'due', 'upcoming', 'missed']),
          answer: z
            .object({ scoreId: z.string(), value: z.number(), measuredAt: z.number().int() })
            .nullable(),
        }),
      ),
      sources: z.array(z.string()),
    }),
  ),
});
export type QuestionnairesDue = z.output<typeof questionnairesDue>;
type Occasion = QuestionnairesDue['occasions'][number];

export interface GivenSession {
  sessionId: string;
  index: number | null;
  /** Beyond the initial series: a maintenance session. */
  maintenance: boolean;
  day: LocalDate;
}

export interface RecordedScore {
  scoreId: string;
  instrumentId: string;
  timepoint: string;
  sessionId: string | null;
  value: number;
  measuredAt: number;
  day: LocalDate;
}

const dayBefore = (d: LocalDate) => addDays(d, -1);

/**
 * The occasions of a course with each instrument's state on `today`: answered, due (the window is
 * open), upcoming or missed (the window closed without an answer). Pure: the use case below reads
 * the facts.
 */
export function questionnaireOccasions(input: {
  plan: Plan;
  instruments: readonly OutcomeInstrument[];
  sessions: readonly GivenSession[];
  scores: readonly RecordedScore[];
  today: LocalDate;
}): Occasion[] {
  const { plan, instruments, sessions, scores, today } = input;
  if (instruments.length === 0) return [];
  const schedule = scheduleAssessments(
    plan,
    instruments.map((i) => i.id),
  );
  const slots: AssessmentSlot[] = schedule.ok ? schedule.slots : [];
  const firstGiven = sessions[0]?.day ?? null;

  type Draft = Omit<Occasion, 'items'> & { instrumentIds: string[] };
  const drafts: Draft[] = [];
  const baseline = slots.find((s) => s.point === 'baseline');
  if (baseline && baseline.instruments.length > 0) {
    drafts.push({
      key: 'baseline',
      point: 'baseline',
      timepoint: 'baseline',
      sessionId: null,
      sessionIndex: baseline.sessionIndex,
      followUpKind: null,
      from: null,
      // Before the first treatment: the day of the first session given still counts.
      until: firstGiven,
      sources: baseline.sources,
      instrumentIds: baseline.instruments,
    });
  }
  const all = instruments.map((i) => i.id);
  const sessionSources = [...new Set(['EXOCLINIC-MODEL', ...instruments.flatMap((i) => i.sources)])];
  sessions.forEach((s, i) => {
    const next = sessions[i + 1];
    drafts.push({
      key: `session-${s.sessionId}`,
      point: 'session',
      timepoint: s.maintenance ? 'maintenance' : 'session',
      sessionId: s.sessionId,
      sessionIndex: s.index,
      followUpKind: null,
      from: s.day,
      until: next && next.day > s.day ? dayBefore(next.day) : next ? s.day : null,
      sources: sessionSources,
      instrumentIds: all,
    });
  });
  // The planned milestones: each open until the next one of its kind begins.
  const later = slots.filter((s) => s.point !== 'baseline');
  const followUps = later.filter((s) => s.point === 'follow-up');
  later.forEach((s) => {
    const n = followUps.indexOf(s);
    const next = s.point === 'end-of-series' ? followUps[0] : followUps[n + 1];
    drafts.push({
      key: s.point === 'end-of-series' ? 'end-of-series' : `follow-up-${n + 1}`,
      point: s.point,
      timepoint: s.point,
      sessionId: null,
      sessionIndex: s.sessionIndex,
      followUpKind: s.followUpKind,
      from: s.date,
      until: next && next.date > s.date ? dayBefore(next.date) : null,
      sources: s.sources,
      instrumentIds: s.instruments,
    });
  });

  const answers = (o: Pick<Draft, 'sessionId' | 'timepoint' | 'from' | 'until'>, instrumentId: string) =>
    scores.filter(
      (x) =>
        x.instrumentId === instrumentId &&
        x.timepoint === o.timepoint &&
        (o.sessionId !== null && x.sessionId !== null
          ? x.sessionId === o.sessionId
          : (o.from === null || x.day >= o.from) && (o.until === null || x.day <= o.until)),
    );
  const occasions = drafts.map(
    ({ instrumentIds, ...o }): Occasion => ({
      ...o,
      items: instrumentIds.map((instrumentId) => {
        const answer = answers(o, instrumentId).at(-1);
        const status = answer
          ? 'answered'
          : o.from !== null && today < o.from
            ? 'upcoming'
            : o.until !== null && today > o.until
              ? 'missed'
              : 'due';
        return {
          instrumentId,
          status,
          answer: answer
            ? { scoreId: answer.scoreId, value: answer.value, measuredAt: answer.measuredAt }
            : null,
        };
      }),
    }),
  );
  // By the day they open; the baseline (open since the plan was made) first.
  return occasions.sort((a, b) => (a.from ?? '').localeCompare(b.from ?? ''));
}

/** The patient-rated questionnaires of a course and when each is due (GET /plans/{id}/questionnaires). */
export async function listQuestionnairesDue(ctx: UseCaseContext, planId: string): Promise<QuestionnairesDue> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const t = ctx.actor.tenantId;
    const plan = await findPlan(tx, ctx, planId);
    const version = await findVersion(tx, ctx, planId, plan.accepted_version ?? plan.current_version);
    const body = readJson<Plan>(version.plan);
    const tenant = await tx
      .selectFrom('tenants')
      .select('time_zone')
      .where('tenant_id', '=', t)
      .executeTakeFirstOrThrow();
    const day = (ms: number) => clinicDay(ms, tenant.time_zone) as LocalDate;
    const instruments = (findIndication(body.indication)?.outcomeInstruments ?? []).flatMap((id) => {
      const i = findInstrument(id);
      return i && i.rater === 'patient' ? [i] : [];
    });
    const given = await tx
      .selectFrom('treatment_sessions')
      .select(['session_id', 'session_index', 'series_planned', 'checked_in_at'])
      .where('tenant_id', '=', t)
      .where('plan_id', '=', planId)
      .where('status', 'in', ['charted', 'signed'])
      .where('checked_in_at', 'is not', null)
      .orderBy('checked_in_at')
      .execute();
    const scores = await tx
      .selectFrom('outcome_scores')
      .select(['score_id', 'instrument_id', 'timepoint', 'session_id', 'value', 'measured_at'])
      .where('tenant_id', '=', t)
      .where('plan_id', '=', planId)
      .orderBy('measured_at')
      .execute();
    await recordAudit(tx, ctx, {
      action: 'questionnaire.list',
      patientId: plan.patient_id,
      entity: 'plan',
      entityId: planId,
    });
    const today = day(ctx.now);
    return {
      planId,
      patientId: plan.patient_id,
      indication: body.indication,
      today,
      instruments: instruments.map((i) => i.id),
      occasions: questionnaireOccasions({
        plan: body,
        instruments,
        sessions: given.map((s) => ({
          sessionId: s.session_id,
          index: s.session_index,
          maintenance: (s.session_index ?? 1) > s.series_planned,
          day: day(s.checked_in_at!),
        })),
        scores: scores.map((s) => ({
          scoreId: s.score_id,
          instrumentId: s.instrument_id,
          timepoint: s.timepoint,
          sessionId: s.session_id,
          value: s.value,
          measuredAt: s.measured_at,
          day: day(s.measured_at),
        })),
        today,
      }),
    };
  });
}
