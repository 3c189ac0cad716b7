import { describe, expect, it } from 'vitest';
import { proportionInterval, Z_95 } from '../src/analytics/proportion-interval';
import {
  type AdverseEventRow,
  type AppointmentRow,
  type CourseRow,
  type ExposureRow,
  type OutcomeRow,
  summariseAdverseEventRates,
  summariseNoShows,
  summariseOutcomes,
  summariseOutcomesByProtocol,
  summariseSeriesCompletion,
} from '../src/analytics/summarise-outcomes';
import { isKnownSource, type LocalDate } from '../src/index';

describe('proportionInterval (Wilson score, 95%)', () => {
  it('matches the published table', () => {
    // Wilson score interval without continuity correction, to 4 decimals: x/10 from the usual
    // textbook table; 81/263, 15/148, 0/20 and 1/29 are Newcombe (Stat Med 1998;17:857), method 3.
    const table: [number, number, number, number][] = [
      [0, 10, 0, 0.2775],
      [1, 10, 0.0179, 0.4042],
      [5, 10, 0.2366, 0.7634],
      [10, 10, 0.7225, 1],
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
      [10, 100, 0.0552, 0.1744],
    ];
    for (const [x, n, lo, hi] of table) {
      const r = proportionInterval(x, n);
      expect(r.estimate).toBe(x / n);
      expect(r.lower).toBeCloseTo(lo, 4);
      expect(r.upper).toBeCloseTo(hi, 4);
      expect(r).toMatchObject({
        events: x,
        exposures: n,
        confidence: 0.95,
        method: 'wilson-score',
        sources: ['WILSON-1927'],
      });
    }
  });

  it('is exact at 0 and n: the closed forms z²/(n + z²) and n/(n + z²)', () => {
    const z2 = Z_95 * Z_95;
    for (const n of [1, 2, 7, 50, 1000]) {
      const none = proportionInterval(0, n);
      expect(none.lower).toBe(0);
      expect(none.upper).toBeCloseTo(z2 / (n + z2), 12);
      const all = proportionInterval(n, n);
      expect(all.upper).toBe(1);
      expect(all.lower).toBeCloseTo(n / (n + z2), 12);
    }
  });

  it('knows nothing without exposures, and refuses impossible counts', () => {
    expect(proportionInterval(0, 0)).toMatchObject({ estimate: null, lower: 0, upper: 1 });
    expect(() => proportionInterval(3, 2)).toThrow(RangeError);
    expect(() => proportionInterval(-1, 2)).toThrow(
      'events must be a whole number from 0 to exposures (2); got -1',
    );
    expect(() => proportionInterval(1, 2.5)).toThrow('exposures must be a whole number ≥ 0; got 2.5');
    expect(() => proportionInterval(0.5, 2)).toThrow(RangeError);
  });
});

const d = (n: number) =>
  `2027-${String(1 + Math.floor(n / 28)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}` as LocalDate;

