import type { Brand } from '../types';

// Interval algebra on plain numbers (epoch ms in practice; any integer unit works). Sets are flat
// arrays [s0, e0, s1, e1, ...] of half-open intervals [s, e): one allocation per set instead of
// one object per interval, which is what keeps availability maths cheap (Cal.com's lesson).

/** Sorted, disjoint, non-adjacent, non-empty half-open intervals, flat: `[s0, e0, s1, e1, ...]`. */
export type IntervalSet = Brand<readonly number[], 'IntervalSet'>;

export const EMPTY_INTERVALS = Object.freeze([]) as unknown as IntervalSet;

function isNormalised(flat: readonly number[]): boolean {
  if (flat.length % 2 !== 0) return false;
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < flat.length; i += 2) {
    const s = flat[i]!;
    const e = flat[i + 1]!;
    // `s <= previousEnd` also rejects adjacency: [1,2) and [2,3) must be stored as [1,3).
    if (!(s < e) || s <= previousEnd) return false;
    previousEnd = e;
  }
  return true;
}

/** Sorts, drops empty intervals and merges overlapping or touching ones. Input is flat pairs. */
export function normaliseIntervals(flat: readonly number[]): IntervalSet {
  if (flat.length % 2 !== 0) throw new RangeError('interval list must hold start/end pairs');
  // Booking lists usually arrive sorted already; checking is cheaper than sorting.
  if (isNormalised(flat)) return flat as IntervalSet;
  const order: number[] = [];
  for (let i = 0; i < flat.length; i += 2) if (flat[i]! < flat[i + 1]!) order.push(i);
  order.sort((x, y) => flat[x]! - flat[y]!);
  const out: number[] = [];
  for (const i of order) {
    const s = flat[i]!;
    const e = flat[i + 1]!;
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) {
      if (e > out[last]!) out[last] = e;
    } else {
      out.push(s, e);
    }
  }
  return out as unknown as IntervalSet;
}

export function intervalsFromPairs(pairs: readonly (readonly [number, number])[]): IntervalSet {
  const flat: number[] = [];
  for (const [s, e] of pairs) flat.push(s, e);
  return normaliseIntervals(flat);
}

export function intervalsToPairs(set: IntervalSet): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < set.length; i += 2) pairs.push([set[i]!, set[i + 1]!]);
  return pairs;
}

/** Appends [s, e) to a sorted output, merging with the last interval when they touch. */
function pushMerged(out: number[], s: number, e: number): void {
  const last = out.length - 1;
  if (last > 0 && s <= out[last]!) {
    if (e > out[last]!) out[last] = e;
  } else {
    out.push(s, e);
  }
}

export function unionIntervals(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      pushMerged(out, a[i]!, a[i + 1]!);
      i += 2;
    } else {
      pushMerged(out, b[j]!, b[j + 1]!);
      j += 2;
    }
  }
  return out as unknown as IntervalSet;
}

export function intersectIntervals(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]!, b[j]!);
    const e = Math.min(a[i + 1]!, b[j + 1]!);
    if (s < e) out.push(s, e);
    // Advance whichever interval ends first; the other may still overlap the next one.
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out as unknown as IntervalSet;
}

export function subtractIntervals(a: IntervalSet, b: IntervalSet): IntervalSet {
  if (a.length === 0 || b.length === 0) return a;
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= s) j += 2;
    // `k` walks the cuts inside this interval; `j` stays put because a cut may span into the next one.
    let k = j;
    while (k < b.length && b[k]! < e) {
      if (b[k]! > s) out.push(s, b[k]!);
      s = Math.max(s, b[k + 1]!);
      if (s >= e) break;
      k += 2;
    }
    if (s < e) out.push(s, e);
  }
  return out as unknown as IntervalSet;
}

/** Index (even) of the first interval whose end is after `t`; `set.length` when there is none. */
export function findIntervalIndex(set: IntervalSet, t: number): number {
  let lo = 0;
  let hi = set.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (set[2 * mid + 1]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return 2 * lo;
}

/** The part of `set` inside [from, to); reads only the intervals that overlap, by binary search. */
export function clipIntervals(set: IntervalSet, from: number, to: number): IntervalSet {
  if (from >= to) return EMPTY_INTERVALS;
  const out: number[] = [];
  for (let i = findIntervalIndex(set, from); i < set.length && set[i]! < to; i += 2) {
    out.push(Math.max(set[i]!, from), Math.min(set[i + 1]!, to));
  }
  return out as unknown as IntervalSet;
}

export function containsInstant(set: IntervalSet, t: number): boolean {
  const i = findIntervalIndex(set, t);
  return i < set.length && set[i]! <= t;
}

/** Whether every instant of [start, end) is in the set; an empty interval is trivially contained. */
export function containsInterval(set: IntervalSet, start: number, end: number): boolean {
  if (start >= end) return true;
  const i = findIntervalIndex(set, start);
  return i < set.length && set[i]! <= start && end <= set[i + 1]!;
}

export function totalLength(set: IntervalSet): number {
  let sum = 0;
  for (let i = 0; i < set.length; i += 2) sum += set[i + 1]! - set[i]!;
  return sum;
}
