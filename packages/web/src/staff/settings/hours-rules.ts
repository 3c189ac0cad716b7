// The page's own checks on hours, closures and time off, before anything is sent: the same paths
// the server names in its problem documents (without `body.`), so one list shows both.
import { type LocalDate, wallTimeToInstant } from '@exoclinic/core';
import { t } from '../../lib/i18n';

export type WeeklyHours = Record<string, { open: string; close: string }[]>;
export interface FieldProblem {
  path: string;
  message: string;
}

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
/** The server keeps at most this many ranges per day. */
export const MAX_RANGES = 6;

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Every day's ranges: well-formed, each ending after it starts, none overlapping another. */
export function checkWeekly(weekly: WeeklyHours, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const day of WEEKDAYS) {
    const ranges = weekly[day] ?? [];
    if (ranges.length > MAX_RANGES)
      problems.push({ path: `${prefix}.${day}`, message: t('hours.tooMany', { n: MAX_RANGES }) });
    const good: { i: number; open: number; close: number }[] = [];
    for (const [i, r] of ranges.entries()) {
      const at = `${prefix}.${day}.${i}`;
      const openOk = TIME.test(r.open) && r.open !== '24:00';
      const closeOk = TIME.test(r.close);
      if (!openOk) problems.push({ path: `${at}.open`, message: t('hours.badTime') });
      if (!closeOk) problems.push({ path: `${at}.close`, message: t('hours.badTime') });
      if (!openOk || !closeOk) continue;
      const open = minutes(r.open);
      const close = minutes(r.close);
      if (close <= open) {
        problems.push({ path: `${at}.close`, message: t('hours.endBeforeStart') });
        continue;
      }
      const clash = good.find((g) => g.open < close && open < g.close);
      if (clash) {
        const other = ranges[clash.i]!;
        problems.push({
          path: `${at}.open`,
          message: t('hours.overlap', { other: `${other.open}–${other.close}` }),
        });
      }
      good.push({ i, open, close });
    }
  }
  return problems;
}

/** Closure days: real dates, each once. */
export function checkClosures(closures: string[], prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const [i, d] of closures.entries()) {
    if (!DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
      problems.push({ path: `${prefix}.${i}`, message: t('hours.badDate') });
    else if (seen.has(d)) problems.push({ path: `${prefix}.${i}`, message: t('hours.repeatedDay') });
    seen.add(d);
  }
  return problems;
}

/** A time-off period as the form holds it: wall-clock `YYYY-MM-DDTHH:MM` in the resource's zone. */
export interface PeriodDraft {
  key: string;
  start: string;
  end: string;
  reason: string;
}

/** Wall clock `YYYY-MM-DDTHH:MM` in `timeZone` → epoch ms; null when the text is not one. */
export function instantOf(local: string, timeZone: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  try {
    return wallTimeToInstant(m[1] as LocalDate, Number(m[2]) * 60 + Number(m[3]), timeZone);
  } catch {
    return null;
  }
}

/** Epoch ms → `YYYY-MM-DDTHH:MM` on the wall clock of `timeZone` (what a datetime-local field holds). */
export function wallClockOf(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Periods that start, end after they start, and do not overlap each other. */
export function checkPeriods(periods: PeriodDraft[], timeZone: string, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const good: { i: number; start: number; end: number }[] = [];
  for (const [i, p] of periods.entries()) {
    const start = instantOf(p.start, timeZone);
    const end = instantOf(p.end, timeZone);
    if (start === null) problems.push({ path: `${prefix}.${i}.start`, message: t('hours.badDateTime') });
    if (end === null) problems.push({ path: `${prefix}.${i}.end`, message: t('hours.badDateTime') });
    if (start === null || end === null) continue;
    if (end <= start) {
      problems.push({ path: `${prefix}.${i}.end`, message: t('hours.endBeforeStart') });
      continue;
    }
    const clash = good.find((g) => g.start < end && start < g.end);
    if (clash)
      problems.push({
        path: `${prefix}.${i}.start`,
        message: t('hours.periodOverlap', { n: clash.i + 1 }),
      });
    good.push({ i, start, end });
  }
  return problems;
}

/** The server's field problems, without the `body.` prefix, so they sit beside the page's own. */
export function serverProblems(error: unknown): FieldProblem[] {
  const problem = (error as { problem?: { errors?: FieldProblem[] } } | null)?.problem;
  return (problem?.errors ?? []).map((e) => ({ path: e.path.replace(/^body\./, ''), message: e.message }));
}

/** The message for a field: its own problem, or one the server named for the row holding it. */
export function problemAt(problems: FieldProblem[], ...paths: string[]): string | undefined {
  for (const path of paths) {
    const hit = problems.find((p) => p.path === path);
    if (hit) return hit.message;
  }
  return undefined;
}

/** Weekday names in the clinic's locale, Monday first (2024-01-01 was a Monday). */
export function weekdayName(day: string, locale: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, Number(day))),
  );
}

/** Drop empty days so the stored hours say only what is open. */
export function compactWeekly(weekly: WeeklyHours): WeeklyHours {
  return Object.fromEntries(Object.entries(weekly).filter(([, ranges]) => ranges.length > 0));
}
