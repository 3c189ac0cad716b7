import type { DayVerdict } from './plan-days';

// Which days the sessions fall on. Depth-first over sessions, each next day tried in order of
// closeness to the target gap, with a bound (a gap deviation at least as large as the best found
// cannot improve) and a memo per (session, day): a day's verdict does not depend on the path that
// reached it, so the search touches each (session, day) pair at most once.

export interface DayGap {
  min: number;
  target: number;
  max: number;
}

export interface CourseDays {
  /** Epoch days of the sessions, in order. */
  days: number[];
  /** Gap deviation plus soft misses (weighted) over the whole course. */
  cost: number;
}

export interface SearchOptions {
  verdict: (epochDay: number) => DayVerdict;
  gaps: readonly DayGap[];
  firstDay: number;
  searchDays: number;
  /** How many distinct first days to return. */
  count: number;
  softMissPenaltyDays: number;
}

export function searchCourse(options: SearchOptions): CourseDays[] {
  const { verdict, gaps, softMissPenaltyDays: weight } = options;
  const last = gaps.length;
  // Gap lengths in the order they are tried: closest to target first, shorter first on a tie.
  const orders = gaps.map((g) => {
    const lengths: number[] = [];
    for (let d = g.min; d <= g.max; d++) lengths.push(d);
    return lengths.sort((a, b) => Math.abs(a - g.target) - Math.abs(b - g.target) || a - b);
  });
  const memo = gaps.map(() => new Map<number, { cost: number; next: number }>());

  /** Least cost of the sessions after session k when it is on `day`; Infinity when they cannot fit. */
  function completion(k: number, day: number): number {
    if (k === last) return 0;
    const known = memo[k]!.get(day);
    if (known) return known.cost;
    const target = gaps[k]!.target;
    let best = Number.POSITIVE_INFINITY;
    let next = -1;
    for (const length of orders[k]!) {
      const deviation = Math.abs(length - target);
      if (deviation >= best) break;
      const v = verdict(day + length);
      if (!v.ok) continue;
      const cost = deviation + v.misses * weight + completion(k + 1, day + length);
      if (cost < best) {
        best = cost;
        next = day + length;
      }
    }
    memo[k]!.set(day, { cost: best, next });
    return best;
  }

  const found: CourseDays[] = [];
  for (
    let day = options.firstDay;
    day < options.firstDay + options.searchDays && found.length < options.count;
    day++
  ) {
    const v = verdict(day);
    if (!v.ok) continue;
    const rest = completion(0, day);
    if (rest === Number.POSITIVE_INFINITY) continue;
    const days = [day];
    for (let k = 0; k < last; k++) days.push(memo[k]!.get(days[k]!)!.next);
    found.push({ days, cost: v.misses * weight + rest });
  }
  return found;
}

/**
 * How many sessions in a row can be placed at all, starting within the search window: the session
 * after that number is where the chain breaks, which names the gap to explain.
 */
export function countPlaceableSessions(
  options: Omit<SearchOptions, 'count' | 'softMissPenaltyDays'>,
): number {
  let reachable: number[] = [];
  for (let day = options.firstDay; day < options.firstDay + options.searchDays; day++) {
    if (options.verdict(day).ok) reachable.push(day);
  }
  if (reachable.length === 0) return 0;
  let placed = 1;
  for (const gap of options.gaps) {
    const next = new Set<number>();
    for (const day of reachable) {
      for (let d = day + gap.min; d <= day + gap.max; d++)
        if (!next.has(d) && options.verdict(d).ok) next.add(d);
    }
    if (next.size === 0) break;
    placed++;
    reachable = [...next].sort((a, b) => a - b);
  }
  return placed;
}
