import {
  type IntervalSet,
  intersectIntervals,
  type LocalDate,
  type OpeningHours,
  openingHoursToIntervals,
} from '@exoclinic/core';

// Opening hours as instants are a pure function of (zone, days, weekly hours, closures), and
// computing them walks every day through the time-zone rules: the profile of a course booking
// showed it as the largest cost after the database. Every booking of a clinic asks for the same
// few sets, so they are remembered by their inputs' text. Sets are read-only: sharing is safe.

const MAX_ENTRIES = 2000;
const remembered = new Map<string, IntervalSet>();

function remember(key: string, compute: () => IntervalSet): IntervalSet {
  const hit = remembered.get(key);
  if (hit) return hit;
  // Days move on and hours change: dropping everything now and then bounds the memory simply.
  if (remembered.size >= MAX_ENTRIES) remembered.clear();
  const value = compute();
  remembered.set(key, value);
  return value;
}

/** `openingHoursToIntervals`, remembered. `weeklyText`/`closuresText` are the stored JSON. */
export function hoursAsIntervals(
  timeZone: string,
  weeklyText: string,
  closuresText: string,
  firstDay: LocalDate,
  lastDay: LocalDate,
): IntervalSet {
  return remember(`${timeZone}|${firstDay}|${lastDay}|${weeklyText}|${closuresText}`, () =>
    openingHoursToIntervals(
      {
        timeZone,
        weekly: JSON.parse(weeklyText) as OpeningHours['weekly'],
        closures: JSON.parse(closuresText) as LocalDate[],
      },
      firstDay,
      lastDay,
    ),
  );
}

/** A resource's own hours inside its site's hours, remembered like the hours themselves. */
export function hoursWithinSite(
  timeZone: string,
  site: { weekly: string; closures: string },
  ownWeekly: string,
  firstDay: LocalDate,
  lastDay: LocalDate,
): IntervalSet {
  return remember(`∩|${timeZone}|${firstDay}|${lastDay}|${site.weekly}|${site.closures}|${ownWeekly}`, () =>
    intersectIntervals(
      hoursAsIntervals(timeZone, site.weekly, site.closures, firstDay, lastDay),
      hoursAsIntervals(timeZone, ownWeekly, '[]', firstDay, lastDay),
    ),
  );
}
