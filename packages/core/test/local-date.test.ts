import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, type LocalDate } from '../src/index';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10) as LocalDate;

describe('local dates', () => {
  it('adds days exactly as the calendar does (checked against Date)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -200_000, max: 200_000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (start, n) => {
          const from = iso(Date.UTC(2000, 0, 1) + start * 86_400_000);
          expect(addDays(from, n)).toBe(iso(Date.UTC(2000, 0, 1) + (start + n) * 86_400_000));
          expect(daysBetween(from, addDays(from, n))).toBe(n);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('adds calendar months, clamping to the month’s last day', () => {
    expect(addMonths('2027-01-31' as LocalDate, 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31' as LocalDate, 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-15' as LocalDate, 3)).toBe('2028-02-15');
    expect(addMonths('2027-03-31' as LocalDate, -1)).toBe('2027-02-28');
  });
});
