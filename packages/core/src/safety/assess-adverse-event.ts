import { type AdverseEventType, CTCAE_GRADES, findAdverseEventType } from '../catalog/adverse-events';
import type { EpochMs, Sourced, SourceKey } from '../types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface AdverseEventReport {
  /** An id from `ADVERSE_EVENT_TYPES`. */
  typeId: string;
  onsetAt: EpochMs;
  /** CTCAE grade, 1–5. */
  grade: number;
  serious: boolean;
  resolvedAt: EpochMs | null;
  /** Start of the linked session, when the event is linked to one (for delayed-onset reactions). */
  sessionAt?: EpochMs | null;
}

export interface AdverseEventFlag extends Sourced {
  code:
    | 'outlasts-expected'
    | 'no-expected-duration'
    | 'serious-implied'
    | 'delayed-onset'
    | 'onset-outside-known-window';
  message: string;
}

export interface AdverseEventAssessment extends Sourced {
  type: { id: string; name: string; frequency: AdverseEventType['frequency'] };
  grade: { grade: number; name: string; meaning: string; sources: SourceKey[] };
  ongoing: boolean;
  /** Hours from onset to resolution, or to `now` while it lasts. */
  durationHours: number;
  expectedHours: { min: number; max: number; sources: SourceKey[] } | null;
  /**
   * True once the event has lasted longer than its type usually does; null for types that have
   * no expected duration (any occurrence needs action).
   */
  outlastsExpected: boolean | null;
  /** Alert the clinic's owners and admins at once. */
  alert: { immediate: boolean; reasons: { reason: string; sources: SourceKey[] }[] };
  /** A clinician should look at it (an alert, an overlong event, or a type with no expected course). */
  needsReview: boolean;
  delayedOnset: {
    daysAfterSession: number;
    window: { min: number; max: number };
    inWindow: boolean;
    note: string;
    sources: SourceKey[];
  } | null;
  flags: AdverseEventFlag[];
}

export interface AdverseEventProblem {
  path: 'typeId' | 'grade' | 'onsetAt' | 'resolvedAt' | 'sessionAt' | 'now';
  message: string;
}

export type AssessAdverseEventResult =
  | { ok: true; assessment: AdverseEventAssessment }
  | { ok: false; problems: AdverseEventProblem[] };

const isInstant = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const hoursText = (h: number) =>
  h >= 48 ? `${Math.round((h / 24) * 10) / 10} days` : `${Math.round(h * 10) / 10} hours`;
const union = (...lists: SourceKey[][]) => [...new Set(lists.flat())];

function validate(event: AdverseEventReport, now: number): AdverseEventProblem[] {
  const problems: AdverseEventProblem[] = [];
  if (!findAdverseEventType(event.typeId)) {
    problems.push({
      path: 'typeId',
      message: `'${event.typeId}' is not an adverse event type in the catalog`,
    });
  }
  if (!Number.isInteger(event.grade) || event.grade < 1 || event.grade > 5) {
    problems.push({
      path: 'grade',
      message: `CTCAE grade must be a whole number from 1 to 5; got ${event.grade}`,
    });
  }
  if (!isInstant(now)) problems.push({ path: 'now', message: 'must be an instant in epoch milliseconds' });
  if (!isInstant(event.onsetAt)) {
    problems.push({ path: 'onsetAt', message: 'must be an instant in epoch milliseconds' });
  } else if (isInstant(now) && event.onsetAt > now) {
    problems.push({ path: 'onsetAt', message: 'the onset cannot be in the future' });
  }
  if (event.resolvedAt !== null) {
    if (!isInstant(event.resolvedAt)) {
      problems.push({
        path: 'resolvedAt',
        message: 'must be an instant in epoch milliseconds, or null while ongoing',
      });
    } else {
      if (isInstant(event.onsetAt) && event.resolvedAt < event.onsetAt) {
        problems.push({ path: 'resolvedAt', message: 'the event cannot resolve before its onset' });
      }
      if (isInstant(now) && event.resolvedAt > now) {
        problems.push({ path: 'resolvedAt', message: 'the resolution cannot be in the future' });
      }
    }
  }
  if (event.sessionAt !== undefined && event.sessionAt !== null) {
    if (!isInstant(event.sessionAt)) {
      problems.push({ path: 'sessionAt', message: 'must be an instant in epoch milliseconds' });
    } else if (isInstant(event.onsetAt) && event.onsetAt < event.sessionAt) {
      problems.push({ path: 'sessionAt', message: 'the onset is before the linked session' });
    }
  }
  return problems;
}

