import type { EpochMs, LocalDate, ModalityId } from '../types';
import { buildPools, type ResourcePool } from './build-pools';
import { EMPTY_INTERVALS, type IntervalSet, intersectIntervals, normaliseIntervals } from './intervals';
import {
  fromEpochDay,
  localDayStarts,
  parseWallTime,
  toEpochDay,
  wallTimeOnDay,
  weekdayOfEpochDay,
} from './local-time';
import type { SessionShape } from './session-shape';
import { createPicker, firstGridStart, type PoolStarts, poolStarts, type StartsCache } from './start-sets';
import type { ClinicResources, PatientPreferences, Slot, SoftMiss } from './types';

// One course session on one local day: can it happen, at what cost in soft preferences, and with
// which slot. A day's answer does not depend on the rest of the course (sessions of one course are
// on different days), so it is computed once per day and shared by the whole search.

export interface DayVerdict {
  ok: boolean;
  /** Soft preferences missed on this day at best. */
  misses: number;
  /** Index of the first preference tier that works (internal). */
  tier: number;
}

export interface DaySession {
  slot: Slot;
  localDate: LocalDate;
  softMisses: SoftMiss[];
}

export interface DayPlanner {
  verdict(epochDay: number): DayVerdict;
  /** The chosen session on a day that `verdict` found possible; keeps the previous practitioner if it can. */
  session(epochDay: number, previousPractitionerId: string | null): DaySession;
}

export interface DayPlannerOptions {
  shape: SessionShape;
  modalityId: ModalityId;
  resources: ClinicResources;
  timeZone: string;
  /** Days before this one are never asked for; it anchors the table of day starts. */
  firstDay: LocalDate;
  stepMs: number;
  notBefore?: number;
  preferences: PatientPreferences;
}

interface Tier {
  pools: ResourcePool[];
  misses: SoftMiss[];
}

const NO = { ok: false, misses: 0, tier: -1 } as const;

export function createDayPlanner(options: DayPlannerOptions): DayPlanner {
  const { shape, stepMs, preferences: prefs } = options;
  const base = toEpochDay(options.firstDay);
  const tiers = buildTiers(options);
  const weekdays = prefs.weekdays ? new Set<number>(prefs.weekdays) : null;
  const windows = (prefs.timeOfDay ?? []).map(
    (w) => [parseWallTime(w.open), parseWallTime(w.close)] as const,
  );
  const notBefore = options.notBefore ?? Number.NEGATIVE_INFINITY;
  let starts = localDayStarts(options.firstDay, 128, options.timeZone);
  const verdicts = new Map<number, DayVerdict>();

  function bounds(day: number): [number, number] {
    const i = day - base;
    if (i < 0) throw new RangeError(`day ${fromEpochDay(day)} is before the planner's first day`);
    // The table grows in doublings; Temporal is asked again only at zone transitions.
    if (i + 1 >= starts.length) starts = localDayStarts(options.firstDay, 2 * (i + 1), options.timeZone);
    return [starts[i]!, starts[i + 1]!];
  }

  /** Starts allowed by the calendar and the patient's hours on that day, before resources. */
  function allowedStarts(day: number): IntervalSet {
    if (weekdays && !weekdays.has(weekdayOfEpochDay(day))) return EMPTY_INTERVALS;
    const [dayStart, dayEnd] = bounds(day);
    const latest = dayEnd - shape.lengthMs + 1;
    const calendar = normaliseIntervals([Math.max(dayStart, notBefore), latest]);
    if (windows.length === 0) return calendar;
    const date = fromEpochDay(day);
    const flat: number[] = [];
    for (const [open, close] of windows) {
      const s = wallTimeOnDay(date, dayStart, dayEnd, open, options.timeZone);
      const e = wallTimeOnDay(date, dayStart, dayEnd, close, options.timeZone);
      flat.push(s, e - shape.lengthMs + 1);
    }
    return intersectIntervals(calendar, normaliseIntervals(flat));
  }

  function firstWorkingTier(day: number): { tier: number; found: PoolStarts[] } | null {
    const allowed = allowedStarts(day);
    if (allowed.length === 0) return null;
    const [anchor] = bounds(day);
    const cache: StartsCache = new Map();
    for (let tier = 0; tier < tiers.length; tier++) {
      const found = tiers[tier]!.pools.map((pool) => poolStarts(shape, pool, allowed, cache));
      if (found.some((ps) => firstGridStart(ps.starts, anchor, stepMs) >= 0)) return { tier, found };
    }
    return null;
  }

  return {
    verdict(day) {
      let v = verdicts.get(day);
      if (!v) {
        const hit = firstWorkingTier(day);
        v = hit ? { ok: true, misses: tiers[hit.tier]!.misses.length, tier: hit.tier } : NO;
        verdicts.set(day, v);
      }
      return v;
    },
    session(day, previousPractitionerId) {
      const hit = firstWorkingTier(day);
      if (!hit) throw new RangeError(`no session possible on ${fromEpochDay(day)}`);
      const [anchor] = bounds(day);
      const best = chooseStart(hit.found, anchor, stepMs, previousPractitionerId, shape);
      const slot: Slot = {
        start: best.t as EpochMs,
        end: (best.t + shape.lengthMs) as EpochMs,
        locationId: best.ps.pool.locationId,
        practitionerId: null,
        roomId: null,
        deviceIds: [],
      };
      createPicker(shape, best.ps)(best.t, slot, previousPractitionerId);
      return { localDate: fromEpochDay(day), softMisses: tiers[hit.tier]!.misses, slot };
    },
  };
}

