/** A year in the quote's arithmetic; leap days are ignored. */
export const YEAR_DAYS = 365;

export const QUOTE_HORIZONS = {
  year1: YEAR_DAYS,
  threeYears: 3 * YEAR_DAYS,
} as const;

/**
 * How many sessions of a course fall inside the first `horizonDays` days, counting day 0 as the
 * first session: initial sessions every `initialIntervalDays`, then (if any) a maintenance session
 * every `maintenanceIntervalDays` after the last initial one. A session on day `horizonDays` itself
 * belongs to the next period. Closed form, so long horizons cost nothing.
 */
export function countSessionsWithin(
  horizonDays: number,
  initialSessions: number,
  initialIntervalDays: number,
  maintenanceIntervalDays: number | null,
): number {
  if (horizonDays <= 0 || initialSessions <= 0) return 0;
  const initialInside =
    initialIntervalDays <= 0
      ? initialSessions
      : Math.min(initialSessions, Math.ceil(horizonDays / initialIntervalDays));
  const lastInitialDay = (initialSessions - 1) * Math.max(initialIntervalDays, 0);
  if (maintenanceIntervalDays === null || lastInitialDay >= horizonDays) return initialInside;
  const boosters = Math.ceil((horizonDays - lastInitialDay) / maintenanceIntervalDays) - 1;
  return initialInside + boosters;
}
