import { Temporal } from 'temporal-polyfill';
import { addDays, daysBetween } from '../local-date';
import type { EpochMs, LocalDate } from '../types';
import { type IntervalSet, normaliseIntervals } from './intervals';

// The edge between the clinic's wall clock and instants. Everything inside the scheduler is epoch
// ms; time zones are consulted here only, and only at day boundaries and for wall-clock times.

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Wall-clock hours `HH:MM`–`HH:MM` on one local day; `close` may be `24:00` (the next midnight). */
export interface WallClockRange {
  open: string;
  close: string;
}

export interface OpeningHours {
  /** IANA zone, e.g. `Europe/London`. */
  timeZone: string;
  /** Hours per ISO weekday; a missing weekday is closed. */
  weekly: Partial<Record<IsoWeekday, readonly WallClockRange[]>>;
  /** Local dates the site is closed (holidays). */
  closures?: readonly LocalDate[];
}

// ---- calendar days (no zone: a local date is a name for a day, not an instant) ----------------

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH = '1970-01-01' as LocalDate;

// Day arithmetic is the core's own (`../local-date`); the scheduler counts days as integers.
export { addDays, daysBetween };

/** Days since 1970-01-01 for a local date; rejects text that is not a real calendar day. */
export function toEpochDay(date: LocalDate): number {
  if (!DATE_RE.test(date)) throw new RangeError(`not a local date (YYYY-MM-DD): ${date}`);
  const n = daysBetween(EPOCH, date);
  if (addDays(EPOCH, n) !== date) throw new RangeError(`no such day: ${date}`);
  return n;
}

/** The local date `n` days after 1970-01-01. */
export function fromEpochDay(n: number): LocalDate {
  return addDays(EPOCH, n);
}

