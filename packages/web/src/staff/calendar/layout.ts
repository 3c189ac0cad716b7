// The calendar's arithmetic, kept out of React: wall-clock minutes in the clinic's time zone,
// the week around a day, and side-by-side lanes for overlapping appointments. Pure, so that a
// week of 1,000 appointments is laid out in one pass before anything renders.
import type { Appointment } from '../../api/types';
import { addDays } from '../../lib/format';

export type WeeklyHours = Record<string, { open: string; close: string }[]>;

export interface LocationSchedule {
  locationId: string;
  timeZone: string;
  weekly: WeeklyHours;
  closures: string[];
  stepMinutes: number;
  cleaningMinutes: number;
}

/** Minutes after midnight for `HH:MM` (24:00 allowed). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function hhmm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD day. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The Monday of the week that holds `day`, and the seven days from it. */
export function weekOf(day: string): string[] {
  const monday = addDays(day, 1 - isoWeekday(day));
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

const offsetCache = new Map<string, Intl.DateTimeFormat>();
/** The zone's offset from UTC (ms) at an instant, from Intl (no Temporal in this chunk). */
function offsetAt(ms: number, timeZone: string): number {
  let f = offsetCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetCache.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour! % 24,
    parts.minute!,
    parts.second!,
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall clock in `timeZone` shows `minutes` after midnight on `day`. A time skipped
 * by spring-forward lands after the gap; a repeated time takes its first occurrence.
 */
export function wallTimeToInstant(day: string, minutes: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d, 0, minutes);
  const first = asUtc - offsetAt(asUtc, timeZone);
  const second = asUtc - offsetAt(first, timeZone);
  if (first === second) return first;
  // Around a transition: the earlier reading that shows this wall time, else the later one.
  const earlier = Math.min(first, second);
  return earlier + offsetAt(earlier, timeZone) === asUtc ? earlier : Math.max(first, second);
}

/** Where an appointment sits on its local day: start minute and length in minutes. */
export function placeOf(a: Appointment): { day: string; startMin: number; lengthMin: number } {
  const startMin = minutesOf(a.local.time);
  return { day: a.local.date, startMin, lengthMin: Math.max(5, Math.round((a.end - a.start) / 60_000)) };
}

export interface Placed {
  appt: Appointment;
  startMin: number;
  lengthMin: number;
  lane: number;
  lanes: number;
}

/**
 * Lanes for one column: appointments that overlap share the width side by side, each cluster
 * of overlaps as wide as it needs and no wider. O(n log n).
 */
export function layoutColumn(items: Appointment[]): Placed[] {
  const sorted = items
    .map((appt) => ({ appt, ...placeOf(appt), lane: 0, lanes: 1 }))
    .sort((a, b) => a.startMin - b.startMin || b.lengthMin - a.lengthMin);
  const out: Placed[] = [];
  let cluster: Placed[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const flush = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    out.push(...cluster);
    cluster = [];
    laneEnds = [];
  };
  for (const p of sorted) {
    if (p.startMin >= clusterEnd && cluster.length > 0) flush();
    let lane = laneEnds.findIndex((end) => end <= p.startMin);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(0);
    }
    laneEnds[lane] = p.startMin + p.lengthMin;
    p.lane = lane;
    cluster.push(p);
    clusterEnd = Math.max(clusterEnd, p.startMin + p.lengthMin);
  }
  flush();
  return out;
}

/** The hours the grid shows: the site's opening hours on the days shown, widened to fit every appointment. */
export function visibleHours(
  days: string[],
  schedule: LocationSchedule | undefined,
  appts: Appointment[],
): { from: number; to: number } {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const day of days) {
    for (const r of schedule?.weekly[String(isoWeekday(day))] ?? []) {
      from = Math.min(from, minutesOf(r.open));
      to = Math.max(to, minutesOf(r.close));
    }
  }
  for (const a of appts) {
    const p = placeOf(a);
    from = Math.min(from, p.startMin);
    to = Math.max(to, p.startMin + p.lengthMin);
  }
  if (!Number.isFinite(from)) return { from: 8 * 60, to: 18 * 60 };
  return { from: Math.floor(from / 60) * 60, to: Math.min(24 * 60, Math.ceil(to / 60) * 60) };
}