describe('summariseOutcomesByProtocol', () => {
  it('pairs the earliest baseline with the latest later score; same-day scores are averaged', () => {
    const row = (over: Partial<OutcomeRow>): OutcomeRow => ({
      courseId: 'c1',
      protocolId: 'joint/default',
      indication: 'joint',
      instrumentId: 'vas-pain',
      point: 'follow-up',
      date: d(0),
      value: 0,
      ...over,
    });
    const r = summariseOutcomesByProtocol([
      row({ point: 'baseline', date: d(1), value: 70 }),
      row({ point: 'baseline', date: d(2), value: 10 }), // a later re-take: not the baseline
      row({ point: 'end-of-series', date: d(20), value: 5 }),
      row({ date: d(40), value: 50 }),
      row({ date: d(40), value: 40 }), // same day: mean 45
    ]);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]).toMatchObject({ n: 1, meanChange: -25, meanImprovement: 25 });
    expect(r.groups[0]!.improved).toMatchObject({ events: 1, exposures: 1 });
    expect(r.groups[0]!.reachingMcid).toMatchObject({ events: 1, exposures: 1 });
  });

  it('gives n, mean change and shares on a generated clinic with known answers', () => {
    const rows: OutcomeRow[] = [];
    // joint/default, VAS: 40 courses from 60 mm down by 0, 5, …, 35 mm (cycled): mean change
    // −17.5 mm; 35 of 40 improved; 30 of 40 reach the 10 mm MCID. An end-of-series score (lower,
    // earlier) must not be taken as the outcome.
    for (let i = 0; i < 40; i++) {
      const base = {
        courseId: `v${i}`,
        protocolId: 'joint/default',
        indication: 'joint',
        instrumentId: 'vas-pain',
      };
      rows.push({ ...base, point: 'baseline', date: d(0), value: 60 });
      rows.push({ ...base, point: 'end-of-series', date: d(60), value: 0 });
      rows.push({ ...base, point: 'follow-up', date: d(100 + (i % 3)), value: 60 - 5 * (i % 8) });
    }
    // 5 with a baseline only (awaiting follow-up), 3 with a follow-up only (no baseline).
    for (let i = 0; i < 5; i++) {
      rows.push({
        courseId: `w${i}`,
        protocolId: 'joint/default',
        indication: 'joint',
        instrumentId: 'vas-pain',
        point: 'baseline',
        date: d(0),
        value: 50,
      });
    }
    for (let i = 0; i < 3; i++) {
      rows.push({
        courseId: `x${i}`,
        protocolId: 'joint/default',
        indication: 'joint',
        instrumentId: 'vas-pain',
        point: 'follow-up',
        date: d(90),
        value: 20,
      });
    }
    // skin default, GAIS: 30 courses rated 1, 2, 3, 4, 5 (cycled): mean rating 3; 18 improved.
    for (let i = 0; i < 30; i++) {
      rows.push({
        courseId: `g${i}`,
        protocolId: 'skin-rejuvenation/default',
        indication: 'skin-rejuvenation',
        instrumentId: 'gais-clinician',
        point: 'follow-up',
        date: d(80),
        value: 1 + (i % 5),
      });
    }
    // Invalid scores are left out and listed.
    rows.push({
      courseId: 'v0',
      protocolId: 'joint/default',
      indication: 'joint',
      instrumentId: 'vas-pain',
      point: 'follow-up',
      date: d(200),
      value: 150,
    });
    rows.push({
      courseId: 'g0',
      protocolId: 'skin-rejuvenation/default',
      indication: 'skin-rejuvenation',
      instrumentId: 'gais-clinician',
      point: 'follow-up',
      date: d(200),
      value: 2.5,
    });

    const r = summariseOutcomesByProtocol(rows);
    expect(r.invalidRows.map((x) => x.index)).toEqual([rows.length - 2, rows.length - 1]);
    expect(r.invalidRows[0]!.message).toBe('VAS pain takes from 0 to 100 mm; got 150');
    expect(r.groups.map((g) => [g.protocolId, g.instrumentId])).toEqual([
      ['joint/default', 'vas-pain'],
      ['skin-rejuvenation/default', 'gais-clinician'],
    ]);
    const [vas, gais] = r.groups;
    expect(vas).toMatchObject({ indication: 'joint', n: 40, meanChange: -17.5, meanImprovement: 17.5 });
    expect(vas!.unpaired).toEqual({ noBaseline: 3, noFollowUp: 5 });
    expect(vas!.improved).toMatchObject({ events: 35, exposures: 40, estimate: 0.875 });
    expect(vas!.improved.lower).toBeCloseTo(0.7389, 4);
    expect(vas!.improved.upper).toBeCloseTo(0.9454, 4);
    expect(vas!.reachingMcid).toMatchObject({ events: 30, exposures: 40, estimate: 0.75 });
    expect(vas!.reachingMcid!.lower).toBeCloseTo(0.5981, 4);
    expect(vas!.reachingMcid!.upper).toBeCloseTo(0.8581, 4);
    expect(vas!.sources).toEqual(['VAS-PAIN', 'WILSON-1927']);
    expect(gais).toMatchObject({ n: 30, meanChange: 3, meanImprovement: 1, reachingMcid: null });
    expect(gais!.improved).toMatchObject({ events: 18, exposures: 30 });
    expect(gais!.unpaired).toEqual({ noBaseline: 0, noFollowUp: 0 });
  });
});