/**
 * Earliest start of the day across sites, except that the previous session's practitioner wins
 * when they can take the patient that day: continuity matters more than an earlier hour.
 */
function chooseStart(
  found: PoolStarts[],
  anchor: number,
  stepMs: number,
  previousPractitionerId: string | null,
  shape: SessionShape,
): { ps: PoolStarts; t: number } {
  const p = shape.needs.findIndex((n) => n.kind === 'practitioner');
  let best: { ps: PoolStarts; t: number } | null = null;
  if (previousPractitionerId !== null && p >= 0) {
    for (const ps of found) {
      const c = ps.pool.candidates[p]!.findIndex((r) => r.id === previousPractitionerId);
      if (c < 0 || ps.starts.length === 0) continue;
      const t = firstGridStart(intersectIntervals(ps.starts, ps.sets[p]![c]!), anchor, stepMs);
      if (t >= 0 && (!best || t < best.t)) best = { ps, t };
    }
  }
  if (best) return best;
  for (const ps of found) {
    const t = firstGridStart(ps.starts, anchor, stepMs);
    if (t >= 0 && (!best || t < best.t)) best = { ps, t };
  }
  if (!best) throw new Error('a working tier must have a start');
  return best;
}

/**
 * Resource pools from best to worst for the patient's practitioner and site preferences. A hard
 * preference filters; a soft one yields a tier that honours it, then one that does not.
 */
function buildTiers(options: DayPlannerOptions): Tier[] {
  const { practitioner, location } = options.preferences;
  type Option = { ids?: readonly string[]; miss?: SoftMiss };
  const variants = (pref: { id: string; strength: string } | undefined, miss: SoftMiss): Option[] => {
    if (!pref) return [{}];
    if (pref.strength === 'hard') return [{ ids: [pref.id] }];
    return [{ ids: [pref.id] }, { miss }];
  };
  const tiers: Tier[] = [];
  for (const pr of variants(practitioner, 'practitioner')) {
    for (const lo of variants(location, 'location')) {
      const misses = [pr.miss, lo.miss].filter((m): m is SoftMiss => m !== undefined);
      const pools = buildPools(options.shape, options.modalityId, options.resources, {
        practitionerIds: pr.ids,
        locationIds: lo.ids,
      });
      tiers.push({ pools, misses });
    }
  }
  // Stable: with one miss each, keeping the practitioner comes before keeping the site.
  return tiers.sort((a, b) => a.misses.length - b.misses.length);
}
