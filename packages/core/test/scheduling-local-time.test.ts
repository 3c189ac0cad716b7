import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { intervalsToPairs } from '../src/scheduling/intervals';
import {
  addDays,
  DAY_MS,
  daysBetween,
  fromEpochDay,
  localDateOf,
  localDayStarts,
  type OpeningHours,
  openingHoursToIntervals,
  parseWallTime,
  startOfLocalDay,
  toEpochDay,
  wallTimeOnDay,
  wallTimeToInstant,
  weekdayOf,
} from '../src/scheduling/local-time';
import type { EpochMs, LocalDate } from '../src/types';

const d = (s: string) => s as LocalDate;
const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

const everyDay = (open: string, close: string): OpeningHours['weekly'] => {
  const r = [{ open, close }];
  return { 1: r, 2: r, 3: r, 4: r, 5: r, 6: r, 7: r };
};

function hoursOn(timeZone: string, day: string, open: string, close: string) {
  return intervalsToPairs(
    openingHoursToIntervals({ timeZone, weekly: everyDay(open, close) }, d(day), d(day)),
  );
}

describe('opening hours across DST: America/New_York', () => {
  const zone = 'America/New_York';

  it('keeps 09:00–17:00 at 8 hours on the spring-forward day and reads it off that day’s clock', () => {
    expect(hoursOn(zone, '2025-03-08', '09:00', '17:00')).toEqual([
      [utc('2025-03-08T14:00Z'), utc('2025-03-08T22:00Z')],
    ]);
    expect(hoursOn(zone, '2025-03-09', '09:00', '17:00')).toEqual([
      [utc('2025-03-09T13:00Z'), utc('2025-03-09T21:00Z')],
    ]);
  });

  it('keeps 09:00–17:00 at 8 hours on the fall-back day', () => {
    expect(hoursOn(zone, '2025-11-02', '09:00', '17:00')).toEqual([
      [utc('2025-11-02T14:00Z'), utc('2025-11-02T22:00Z')],
    ]);
  });

  it('makes hours that span the change as long as the clock says', () => {
    const [[s1, e1]] = hoursOn(zone, '2025-03-09', '00:00', '06:00') as [[number, number]];
    expect(e1 - s1).toBe(5 * HOUR);
    const [[s2, e2]] = hoursOn(zone, '2025-11-02', '00:00', '06:00') as [[number, number]];
    expect(e2 - s2).toBe(7 * HOUR);
  });

  it('moves a skipped time past the gap and takes the first of a repeated time', () => {
    expect(wallTimeToInstant(d('2025-03-09'), parseWallTime('02:30'), zone)).toBe(utc('2025-03-09T07:30Z'));
    expect(wallTimeToInstant(d('2025-11-02'), parseWallTime('01:30'), zone)).toBe(utc('2025-11-02T05:30Z'));
  });

  it('has a 23-hour and a 25-hour local day', () => {
    const starts = localDayStarts(d('2025-03-08'), 2, zone);
    expect(starts[2]! - starts[1]!).toBe(23 * HOUR);
    const fall = localDayStarts(d('2025-11-02'), 1, zone);
    expect(fall[1]! - fall[0]!).toBe(25 * HOUR);
  });

  it('names the local date of instants either side of midnight', () => {
    expect(localDateOf(utc('2025-03-09T04:59Z') as EpochMs, zone)).toBe('2025-03-08');
    expect(localDateOf(utc('2025-03-09T05:00Z') as EpochMs, zone)).toBe('2025-03-09');
    expect(localDateOf(utc('2025-11-03T04:59Z') as EpochMs, zone)).toBe('2025-11-02');
  });
});

describe('opening hours across DST: Europe/London', () => {
  const zone = 'Europe/London';

  it('reads 09:00 as 09:00 GMT before and 09:00 BST after the spring change', () => {
    expect(hoursOn(zone, '2025-03-29', '09:00', '17:00')).toEqual([
      [utc('2025-03-29T09:00Z'), utc('2025-03-29T17:00Z')],
    ]);
    expect(hoursOn(zone, '2025-03-30', '09:00', '17:00')).toEqual([
      [utc('2025-03-30T08:00Z'), utc('2025-03-30T16:00Z')],
    ]);
  });

  it('reads 09:00 as 09:00 GMT again on the autumn change', () => {
    expect(hoursOn(zone, '2025-10-25', '09:00', '17:00')).toEqual([
      [utc('2025-10-25T08:00Z'), utc('2025-10-25T16:00Z')],
    ]);
    expect(hoursOn(zone, '2025-10-26', '09:00', '17:00')).toEqual([
      [utc('2025-10-26T09:00Z'), utc('2025-10-26T17:00Z')],
    ]);
  });

  it('makes 00:00–03:00 two hours in spring and four in autumn', () => {
    const [[s1, e1]] = hoursOn(zone, '2025-03-30', '00:00', '03:00') as [[number, number]];
    expect(e1 - s1).toBe(2 * HOUR);
    const [[s2, e2]] = hoursOn(zone, '2025-10-26', '00:00', '03:00') as [[number, number]];
    expect(e2 - s2).toBe(4 * HOUR);
  });

  it('ends a 24:00 close at the next local midnight', () => {
    expect(hoursOn(zone, '2025-03-30', '18:00', '24:00')).toEqual([
      [utc('2025-03-30T17:00Z'), utc('2025-03-30T23:00Z')],
    ]);
  });
});