/**
 * Reads one reported adverse event against the catalog (DOMAIN §8, §15): has it lasted longer
 * than its type usually does, does it need an immediate alert (CTCAE grade 3 or more, marked
 * serious, or a type that always needs urgent review), and, for reactions known to appear late
 * (delayed granulomas: 2 weeks to 3 months), whether the onset falls in that window after the
 * linked session. `now` is an argument: the core has no clock.
 */
export function assessAdverseEvent(event: AdverseEventReport, now: EpochMs): AssessAdverseEventResult {
  const problems = validate(event, now);
  const type = findAdverseEventType(event.typeId);
  if (problems.length > 0 || !type) return { ok: false, problems };

  const grade = CTCAE_GRADES.find((g) => g.grade === event.grade)!;
  const ongoing = event.resolvedAt === null;
  const durationHours = ((event.resolvedAt ?? now) - event.onsetAt) / HOUR_MS;
  const flags: AdverseEventFlag[] = [];

  let outlastsExpected: boolean | null = null;
  if (type.expectedHours) {
    outlastsExpected = durationHours > type.expectedHours.max;
    if (outlastsExpected) {
      flags.push({
        code: 'outlasts-expected',
        message: `${type.name} has lasted ${hoursText(durationHours)}${ongoing ? ' and is ongoing' : ''}; it usually settles within ${hoursText(type.expectedHours.max)}`,
        sources: [...type.sources],
      });
    }
  } else {
    flags.push({
      code: 'no-expected-duration',
      message: `${type.name} has no expected course: any occurrence needs a clinician's action`,
      sources: [...type.sources],
    });
  }

  const reasons: { reason: string; sources: SourceKey[] }[] = [];
  if (event.grade >= 3) {
    reasons.push({ reason: `CTCAE grade ${grade.grade} (${grade.name.toLowerCase()})`, sources: ['CTCAE'] });
  }
  if (event.serious) reasons.push({ reason: 'reported as serious', sources: ['FDA-MEDWATCH'] });
  if (type.urgent) {
    reasons.push({
      reason: `${type.name} always needs an immediate clinician review`,
      sources: [...type.sources],
    });
  }
  if (event.grade >= 4 && !event.serious) {
    flags.push({
      code: 'serious-implied',
      message: `a grade ${event.grade} event (${grade.name.toLowerCase()}) is a serious adverse event by definition; mark it serious`,
      sources: ['FDA-MEDWATCH', 'CTCAE'],
    });
  }

  let delayedOnset: AdverseEventAssessment['delayedOnset'] = null;
  if (type.onsetDays && event.sessionAt !== undefined && event.sessionAt !== null) {
    const days = Math.floor((event.onsetAt - event.sessionAt) / DAY_MS);
    const { min, max } = type.onsetDays;
    const inWindow = days >= min && days <= max;
    const note = inWindow
      ? `onset ${days} days after the linked session, within the ${min}–${max} days in which ${type.name.toLowerCase()} is reported`
      : `onset ${days} days after the linked session, outside the ${min}–${max} days in which ${type.name.toLowerCase()} is usually reported`;
    delayedOnset = {
      daysAfterSession: days,
      window: { min, max },
      inWindow,
      note,
      sources: [...type.sources],
    };
    flags.push({
      code: inWindow ? 'delayed-onset' : 'onset-outside-known-window',
      message: note,
      sources: [...type.sources],
    });
  }

  const immediate = reasons.length > 0;
  const assessment: AdverseEventAssessment = {
    type: { id: type.id, name: type.name, frequency: type.frequency },
    grade: { grade: grade.grade, name: grade.name, meaning: grade.meaning, sources: ['CTCAE'] },
    ongoing,
    durationHours,
    expectedHours: type.expectedHours ? { ...type.expectedHours, sources: [...type.sources] } : null,
    outlastsExpected,
    alert: { immediate, reasons },
    needsReview: immediate || outlastsExpected === true || type.expectedHours === null,
    delayedOnset,
    flags,
    sources: [],
  };
  assessment.sources = union(
    type.sources,
    ['CTCAE'],
    ...reasons.map((r) => r.sources),
    ...flags.map((f) => f.sources),
  ).sort();
  return { ok: true, assessment };
}
