import { MINUTE_MS, toEpochDay } from './local-time';
import { createDayPlanner, type DayPlanner } from './plan-days';
import { type CourseDays, type DayGap, searchCourse } from './search-course';
import { compileSessionShape, type SessionShape } from './session-shape';
import type { CourseRequest, PatientPreferences } from './types';

// A course request checked once and turned into the numbers the search works with; shared by the
// solver and by the failure explanation, which re-runs the search with one constraint relaxed.

export interface CourseSetup {
  request: CourseRequest;
  shape: SessionShape;
  gaps: DayGap[];
  firstDay: number;
  searchDays: number;
  alternatives: number;
  softMissPenaltyDays: number;
  maxGapExtensionDays: number;
  stepMs: number;
}

export function prepareCourse(request: CourseRequest): CourseSetup {
  const n = request.sessions;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('a course has at least one session');
  const windows = Array.isArray(request.gaps)
    ? request.gaps
    : Array.from({ length: n - 1 }, () => request.gaps);
  if (windows.length !== n - 1) throw new RangeError(`a course of ${n} sessions has ${n - 1} gaps`);
  const gaps = windows.map((g: DayGap, i) => {
    // A gap of at least one day keeps the sessions on different days, which is what lets the
    // search judge each day on its own.
    if (
      !(
        Number.isInteger(g.min) &&
        Number.isInteger(g.max) &&
        g.min >= 1 &&
        g.min <= g.target &&
        g.target <= g.max
      )
    ) {
      throw new RangeError(`gap ${i + 1} must satisfy 1 <= min <= target <= max (whole days)`);
    }
    return { min: g.min, target: g.target, max: g.max };
  });
  const stepMs = (request.stepMinutes ?? 15) * MINUTE_MS;
  if (!(stepMs > 0)) throw new RangeError('step must be positive');
  const counts = {
    searchDays: request.searchDays ?? 60,
    alternatives: request.alternatives ?? 3,
    softMissPenaltyDays: request.softMissPenaltyDays ?? 7,
    maxGapExtensionDays: request.maxGapExtensionDays ?? 14,
  };
  for (const [name, value] of Object.entries(counts)) {
    const least = name === 'searchDays' || name === 'alternatives' ? 1 : 0;
    if (!(Number.isInteger(value) && value >= least))
      throw new RangeError(`${name} must be a whole number >= ${least}`);
  }
  return {
    request,
    shape: compileSessionShape(request.modality, request.cleaningMinutes ?? 15),
    gaps,
    firstDay: toEpochDay(request.earliest),
    ...counts,
    stepMs,
  };
}

export function plannerFor(setup: CourseSetup, preferences: PatientPreferences): DayPlanner {
  return createDayPlanner({
    shape: setup.shape,
    modalityId: setup.request.modality.id,
    resources: setup.request.resources,
    timeZone: setup.request.timeZone,
    firstDay: setup.request.earliest,
    stepMs: setup.stepMs,
    notBefore: setup.request.notBefore,
    preferences,
  });
}

export function findCourseDays(
  setup: CourseSetup,
  planner: DayPlanner,
  overrides: { gaps?: DayGap[]; searchDays?: number; count?: number } = {},
): CourseDays[] {
  return searchCourse({
    verdict: planner.verdict,
    gaps: overrides.gaps ?? setup.gaps,
    firstDay: setup.firstDay,
    searchDays: overrides.searchDays ?? setup.searchDays,
    count: overrides.count ?? setup.alternatives,
    softMissPenaltyDays: setup.softMissPenaltyDays,
  });
}