export function weekdayOfEpochDay(n: number): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return (((((n + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function weekdayOf(date: LocalDate): IsoWeekday {
  return weekdayOfEpochDay(toEpochDay(date));
}

/** Minutes after local midnight for `HH:MM`; `24:00` is allowed as the end of the day. */
export function parseWallTime(text: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const h = m ? Number(m[1]) : Number.NaN;
  const min = m ? Number(m[2]) : Number.NaN;
  if (!(h >= 0 && min >= 0 && min < 60 && (h < 24 || (h === 24 && min === 0)))) {
    throw new RangeError(`not a wall-clock time (HH:MM): ${text}`);
  }
  return h * 60 + min;
}

// ---- zone conversions (Temporal) ---------------------------------------------------------------

function plainDate(date: LocalDate): Temporal.PlainDate {
  return Temporal.PlainDate.from(date);
}

/** The local date on the clinic's wall calendar at an instant. */
export function localDateOf(instant: EpochMs, timeZone: string): LocalDate {
  return Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString() as LocalDate;
}

/** The first instant of a local day (usually midnight; 01:00 where midnight is skipped by DST). */
export function startOfLocalDay(date: LocalDate, timeZone: string): EpochMs {
  return plainDate(date).toZonedDateTime({ timeZone }).epochMilliseconds as EpochMs;
}

/**
 * The instant a wall clock in `timeZone` shows `minutesAfterMidnight` on `date`. A time skipped by
 * spring-forward maps to the same distance after the gap, a repeated time to its first occurrence
 * (Temporal's `compatible`), which is what a person reading the clock on that day expects.
 */
export function wallTimeToInstant(date: LocalDate, minutesAfterMidnight: number, timeZone: string): EpochMs {
  const pd = minutesAfterMidnight >= 1440 ? plainDate(date).add({ days: 1 }) : plainDate(date);
  const m = minutesAfterMidnight >= 1440 ? minutesAfterMidnight - 1440 : minutesAfterMidnight;
  const pdt = pd.toPlainDateTime({ hour: Math.floor(m / 60), minute: m % 60 });
  return pdt.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds as EpochMs;
}

/**
 * Starts of `count` consecutive local days from `firstDay`, plus the start of the day after, so
 * day i is [starts[i], starts[i+1]). Temporal is asked once per zone transition, not once per day:
 * between transitions a local day is exactly 24 h.
 */
export function localDayStarts(firstDay: LocalDate, count: number, timeZone: string): number[] {
  const starts: number[] = [startOfLocalDay(firstDay, timeZone)];
  let nextTransition = transitionAfter(starts[0]!, timeZone);
  // A day right after a transition may start off midnight (where midnight itself was skipped), so
  // the day after it is computed exactly too before adding 24 h again.
  let exactDays = 1;
  for (let i = 1; i <= count; i++) {
    const naive = starts[i - 1]! + DAY_MS;
    if (exactDays === 0 && naive < nextTransition) {
      starts.push(naive);
      continue;
    }
    const exact = startOfLocalDay(addDays(firstDay, i), timeZone);
    starts.push(exact);
    if (naive >= nextTransition) {
      nextTransition = transitionAfter(exact, timeZone);
      exactDays = 1;
    } else {
      exactDays = Math.max(0, exactDays - 1);
    }
  }
  return starts;
}

function transitionAfter(instant: number, timeZone: string): number {
  const next = Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .getTimeZoneTransition('next');
  return next ? next.epochMilliseconds : Number.POSITIVE_INFINITY;
}

/**
 * Wall-clock minutes on a day whose bounds are known: pure arithmetic on a 24-hour day (no
 * transition can fall inside it), Temporal on the days the clocks change.
 */
export function wallTimeOnDay(
  date: LocalDate,
  dayStart: number,
  dayEnd: number,
  minutesAfterMidnight: number,
  timeZone: string,
): number {
  if (dayEnd - dayStart === DAY_MS) return dayStart + minutesAfterMidnight * MINUTE_MS;
  if (minutesAfterMidnight >= 1440) return dayEnd;
  return wallTimeToInstant(date, minutesAfterMidnight, timeZone);
}

/**
 * Opening hours as instants for the local days `firstDay`..`lastDay` (both included). Each range is
 * read off the wall clock of its own day, so 09:00–17:00 is 8 h on every day, DST days included,
 * and a range that spans a change is as long as the clock says (00:00–06:00 is 5 h in spring).
 */
export function openingHoursToIntervals(
  hours: OpeningHours,
  firstDay: LocalDate,
  lastDay: LocalDate,
): IntervalSet {
  const first = toEpochDay(firstDay);
  const count = toEpochDay(lastDay) - first + 1;
  if (count <= 0) return normaliseIntervals([]);
  const starts = localDayStarts(firstDay, count, hours.timeZone);
  const closed = new Set(hours.closures ?? []);
  const weekly = parseWeekly(hours.weekly);
  const flat: number[] = [];
  for (let i = 0; i < count; i++) {
    const date = fromEpochDay(first + i);
    if (closed.has(date)) continue;
    const ranges = weekly[weekdayOfEpochDay(first + i)]!;
    for (let r = 0; r < ranges.length; r += 2) {
      const s = wallTimeOnDay(date, starts[i]!, starts[i + 1]!, ranges[r]!, hours.timeZone);
      const e = wallTimeOnDay(date, starts[i]!, starts[i + 1]!, ranges[r + 1]!, hours.timeZone);
      flat.push(s, e);
    }
  }
  return normaliseIntervals(flat);
}

/** Weekly hours as minutes-after-midnight pairs, indexed by ISO weekday (index 0 unused). */
export function parseWeekly(weekly: OpeningHours['weekly']): number[][] {
  const out: number[][] = [[], [], [], [], [], [], [], []];
  for (let d = 1 as IsoWeekday; d <= 7; d = (d + 1) as IsoWeekday) {
    for (const range of weekly[d] ?? []) {
      const open = parseWallTime(range.open);
      const close = parseWallTime(range.close);
      if (close <= open)
        throw new RangeError(`closing time must follow opening time: ${range.open}–${range.close}`);
      out[d]!.push(open, close);
    }
  }
  return out;
}
