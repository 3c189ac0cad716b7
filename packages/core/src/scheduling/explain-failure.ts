import { buildPools } from './build-pools';
import { type CourseSetup, findCourseDays, plannerFor } from './course-setup';
import { fromEpochDay } from './local-time';
import type { DayPlanner } from './plan-days';
import { countPlaceableSessions, type DayGap } from './search-course';
import type { CourseFailure, PatientPreferences, ProvenRelaxation, Relaxation } from './types';

// When no course fits, the front desk needs the reason and what to change, not just "no slots".
// Each suggested relaxation has been tried: the search is re-run with it and it gives a course.

export function explainCourseFailure(setup: CourseSetup, strict: DayPlanner): CourseFailure {
  const { firstDay, searchDays, gaps } = setup;
  const prefs = setup.request.preferences ?? {};
  const from = fromEpochDay(firstDay);
  const to = fromEpochDay(firstDay + searchDays - 1);
  const open = plannerFor(setup, {});
  const anyOpenDay = countPlaceableSessions({ verdict: open.verdict, gaps: [], firstDay, searchDays }) > 0;
  const placed = countPlaceableSessions({ verdict: strict.verdict, gaps, firstDay, searchDays });
  if (placed > gaps.length) throw new Error('a placeable course was not found by the search');

  if (!anyOpenDay) {
    const noSite = plannerHasNoSite(setup);
    return {
      reason: 'no-availability',
      message: noSite
        ? `No site has everything ${setup.request.modality.id} needs: a practitioner credentialed for it, a room and the devices it uses.`
        : `No free slot for ${setup.request.modality.id} between ${from} and ${to}, whatever the patient's preferences.`,
      placedSessions: 0,
      relaxations: noSite ? [] : searchFurther(setup, strict),
    };
  }
  if (placed === 0) {
    return {
      reason: 'preference-too-narrow',
      message: `The clinic has free slots between ${from} and ${to}, but none within the patient's ${describePreferences(prefs)}.`,
      placedSessions: 0,
      relaxations: [...relaxPreferences(setup, prefs), ...searchFurther(setup, strict)],
    };
  }
  const gap = gaps[placed - 1]!;
  const withPrefs = hasHardPreferences(prefs) ? ` with the patient's ${describePreferences(prefs)}` : '';
  return {
    reason: 'gap-window',
    gap: placed,
    message:
      `Sessions 1–${placed} can be booked${withPrefs}, but session ${placed + 1} cannot be placed ` +
      `${gap.min}–${gap.max} days after session ${placed}.`,
    placedSessions: placed,
    relaxations: [...extendGap(setup, strict, placed - 1), ...relaxPreferences(setup, prefs)],
  };
}

function firstDayWith(
  setup: CourseSetup,
  planner: DayPlanner,
  overrides: { gaps?: DayGap[]; searchDays?: number },
) {
  const found = findCourseDays(setup, planner, { ...overrides, count: 1 });
  return found[0] ? fromEpochDay(found[0].days[0]!) : null;
}

/** The smallest extension of the breaking gap's maximum that gives a course. */
function extendGap(setup: CourseSetup, strict: DayPlanner, index: number): ProvenRelaxation[] {
  // Only the maximum moves: the minimum is the tissue's recovery time, not the scheduler's to shorten.
  for (let k = 1; k <= setup.maxGapExtensionDays; k++) {
    const gaps = setup.gaps.map((g, i) => (i === index ? { ...g, max: g.max + k } : g));
    const firstSession = firstDayWith(setup, strict, { gaps });
    if (firstSession)
      return [{ changes: [{ kind: 'extend-gap', gap: index + 1, extendMaxByDays: k }], firstSession }];
  }
  return [];
}

function searchFurther(setup: CourseSetup, strict: DayPlanner): ProvenRelaxation[] {
  const days = setup.searchDays;
  const firstSession = firstDayWith(setup, strict, { searchDays: 2 * days });
  return firstSession ? [{ changes: [{ kind: 'search-further', days }], firstSession }] : [];
}

/** Each hard preference loosened alone; all of them together only when no single one is enough. */
function relaxPreferences(setup: CourseSetup, prefs: PatientPreferences): ProvenRelaxation[] {
  const options: { change: Relaxation; apply: (p: PatientPreferences) => PatientPreferences }[] = [];
  // A hard practitioner or site becomes soft rather than dropped: still honoured on the days it can be.
  if (prefs.practitioner?.strength === 'hard') {
    const practitioner = { ...prefs.practitioner, strength: 'soft' as const };
    options.push({ change: { kind: 'allow-other-practitioners' }, apply: (p) => ({ ...p, practitioner }) });
  }
  if (prefs.location?.strength === 'hard') {
    const location = { ...prefs.location, strength: 'soft' as const };
    options.push({ change: { kind: 'allow-other-locations' }, apply: (p) => ({ ...p, location }) });
  }
  if (prefs.weekdays) {
    options.push({ change: { kind: 'allow-any-weekday' }, apply: ({ weekdays: _, ...p }) => p });
  }
  if (prefs.timeOfDay) {
    options.push({ change: { kind: 'allow-any-time-of-day' }, apply: ({ timeOfDay: _, ...p }) => p });
  }
  const attempt = (changes: typeof options): ProvenRelaxation[] => {
    const relaxed = changes.reduce((p, o) => o.apply(p), prefs);
    const firstSession = firstDayWith(setup, plannerFor(setup, relaxed), {});
    return firstSession ? [{ changes: changes.map((o) => o.change), firstSession }] : [];
  };
  const singles = options.flatMap((o) => attempt([o]));
  if (singles.length > 0 || options.length < 2) return singles;
  return attempt(options);
}

function hasHardPreferences(p: PatientPreferences): boolean {
  return !!(
    p.weekdays ||
    p.timeOfDay ||
    p.practitioner?.strength === 'hard' ||
    p.location?.strength === 'hard'
  );
}

function describePreferences(p: PatientPreferences): string {
  const parts: string[] = [];
  if (p.weekdays) parts.push(`weekdays (${p.weekdays.join(', ')})`);
  if (p.timeOfDay) parts.push(`hours (${p.timeOfDay.map((w) => `${w.open}–${w.close}`).join(', ')})`);
  if (p.practitioner?.strength === 'hard') parts.push(`practitioner (${p.practitioner.id})`);
  if (p.location?.strength === 'hard') parts.push(`site (${p.location.id})`);
  return parts.length > 0 ? parts.join(' and ') : 'preferences';
}

/** True when no site could ever host the session, whatever the calendar says. */
function plannerHasNoSite(setup: CourseSetup): boolean {
  return buildPools(setup.shape, setup.request.modality.id, setup.request.resources).length === 0;
}
