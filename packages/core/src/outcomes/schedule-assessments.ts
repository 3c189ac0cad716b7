import { findIndication } from '../catalog/indications';
import { findInstrument, type OutcomeInstrument } from '../catalog/instruments';
import type { FollowUpKind, Plan } from '../planning/types';
import type { LocalDate, Sourced, SourceKey } from '../types';

export type AssessmentPoint = 'baseline' | 'end-of-series' | 'follow-up';

export interface AssessmentSlot extends Sourced {
  point: AssessmentPoint;
  date: LocalDate;
  label: string;
  /** The session the assessment is made at (baseline: 1, end of series: the last). */
  sessionIndex: number | null;
  followUpKind: FollowUpKind | null;
  /** Instrument ids to record at this slot, in the order given. */
  instruments: string[];
  /** Instruments left out of this slot, with the reason. */
  omitted: { instrumentId: string; reason: string }[];
}

export type ScheduleAssessmentsResult =
  | { ok: true; slots: AssessmentSlot[] }
  | { ok: false; problems: { path: string; message: string }[] };

const union = (...lists: SourceKey[][]) => [...new Set(lists.flat())];

/**
 * When to record which instrument for a planned course: a baseline before the first treatment, an
 * end-of-series assessment at the last session (before it is given), and one at each planned
 * follow-up (outcome review, safety review, study follow-ups). Ratings of change against the
 * baseline (GAIS) have nothing to rate at the baseline, so they start at the second slot. A
 * single-session course has no separate end-of-series slot: its baseline is taken that day.
 * `instrumentIds` defaults to the instruments the catalog lists for the plan's indication.
 */
export function scheduleAssessments(
  plan: Plan,
  instrumentIds: readonly string[] = findIndication(plan.indication)?.outcomeInstruments ?? [],
): ScheduleAssessmentsResult {
  const problems: { path: string; message: string }[] = [];
  const instruments: OutcomeInstrument[] = [];
  instrumentIds.forEach((id, i) => {
    const instrument = findInstrument(id);
    if (!instrument) {
      problems.push({
        path: `instruments[${i}]`,
        message: `'${id}' is not an outcome instrument in the catalog`,
      });
    } else if (!instruments.includes(instrument)) instruments.push(instrument);
  });
  const first = plan.sessions[0];
  const last = plan.sessions[plan.sessions.length - 1];
  if (!first || !last) problems.push({ path: 'plan.sessions', message: 'the plan has no sessions' });
  if (instruments.length === 0 && problems.length === 0) {
    problems.push({ path: 'instruments', message: 'no outcome instruments to schedule' });
  }
  if (problems.length > 0 || !first || !last) return { ok: false, problems };

  const all = instruments.map((i) => i.id);
  const instrumentSources = instruments.flatMap((i) => i.sources);
  const slots: AssessmentSlot[] = [];

  const measured = instruments.filter((i) => !i.comparative);
  slots.push({
    point: 'baseline',
    date: first.date,
    label: 'Baseline, before the first treatment',
    sessionIndex: first.index,
    followUpKind: null,
    instruments: measured.map((i) => i.id),
    omitted: instruments
      .filter((i) => i.comparative)
      .map((i) => ({
        instrumentId: i.id,
        reason: `${i.name} rates change against the baseline, so there is nothing to rate before treatment`,
      })),
    sources: union(
      ['EXOCLINIC-MODEL'],
      measured.flatMap((i) => i.sources),
    ),
  });

  if (last.index !== first.index) {
    slots.push({
      point: 'end-of-series',
      date: last.date,
      label: 'End of the initial series, before the last treatment',
      sessionIndex: last.index,
      followUpKind: null,
      instruments: all,
      omitted: [],
      sources: union(['EXOCLINIC-MODEL'], instrumentSources),
    });
  }

  for (const f of plan.followUps) {
    slots.push({
      point: 'follow-up',
      date: f.date,
      label: f.label,
      sessionIndex: null,
      followUpKind: f.kind,
      instruments: all,
      omitted: [],
      sources: union(f.sources, instrumentSources),
    });
  }

  // Stable by date: slots on the same day keep the order baseline, end of series, follow-ups.
  slots.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { ok: true, slots };
}