describe('Asia/Seoul has no DST', () => {
  it('has 24-hour days all year and 09:00 KST is midnight UTC', () => {
    const starts = localDayStarts(d('2025-01-01'), 365, 'Asia/Seoul');
    for (let i = 0; i < 365; i++) expect(starts[i + 1]! - starts[i]!).toBe(DAY_MS);
    expect(hoursOn('Asia/Seoul', '2025-07-01', '09:00', '18:00')).toEqual([
      [utc('2025-07-01T00:00Z'), utc('2025-07-01T09:00Z')],
    ]);
  });
});

describe('weekly hours and closures', () => {
  it('uses each weekday’s hours, skips closed weekdays and closure dates', () => {
    const hours: OpeningHours = {
      timeZone: 'Europe/London',
      weekly: {
        1: [
          { open: '09:00', close: '12:00' },
          { open: '13:00', close: '17:00' },
        ],
        6: [{ open: '10:00', close: '14:00' }],
      },
      closures: [d('2025-06-09')],
    };
    // 2025-06-02 and 2025-06-09 are Mondays; 2025-06-07 a Saturday.
    expect(intervalsToPairs(openingHoursToIntervals(hours, d('2025-06-02'), d('2025-06-09')))).toEqual([
      [utc('2025-06-02T08:00Z'), utc('2025-06-02T11:00Z')],
      [utc('2025-06-02T12:00Z'), utc('2025-06-02T16:00Z')],
      [utc('2025-06-07T09:00Z'), utc('2025-06-07T13:00Z')],
    ]);
  });

  it('rejects bad wall times and ranges', () => {
    for (const bad of ['9:00', '24:30', '12:60', 'noon'])
      expect(() => parseWallTime(bad)).toThrow(RangeError);
    expect(parseWallTime('24:00')).toBe(1440);
    const hours = { timeZone: 'Europe/London', weekly: everyDay('17:00', '09:00') };
    expect(() => openingHoursToIntervals(hours, d('2025-06-02'), d('2025-06-02'))).toThrow(RangeError);
  });
});

describe('local dates', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(d('2023-12-31'), 1)).toBe('2024-01-01');
    expect(addDays(d('2024-03-01'), -1)).toBe('2024-02-29');
    expect(daysBetween(d('2025-01-01'), d('2026-01-01'))).toBe(365);
    expect(weekdayOf(d('2025-03-10'))).toBe(1);
    expect(weekdayOf(d('2025-03-09'))).toBe(7);
    expect(() => toEpochDay(d('2025-02-30'))).toThrow(RangeError);
  });

  it('agrees with Temporal for any date and offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 60_000 }), fc.integer({ min: -800, max: 800 }), (n, k) => {
        const date = fromEpochDay(n);
        const temporal = Temporal.PlainDate.from('1970-01-01').add({ days: n });
        expect(date).toBe(temporal.toString());
        expect(toEpochDay(date)).toBe(n);
        expect(addDays(date, k)).toBe(temporal.add({ days: k }).toString());
        expect(weekdayOf(date)).toBe(temporal.dayOfWeek);
      }),
    );
  });
});

describe('fast paths agree with Temporal', () => {
  const zones = [
    'America/New_York',
    'Europe/London',
    'Asia/Seoul',
    'Australia/Lord_Howe',
    'America/Santiago',
  ];

  it('localDayStarts matches startOfLocalDay for every day of two years', () => {
    for (const zone of zones) {
      const starts = localDayStarts(d('2024-01-01'), 731, zone);
      for (let i = 0; i <= 731; i++)
        expect(starts[i]).toBe(startOfLocalDay(addDays(d('2024-01-01'), i), zone));
    }
  });

  it('wallTimeOnDay matches wallTimeToInstant on ordinary and transition days', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(
          '2025-03-09',
          '2025-03-30',
          '2025-11-02',
          '2025-10-26',
          '2025-04-06',
          '2025-09-07',
          '2025-10-05',
          '2025-07-15',
        ),
        fc.integer({ min: 0, max: 1440 }),
        (zone, day, minutes) => {
          const [s, e] = localDayStarts(d(day), 1, zone) as [number, number];
          expect(wallTimeOnDay(d(day), s, e, minutes, zone)).toBe(wallTimeToInstant(d(day), minutes, zone));
        },
      ),
    );
  });
});
