// The baselines the scheduling benchmark compares against, written the obvious way: each candidate
// slot is checked against each resource by scanning all of its availability and busy intervals.

import { addDays } from '../../packages/core/src/local-date';
import {
  type ClinicResources,
  type CourseRequest,
  type GapWindow,
  parseWallTime,
  type SchedulableResource,
  startOfLocalDay,
  wallTimeToInstant,
  weekdayOf,
} from '../../packages/core/src/scheduling/index';
import type { LocalDate } from '../../packages/core/src/types';

const MIN = 60_000;

function freeByScanning(r: SchedulableResource, s: number, e: number): boolean {
  let available = false;
  for (let i = 0; i < r.availability.length; i += 2) {
    if (r.availability[i]! <= s && e <= r.availability[i + 1]!) available = true;
  }
  if (!available) return false;
  for (let i = 0; i < r.busy.length; i += 2) if (r.busy[i]! < e && s < r.busy[i + 1]!) return false;
  return true;
}

/** (a) For each candidate start, the first practitioner free for the whole appointment. */
export function naiveTeamSlots(
  resources: ClinicResources,
  candidates: readonly number[],
  lengthMs: number,
): { start: number; practitionerId: string }[] {
  const slots: { start: number; practitionerId: string }[] = [];
  for (const t of candidates) {
    const p = resources.practitioners.find((r) => freeByScanning(r, t, t + lengthMs));
    if (p) slots.push({ start: t, practitionerId: p.id });
  }
  return slots;
}

/**
 * (b) Day by day: for the first session, each day from `earliest`; for each later one, each day of
 * its window nearest the target first, depth first, the first complete course wins. Each day is
 * tried slot by slot. Day verdicts are remembered so that its worst case stays bounded; what it
 * lacks is the interval algebra.
 */
export function naiveCourseDays(req: CourseRequest): LocalDate[] | null {
  const windows: readonly GapWindow[] = Array.isArray(req.gaps)
    ? req.gaps
    : Array.from({ length: req.sessions - 1 }, () => req.gaps as GapWindow);
  const known = new Map<string, boolean>();
  const dayOk = (day: LocalDate) => {
    let ok = known.get(day);
    if (ok === undefined) {
      ok = naiveDayHasSlot(req, day);
      known.set(day, ok);
    }
    return ok;
  };
  const chain = (k: number, day: LocalDate): LocalDate[] | null => {
    if (k === windows.length) return [day];
    const w = windows[k]!;
    const lengths: number[] = [];
    for (let g = w.min; g <= w.max; g++) lengths.push(g);
    lengths.sort((a, b) => Math.abs(a - w.target) - Math.abs(b - w.target) || a - b);
    for (const g of lengths) {
      const next = addDays(day, g);
      if (!dayOk(next)) continue;
      const rest = chain(k + 1, next);
      if (rest) return [day, ...rest];
    }
    return null;
  };
  for (let i = 0; i < (req.searchDays ?? 60); i++) {
    const day = addDays(req.earliest, i);
    if (!dayOk(day)) continue;
    const found = chain(0, day);
    if (found) return found;
  }
  return null;
}

/** Microneedling's shape written out by hand: room 0–90 (+cleaning), practitioner 30–75, pen 30–75 (+cleaning). */
function naiveDayHasSlot(req: CourseRequest, day: LocalDate): boolean {
  const prefs = req.preferences ?? {};
  if (prefs.weekdays && !prefs.weekdays.includes(weekdayOf(day))) return false;
  const cleaning = (req.cleaningMinutes ?? 15) * MIN;
  const step = (req.stepMinutes ?? 15) * MIN;
  const dayStart = startOfLocalDay(day, req.timeZone);
  const dayEnd = startOfLocalDay(addDays(day, 1), req.timeZone);
  const windows = (prefs.timeOfDay ?? []).map((w) => [
    wallTimeToInstant(day, parseWallTime(w.open), req.timeZone),
    wallTimeToInstant(day, parseWallTime(w.close), req.timeZone),
  ]);
  const { practitioners, rooms, devices } = req.resources;
  const hardPractitioner = prefs.practitioner?.strength === 'hard' ? prefs.practitioner.id : null;
  const hardSite = prefs.location?.strength === 'hard' ? prefs.location.id : null;
  const sites = [...new Set(rooms.map((r) => r.locationId))];
  for (let t: number = dayStart; t + 90 * MIN <= dayEnd; t += step) {
    if (t < (req.notBefore ?? 0)) continue;
    if (windows.length > 0 && !windows.some(([s, e]) => s! <= t && t + 90 * MIN <= e!)) continue;
    for (const site of sites) {
      if (hardSite && site !== hardSite) continue;
      const at = (r: SchedulableResource) => r.locationId === site;
      const p = practitioners.some(
        (r) =>
          at(r) &&
          r.modalities.includes(req.modality.id) &&
          (!hardPractitioner || r.id === hardPractitioner) &&
          freeByScanning(r, t + 30 * MIN, t + 75 * MIN),
      );
      if (!p) continue;
      if (!rooms.some((r) => at(r) && freeByScanning(r, t, t + 90 * MIN + cleaning))) continue;
      if (
        devices.some(
          (r) =>
            at(r) &&
            r.deviceType === 'microneedling-pen' &&
            freeByScanning(r, t + 30 * MIN, t + 75 * MIN + cleaning),
        )
      ) {
        return true;
      }
    }
  }
  return false;
}