describe('summariseAdverseEventRates', () => {
  // P1: lot L1 in sessions s0–s99, lot L2 in s100–s149. P2: lot L3 in t0–t79 and also in s0–s9
  // (combined sessions), so L3 has 90 exposures.
  const exposures: ExposureRow[] = [];
  for (let i = 0; i < 150; i++)
    exposures.push({ sessionId: `s${i}`, productId: 'P1', lotId: i < 100 ? 'L1' : 'L2' });
  for (let i = 0; i < 80; i++) exposures.push({ sessionId: `t${i}`, productId: 'P2', lotId: 'L3' });
  for (let i = 0; i < 10; i++) exposures.push({ sessionId: `s${i}`, productId: 'P2', lotId: 'L3' });
  exposures.push({ sessionId: 's5', productId: 'P1', lotId: 'L1' }); // a duplicate row: counted once
  const events: AdverseEventRow[] = [
    ...[10, 11, 12, 13, 14].map((i) => ({ eventId: `e${i - 9}`, sessionId: `s${i}`, serious: false })),
    { eventId: 'e6', sessionId: 's10', serious: false }, // a second event in the same session
    { eventId: 'e7', sessionId: 's0', lotId: null, serious: false }, // combined session: both lots
    { eventId: 'e8', sessionId: 's1', lotId: 'L3', serious: false }, // suspected lot named: L3 only
    { eventId: 'e9', sessionId: 't0', serious: true },
    { eventId: 'e10', sessionId: 't1', serious: false },
    { eventId: 'e11', sessionId: 't2', serious: false },
    { eventId: 'e12', sessionId: 'zz', serious: false }, // unknown session
    { eventId: 'e13', sessionId: 's120', lotId: 'L1', serious: false }, // that session used L2
  ];

  it('counts exposed sessions, affected sessions and events per product and per lot', () => {
    const r = summariseAdverseEventRates(exposures, events);
    expect(r.byLot.map((x) => [x.lotId, x.exposures, x.affectedSessions, x.events, x.seriousEvents])).toEqual(
      [
        ['L1', 100, 6, 7, 0],
        ['L2', 50, 0, 0, 0],
        ['L3', 90, 5, 5, 1],
      ],
    );
    expect(
      r.byProduct.map((x) => [x.productId, x.exposures, x.affectedSessions, x.events, x.seriousEvents]),
    ).toEqual([
      ['P1', 150, 6, 7, 0],
      ['P2', 90, 5, 5, 1],
    ]);
    expect(r.unattributedEvents).toEqual(['e12', 'e13']);
  });

  it('attributes an event linked to several sessions wherever one of its links matches', () => {
    const r = summariseAdverseEventRates(exposures, [
      { eventId: 'x', sessionId: 'gone', serious: false },
      { eventId: 'x', sessionId: 's120', serious: true },
    ]);
    expect(r.unattributedEvents).toEqual([]);
    expect(r.byLot.find((x) => x.lotId === 'L2')).toMatchObject({
      affectedSessions: 1,
      events: 1,
      seriousEvents: 1,
    });
  });

  it('gives each rate its Wilson 95% interval', () => {
    const r = summariseAdverseEventRates(exposures, events);
    const l1 = r.byLot.find((x) => x.lotId === 'L1')!;
    expect(l1.rate.estimate).toBe(0.06);
    expect(l1.rate.lower).toBeCloseTo(0.0278, 4);
    expect(l1.rate.upper).toBeCloseTo(0.1248, 4);
    const l2 = r.byLot.find((x) => x.lotId === 'L2')!;
    expect(l2.rate).toMatchObject({ estimate: 0, lower: 0 });
    expect(l2.rate.upper).toBeCloseTo(0.0713, 4); // no event in 50 sessions: still up to 7%
    const l3 = r.byLot.find((x) => x.lotId === 'L3')!;
    expect(l3.rate.lower).toBeCloseTo(0.024, 4);
    expect(l3.rate.upper).toBeCloseTo(0.1235, 4);
    for (const x of [...r.byLot, ...r.byProduct]) expect(x.sources).toEqual(['WILSON-1927']);
  });
});

