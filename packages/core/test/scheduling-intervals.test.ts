import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clipIntervals,
  containsInstant,
  containsInterval,
  findIntervalIndex,
  type IntervalSet,
  intersectIntervals,
  intervalsFromPairs,
  intervalsToPairs,
  normaliseIntervals,
  subtractIntervals,
  totalLength,
  unionIntervals,
} from '../src/scheduling/intervals';

// The oracle: a set over [0, GRID) as one boolean per minute. Every operation is checked against
// the obvious per-minute answer, on lists that overlap, touch, repeat and arrive unsorted.

const GRID = 64;

const rawList = fc
  .array(fc.tuple(fc.integer({ min: 0, max: GRID - 1 }), fc.integer({ min: 0, max: 12 })), { maxLength: 10 })
  .map((pairs) => pairs.flatMap(([s, len]) => [s, Math.min(GRID, s + len)]));

const set = rawList.map(normaliseIntervals);

function gridOfRaw(flat: readonly number[]): boolean[] {
  const g = Array<boolean>(GRID).fill(false);
  for (let i = 0; i < flat.length; i += 2) for (let m = flat[i]!; m < flat[i + 1]!; m++) g[m] = true;
  return g;
}

const gridOf = (s: IntervalSet) => gridOfRaw(s);

function isNormalised(s: readonly number[]): boolean {
  for (let i = 0; i < s.length; i += 2) {
    if (!(s[i]! < s[i + 1]!)) return false;
    if (i > 0 && !(s[i]! > s[i - 1]!)) return false;
  }
  return s.length % 2 === 0;
}

describe('normaliseIntervals', () => {
  it('sorts, merges overlapping and touching intervals, drops empty ones', () => {
    expect(intervalsToPairs(normaliseIntervals([5, 7, 1, 3, 3, 4, 6, 9, 10, 10, 12, 11]))).toEqual([
      [1, 4],
      [5, 9],
    ]);
  });

  it('rejects an odd-length list', () => {
    expect(() => normaliseIntervals([1, 2, 3])).toThrow(RangeError);
  });

  it('covers exactly the minutes of its input, in canonical form', () => {
    fc.assert(
      fc.property(rawList, (raw) => {
        const s = normaliseIntervals(raw);
        expect(isNormalised(s)).toBe(true);
        expect(gridOf(s)).toEqual(gridOfRaw(raw));
      }),
    );
  });

  it('round-trips through pairs', () => {
    fc.assert(
      fc.property(set, (s) => {
        expect(intervalsFromPairs(intervalsToPairs(s))).toEqual(s);
      }),
    );
  });
});

describe('set operations against the minute grid', () => {
  const ops = [
    ['union', unionIntervals, (a: boolean, b: boolean) => a || b],
    ['intersect', intersectIntervals, (a: boolean, b: boolean) => a && b],
    ['subtract', subtractIntervals, (a: boolean, b: boolean) => a && !b],
  ] as const;

  for (const [name, op, oracle] of ops) {
    it(`${name} matches the per-minute answer and stays canonical`, () => {
      fc.assert(
        fc.property(set, set, (a, b) => {
          const out = op(a, b);
          expect(isNormalised(out)).toBe(true);
          const ga = gridOf(a);
          const gb = gridOf(b);
          expect(gridOf(out)).toEqual(ga.map((x, m) => oracle(x, gb[m]!)));
        }),
        { numRuns: 500 },
      );
    });
  }

  it('subtracts a cut that spans two intervals from both', () => {
    const a = intervalsFromPairs([
      [0, 10],
      [12, 20],
    ]);
    expect(intervalsToPairs(subtractIntervals(a, intervalsFromPairs([[8, 14]])))).toEqual([
      [0, 8],
      [14, 20],
    ]);
  });

  it('clip keeps exactly the part inside the window', () => {
    fc.assert(
      fc.property(
        set,
        fc.integer({ min: 0, max: GRID }),
        fc.integer({ min: 0, max: GRID }),
        (s, from, to) => {
          const out = clipIntervals(s, from, to);
          expect(isNormalised(out)).toBe(true);
          expect(gridOf(out)).toEqual(gridOf(s).map((x, m) => x && m >= from && m < to));
        },
      ),
    );
  });
});

describe('queries against the minute grid', () => {
  it('containsInstant says whether the minute is in the set', () => {
    fc.assert(
      fc.property(set, fc.integer({ min: -2, max: GRID + 2 }), (s, t) => {
        expect(containsInstant(s, t)).toBe(gridOf(s)[t] ?? false);
      }),
    );
  });

  it('containsInterval says whether every minute of [start, end) is in the set', () => {
    fc.assert(
      fc.property(
        set,
        fc.integer({ min: 0, max: GRID }),
        fc.integer({ min: 0, max: 20 }),
        (s, start, len) => {
          const end = Math.min(GRID, start + len);
          const g = gridOf(s);
          let all = true;
          for (let m = start; m < end; m++) all &&= g[m]!;
          expect(containsInterval(s, start, end)).toBe(all);
        },
      ),
    );
  });

  it('totalLength counts the minutes', () => {
    fc.assert(
      fc.property(set, (s) => {
        expect(totalLength(s)).toBe(gridOf(s).filter(Boolean).length);
      }),
    );
  });

  it('findIntervalIndex finds the first interval ending after t', () => {
    fc.assert(
      fc.property(set, fc.integer({ min: -2, max: GRID + 2 }), (s, t) => {
        let expected = s.length;
        for (let i = 0; i < s.length; i += 2) {
          if (s[i + 1]! > t) {
            expected = i;
            break;
          }
        }
        expect(findIntervalIndex(s, t)).toBe(expected);
      }),
    );
  });
});
