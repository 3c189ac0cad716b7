import type { ResourcePool } from './build-pools';
import {
  clipIntervals,
  EMPTY_INTERVALS,
  findIntervalIndex,
  type IntervalSet,
  intersectIntervals,
  subtractIntervals,
  unionIntervals,
} from './intervals';
import type { SessionShape } from './session-shape';
import type { SchedulableResource, Slot } from './types';

// The scheduler's core move: instead of asking "is this resource free for this slot?" once per slot,
// turn each resource's free time into the set of session starts it can take, once per range. A
// resource held during [a, b) after the start is free for start t iff [t + a, t + b) lies inside a
// free interval [fs, fe), i.e. t ∈ [fs - a, fe - b]; with integer ms that is [fs - a, fe - b + 1).
// Slots are then a walk over the intersection of these sets; no per-slot work touches bookings.

/** Starts in [from, to) at which `resource` is free for every window (flat offsets after the start). */
export function resourceStarts(
  resource: SchedulableResource,
  windows: readonly number[],
  from: number,
  to: number,
  holdMs: number,
): IntervalSet {
  const until = to + holdMs;
  const free = subtractIntervals(
    clipIntervals(resource.availability, from, until),
    clipIntervals(resource.busy, from, until),
  );
  let starts: IntervalSet | null = null;
  for (let w = 0; w < windows.length; w += 2) {
    const a = windows[w]!;
    const b = windows[w + 1]!;
    const out: number[] = [];
    for (let i = 0; i < free.length; i += 2) {
      const s = free[i]! - a;
      const e = free[i + 1]! - b + 1;
      // Shrinking every interval by the same amount keeps the list sorted and disjoint.
      if (s < e) out.push(s, e);
    }
    const set = out as unknown as IntervalSet;
    starts = starts ? intersectIntervals(starts, set) : set;
  }
  return starts ?? EMPTY_INTERVALS;
}

/** Per-range memo of `resourceStarts`: tiers and pools share resources, the range is fixed. */
export type StartsCache = Map<SchedulableResource, IntervalSet>;

export interface PoolStarts {
  pool: ResourcePool;
  /** Starts at which every need has at least one of its candidates free. */
  starts: IntervalSet;
  /** Per need, per candidate: that resource's starts (only filled when `starts` is not empty). */
  sets: IntervalSet[][];
}

/** Feasible starts of a pool inside `allowed` (a set of permitted starts). */
export function poolStarts(
  shape: SessionShape,
  pool: ResourcePool,
  allowed: IntervalSet,
  cache: StartsCache,
): PoolStarts {
  const sets: IntervalSet[][] = pool.candidates.map(() => []);
  if (allowed.length === 0) return { pool, starts: EMPTY_INTERVALS, sets };
  const from = allowed[0]!;
  const to = allowed[allowed.length - 1]!;
  // Fewest candidates first: an unavailable device empties the result before 40 practitioners are read.
  const order = pool.candidates
    .map((_, i) => i)
    .sort((x, y) => pool.candidates[x]!.length - pool.candidates[y]!.length);
  let starts = allowed;
  for (const n of order) {
    const need = shape.needs[n]!;
    let union = EMPTY_INTERVALS;
    for (const resource of pool.candidates[n]!) {
      let set = cache.get(resource);
      if (!set) {
        set = resourceStarts(resource, need.windows, from, to, shape.holdMs);
        cache.set(resource, set);
      }
      sets[n]!.push(set);
      union = unionIntervals(union, set);
    }
    starts = intersectIntervals(starts, union);
    if (starts.length === 0) return { pool, starts, sets };
  }
  return { pool, starts, sets };
}

/** The first start `anchor + k·step` inside the set at or after `from`, or -1. */
export function firstGridStart(
  set: IntervalSet,
  anchor: number,
  stepMs: number,
  from = Number.NEGATIVE_INFINITY,
): number {
  for (let i = findIntervalIndex(set, from); i < set.length; i += 2) {
    const s = Math.max(set[i]!, from);
    const t = anchor + Math.ceil((s - anchor) / stepMs) * stepMs;
    if (t < set[i + 1]!) return t;
  }
  return -1;
}

/** The resource fields of a slot, which the picker fills in. */
export type PickedResources = Pick<Slot, 'practitionerId' | 'roomId' | 'deviceIds'>;

/**
 * Chooses, for non-decreasing start times, the first candidate of each need that is free, and
 * writes it into `out`. Each resource keeps a pointer into its start set, so a walk over a range's
 * slots reads each set once.
 */
export function createPicker(shape: SessionShape, ps: PoolStarts) {
  const pointers = ps.sets.map((list) => new Int32Array(list.length));
  const isFree = (n: number, c: number, t: number): boolean => {
    const set = ps.sets[n]![c]!;
    const ptr = pointers[n]!;
    let i = ptr[c]!;
    while (i < set.length && set[i + 1]! <= t) i += 2;
    ptr[c] = i;
    return i < set.length && set[i]! <= t;
  };
  const needs = shape.needs;
  return (t: number, out: PickedResources, preferredPractitionerId: string | null = null): void => {
    for (let n = 0; n < needs.length; n++) {
      const kind = needs[n]!.kind;
      const candidates = ps.pool.candidates[n]!;
      let chosen = -1;
      if (kind === 'practitioner' && preferredPractitionerId !== null) {
        const c = candidates.findIndex((r) => r.id === preferredPractitionerId);
        if (c >= 0 && isFree(n, c, t)) chosen = c;
      }
      for (let c = 0; chosen < 0 && c < candidates.length; c++) if (isFree(n, c, t)) chosen = c;
      if (chosen < 0) throw new Error(`no free ${kind} at ${t}: start was not in the pool's starts`);
      const id = candidates[chosen]!.id;
      if (kind === 'practitioner') out.practitionerId = id;
      else if (kind === 'room') out.roomId = id;
      else out.deviceIds.push(id);
    }
  };
}