describe('series completion and no-shows', () => {
  it('counts completion among finished courses only', () => {
    const courses: CourseRow[] = [];
    const add = (
      protocolId: string,
      n: number,
      planned: number,
      done: number,
      status: CourseRow['status'],
    ) => {
      for (let i = 0; i < n; i++) {
        courses.push({
          courseId: `${protocolId}-${courses.length}`,
          protocolId,
          plannedSessions: planned,
          completedSessions: done,
          status,
        });
      }
    };
    add('A', 10, 3, 3, 'completed');
    add('A', 3, 4, 2, 'stopped');
    add('A', 4, 4, 1, 'active'); // still running: counted neither way
    add('A', 1, 3, 3, 'active'); // complete though not closed yet
    add('B', 5, 5, 5, 'completed');
    add('B', 5, 5, 0, 'stopped');
    const r = summariseSeriesCompletion(courses);
    expect(r.overall).toMatchObject({ finished: 24, completed: 16, inProgress: 4 });
    expect(r.overall.rate.lower).toBeCloseTo(0.4671, 4);
    expect(r.overall.rate.upper).toBeCloseTo(0.8203, 4);
    expect(r.byProtocol.map((x) => [x.protocolId, x.completed, x.finished, x.inProgress])).toEqual([
      ['A', 11, 14, 4],
      ['B', 5, 10, 0],
    ]);
    expect(r.byProtocol[0]!.rate.lower).toBeCloseTo(0.5241, 4);
    expect(r.byProtocol[0]!.rate.upper).toBeCloseTo(0.9243, 4);
  });

  it('counts no-shows among the appointments that were due and not cancelled', () => {
    const appointments: AppointmentRow[] = [];
    const add = (status: AppointmentRow['status'], n: number) => {
      for (let i = 0; i < n; i++) appointments.push({ appointmentId: `${status}${i}`, status });
    };
    add('attended', 90);
    add('no-show', 10);
    add('cancelled', 20);
    add('scheduled', 30);
    const r = summariseNoShows(appointments);
    expect(r).toMatchObject({ attended: 90, noShows: 10, cancelled: 20, scheduled: 30 });
    expect(r.rate).toMatchObject({ events: 10, exposures: 100, estimate: 0.1 });
    expect(r.rate.lower).toBeCloseTo(0.0552, 4);
    expect(r.rate.upper).toBeCloseTo(0.1744, 4);
  });

  it('summarises everything at once, and nothing from nothing', () => {
    const empty = summariseOutcomes({});
    expect(empty.outcomes).toEqual({ groups: [], invalidRows: [] });
    expect(empty.adverseEvents).toEqual({ byProduct: [], byLot: [], unattributedEvents: [] });
    expect(empty.seriesCompletion.overall.rate).toMatchObject({ estimate: null, lower: 0, upper: 1 });
    expect(empty.noShows.rate.estimate).toBeNull();
    const some = summariseOutcomes({ appointments: [{ appointmentId: 'a', status: 'no-show' }] });
    expect(some.noShows.rate).toMatchObject({ events: 1, exposures: 1, upper: 1 });
    expect(some.noShows.sources.every(isKnownSource)).toBe(true);
  });
});
