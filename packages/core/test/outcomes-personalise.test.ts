import { describe, expect, it } from 'vitest';
import {
  addDays,
  computeResponseCurve,
  daysBetween,
  fitResponseModel,
  isKnownSource,
  type LocalDate,
  type Plan,
  planCourse,
} from '../src/index';
import { personaliseResponse, type ResponseMeasurement } from '../src/outcomes/personalise-response';
import { profile } from './arbitraries';

function plan(overrides: Record<string, unknown>): Plan {
  const result = planCourse(profile(overrides));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan;
}

const SKIN = {
  indication: 'skin-rejuvenation',
  modality: 'microneedling-topical',
  protocol: 'skin-rejuvenation/default',
  severity: 'moderate',
  combinedWith: [],
};
const JOINT = {
  indication: 'joint',
  modality: 'intra-articular-injection',
  protocol: 'joint/default',
  severity: 'moderate',
  combinedWith: [],
};

/**
 * Scores a patient whose benefit follows the model with half-life `trueL` would give: baseline 20
 * on a 0–100 higher-better scale, up to 80 at full benefit. Days are whole weeks after the first
 * session, where the weekly curve is exact.
 */
function synthetic(p: Plan, trueL: number, weeks: number[]): ResponseMeasurement[] {
  const first = p.sessions[0]!.date;
  const sessionDays = p.sessions.map((s) => daysBetween(first, s.date));
  const peak = Math.min(p.responseModel.peakWeeks, trueL / 1.5);
  const curve = computeResponseCurve(
    fitResponseModel(peak, trueL, []),
    sessionDays,
    [],
    Math.max(...weeks) + 1,
  );
  return [
    { date: first, value: 20 },
    ...weeks.map((w) => ({ date: addDays(first, w * 7), value: 20 + 60 * curve[w]!.benefit })),
  ];
}

function ok(r: ReturnType<typeof personaliseResponse>) {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.response;
}

describe('personaliseResponse: the fit', () => {
  it('recovers a shorter half-life than the protocol’s from the patient’s own scores (skin)', () => {
    const p = plan(SKIN); // sessions on days 0, 28, 56; model peak 7 weeks, half-life 32.5 weeks
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'koos-pain',
        measurements: synthetic(p, 20, [14, 21, 30, 40]),
      }),
    );
    expect(r.personalised).toBe(true);
    expect(r.fit!.protocolHalfLifeWeeks).toBe(32.5);
    expect(Math.abs(r.fit!.halfLifeWeeks - 20)).toBeLessThanOrEqual(0.5);
    expect(r.fit!.peakWeeks).toBe(7);
    expect(r.fit!.points).toBe(3);
    expect(r.fit!.rmsError).toBeLessThan(0.01);
    expect(r.model.halfLifeWeeks).toBe(r.fit!.halfLifeWeeks);
    expect(r.observations.map((o) => o.role)).toEqual(['baseline', 'peak', 'fitted', 'fitted', 'fitted']);
  });

  it('recovers a longer half-life (joint), keeping the protocol’s peak', () => {
    const p = plan(JOINT); // peak 32.5 weeks, half-life 48.75 weeks
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'koos-pain',
        measurements: synthetic(p, 80, [30, 45, 60, 80]),
      }),
    );
    expect(Math.abs(r.fit!.halfLifeWeeks - 80)).toBeLessThanOrEqual(1);
    expect(r.fit!.peakWeeks).toBe(32.5);
  });

  it('brings the peak earlier when the patient fades faster than the kernel allows at the protocol’s peak', () => {
    const p = plan(JOINT); // 1.5 × 32.5 = 48.75: a half-life of 30 needs a peak at 20 weeks
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'koos-pain',
        measurements: synthetic(p, 30, [20, 28, 36, 44]),
      }),
    );
    expect(Math.abs(r.fit!.halfLifeWeeks - 30)).toBeLessThanOrEqual(1);
    expect(r.fit!.peakWeeks).toBeCloseTo(r.fit!.halfLifeWeeks / 1.5, 2);
    expect(r.explanation.find((e) => e.factor === 'half-life')!.effect).toContain('brings the peak earlier');
  });

  it('expresses each score as a fraction of the patient’s best, on any direction of scale', () => {
    const p = plan(SKIN);
    const first = p.sessions[0]!.date;
    const last = p.sessions.at(-1)!.date;
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'vas-pain', // lower is better
        measurements: [
          { date: addDays(last, 90), value: 50 },
          { date: first, value: 70 },
          { date: addDays(last, 42), value: 30 },
          { date: addDays(last, 20), value: 60 },
        ],
      }),
    );
    expect(r.observations.map((o) => [o.value, o.improvement, o.fraction, o.role])).toEqual([
      [70, null, null, 'baseline'],
      [60, 10, 0.25, 'before-peak'],
      [30, 40, 1, 'peak'],
      [50, 20, 0.5, 'fitted'],
    ]);
  });

  it('reads GAIS as 4 − rating: "very much improved" then "improved" is a third of the best', () => {
    const p = plan(SKIN);
    const last = p.sessions.at(-1)!.date;
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'gais-patient',
        measurements: [
          { date: p.sessions[0]!.date, value: 4 },
          { date: addDays(last, 42), value: 1 },
          { date: addDays(last, 140), value: 3 },
        ],
      }),
    );
    expect(r.observations[0]).toMatchObject({ role: 'ignored' });
    expect(r.observations[0]!.reason).toContain('rates change after treatment');
    expect(r.observations.slice(1).map((o) => [o.improvement, o.fraction])).toEqual([
      [3, 1],
      [1, 1 / 3],
    ]);
    expect(r.personalised).toBe(true);
  });
});

describe('personaliseResponse: the worked example of docs/response-model.md', () => {
  it('fits 57.1 weeks and dates maintenance on 2028-01-26 for the knee example', () => {
    const p = plan(JOINT);
    expect(p.sessions.map((s) => s.date)).toEqual(['2027-01-11', '2027-02-01', '2027-02-22', '2027-03-15']);
    expect(p.responseModel).toMatchObject({ peakWeeks: 32.5, halfLifeWeeks: 48.75 });
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'koos-pain',
        measurements: [
          { date: '2027-01-11' as LocalDate, value: 45 },
          { date: '2027-07-12' as LocalDate, value: 60 },
          { date: '2027-10-12' as LocalDate, value: 78 },
          { date: '2028-01-11' as LocalDate, value: 70 },
        ],
      }),
    );
    expect(r.observations.map((o) => [o.improvement, o.role])).toEqual([
      [null, 'baseline'],
      [15, 'before-peak'],
      [33, 'peak'],
      [25, 'fitted'],
    ]);
    expect(r.fit).toMatchObject({ points: 1, halfLifeWeeks: 57.1, peakWeeks: 32.5, atBound: null });
    expect(r.thresholdDate).toBe('2028-01-26');
    expect(r.maintenanceDue).toMatchObject({
      date: '2028-01-26',
      daysAfterLastSession: 317,
      reason: 'threshold',
    });
    expect(r.explanation.find((e) => e.factor === 'maintenance-window')!.effect).toBe(
      'maintenance due on 2028-01-26, 317 days after the last session, inside the protocol window of 183–365 days',
    );
  });
});

describe('personaliseResponse: the maintenance date', () => {
  it('puts maintenance where the personalised curve falls below 70% of its peak, inside the window', () => {
    const p = plan(JOINT);
    const first = p.sessions[0]!.date;
    const last = p.sessions.at(-1)!.date;
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'koos-pain',
        measurements: synthetic(p, 60, [30, 40, 50]),
      }),
    );
    const due = r.maintenanceDue!;
    expect(due.reason).toBe('threshold');
    expect(due.date).toBe(r.thresholdDate);
    expect(due.earliest).toBe(addDays(last, 183));
    expect(due.latest).toBe(addDays(last, 365));
    expect(due.daysAfterLastSession).toBe(daysBetween(last, due.date));
    // Check the crossing on an independent draw of the series alone.
    const sessionDays = p.sessions.map((s) => daysBetween(first, s.date));
    const curve = computeResponseCurve(r.model, sessionDays, [], 120);
    const dueDay = daysBetween(first, due.date);
    const lastDay = sessionDays.at(-1)!;
    const peak = Math.max(...curve.filter((x) => x.week * 7 >= lastDay).map((x) => x.benefit));
    expect(curve[Math.floor((dueDay - 1) / 7)]!.benefit).toBeGreaterThanOrEqual(0.7 * peak);
    expect(curve[Math.ceil(dueDay / 7)]!.benefit).toBeLessThan(0.7 * peak);
    expect(r.explanation.map((e) => e.factor)).toEqual([
      'own-peak',
      'half-life',
      'threshold',
      'maintenance-window',
    ]);
    // A booster at the due date, then at the same interval.
    expect(r.curve.boosterWeeks[0]).toBeCloseTo(dueDay / 7, 1);
  });

  it('moves the date with the threshold: a higher threshold comes sooner', () => {
    const p = plan(JOINT);
    const m = synthetic(p, 60, [30, 40, 50]);
    const at = (threshold: number) =>
      ok(personaliseResponse({ plan: p, instrumentId: 'koos-pain', measurements: m, threshold }))
        .thresholdDate!;
    expect(at(0.8) < at(0.7)).toBe(true);
    expect(at(0.7) < at(0.6)).toBe(true);
  });

  it('clamps a fast fade to the window’s start and says why', () => {
    const p = plan(SKIN);
    const last = p.sessions.at(-1)!.date;
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'koos-pain',
        measurements: synthetic(p, 15, [14, 20, 26]),
      }),
    );
    expect(daysBetween(last, r.thresholdDate!)).toBeLessThan(183);
    expect(r.maintenanceDue).toMatchObject({
      reason: 'window-start',
      date: addDays(last, 183),
      daysAfterLastSession: 183,
    });
    const why = r.explanation.find((e) => e.factor === 'maintenance-window')!;
    expect(why.effect).toContain('the protocol window starts 183 days after the last session');
    expect(why.sources).toEqual(expect.arrayContaining(['S3', 'EXOCLINIC-MODEL']));
  });

  it('clamps a benefit that holds to the window’s end', () => {
    const p = plan(SKIN);
    const first = p.sessions[0]!.date;
    const last = p.sessions.at(-1)!.date;
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'face-q',
        measurements: [
          { date: first, value: 40 },
          { date: addDays(last, 42), value: 80 },
          { date: addDays(last, 180), value: 80 },
        ],
      }),
    );
    expect(r.fit!.atBound).toBe('upper');
    expect(r.fit!.halfLifeWeeks).toBe(130);
    expect(r.maintenanceDue).toMatchObject({ reason: 'window-end', date: addDays(last, 365) });
  });

  it('counts from the sessions actually given when they moved', () => {
    const p = plan(JOINT);
    const sessionDates = p.sessions.map((s, i) => addDays(s.date, i * 2)) as LocalDate[];
    const m = synthetic(p, 60, [30, 40, 50]);
    const r = ok(personaliseResponse({ plan: p, instrumentId: 'koos-pain', measurements: m, sessionDates }));
    expect(r.maintenanceDue!.earliest).toBe(addDays(sessionDates.at(-1)!, 183));
  });

  it('still dates the fall below the threshold when the protocol has no maintenance window', () => {
    const p = plan({ ...SKIN, protocol: 'skin-rejuvenation/PARK-2023' });
    expect(p.maintenance).toBeNull();
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'koos-pain',
        measurements: synthetic(p, 20, [12, 20, 30]),
      }),
    );
    expect(r.maintenanceDue).toBeNull();
    expect(r.thresholdDate).not.toBeNull();
    expect(r.explanation.at(-1)!.effect).toContain('no maintenance interval');
  });
});

describe('personaliseResponse: no usable data', () => {
  const p = plan(SKIN);
  const first = p.sessions[0]!.date;
  const last = p.sessions.at(-1)!.date;
  const cases: [string, ResponseMeasurement[], string][] = [
    [
      'no measurements',
      [],
      'no baseline FACE-Q scale (Rasch) score on or before the first session (2027-01-11)',
    ],
    ['no baseline', [{ date: addDays(last, 42), value: 70 }], 'no baseline'],
    [
      'only a baseline',
      [{ date: first, value: 40 }],
      'no FACE-Q scale (Rasch) measurement after the first treatment yet',
    ],
    [
      'no improvement',
      [
        { date: first, value: 40 },
        { date: addDays(last, 42), value: 38 },
        { date: addDays(last, 90), value: 35 },
      ],
      'no improvement over the baseline has been measured',
    ],
    [
      'best is latest',
      [
        { date: first, value: 40 },
        { date: addDays(last, 42), value: 60 },
        { date: addDays(last, 90), value: 70 },
      ],
      'is also the latest: no decline has been seen yet',
    ],
  ];
  for (const [name, measurements, reason] of cases) {
    it(`falls back to the protocol window’s target: ${name}`, () => {
      const r = ok(personaliseResponse({ plan: p, instrumentId: 'face-q', measurements }));
      expect(r.personalised).toBe(false);
      expect(r.fit).toBeNull();
      expect(r.model).toEqual(p.responseModel);
      expect(r.thresholdDate).toBeNull();
      expect(r.maintenanceDue).toMatchObject({
        reason: 'protocol-target',
        date: p.maintenance!.firstDue.target,
        earliest: p.maintenance!.firstDue.earliest,
        latest: p.maintenance!.firstDue.latest,
      });
      const why = r.explanation.find((e) => e.factor === 'no-personal-data')!;
      expect(why.effect).toContain(reason);
      expect(why.effect).toContain("the protocol's response model stands");
      // With no data the curve is the plan's own.
      expect(r.curve.points).toEqual(p.responseCurve.points);
    });
  }

  it('leaves out invalid scores, says which and why, and fits on the rest', () => {
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'face-q',
        measurements: [
          { date: first, value: 40 },
          { date: addDays(last, 42), value: 80 },
          { date: addDays(last, 60), value: 180 },
          { date: addDays(last, 90), value: 70.5 },
          { date: addDays(last, 120), value: 60 },
        ],
      }),
    );
    expect(r.personalised).toBe(true);
    expect(r.fit!.points).toBe(1);
    const ignored = r.explanation.find((e) => e.factor === 'ignored-measurements')!;
    expect(ignored.effect).toContain('2 measurement(s) not used');
    expect(ignored.effect).toContain('got 180');
    expect(ignored.effect).toContain('not a whole number');
  });
});

describe('personaliseResponse: input problems and sources', () => {
  const p = plan(SKIN);
  it('refuses an unknown instrument, a threshold outside (0, 1), unordered sessions, a bad baseline', () => {
    const r = personaliseResponse({
      plan: p,
      instrumentId: 'face-q',
      measurements: [],
      threshold: 1.2,
      sessionDates: ['2027-02-01', '2027-01-01'] as LocalDate[],
      baseline: 120,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((x) => x.path)).toEqual(['threshold', 'sessionDates[1]', 'baseline']);
    const unknown = personaliseResponse({ plan: p, instrumentId: 'iq', measurements: [] });
    expect(unknown).toEqual({
      ok: false,
      problems: [{ path: 'instrumentId', message: "'iq' is not an outcome instrument in the catalog" }],
    });
  });

  it('takes an explicit baseline over a measured one', () => {
    const last = p.sessions.at(-1)!.date;
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'face-q',
        baseline: 30,
        measurements: [
          { date: p.sessions[0]!.date, value: 50 },
          { date: addDays(last, 42), value: 80 },
          { date: addDays(last, 120), value: 55 },
        ],
      }),
    );
    expect(r.observations.map((o) => o.fraction)).toEqual([null, 1, 0.5]);
  });

  it('cites only known sources, and the method', () => {
    const r = ok(
      personaliseResponse({
        plan: p,
        instrumentId: 'koos-pain',
        measurements: synthetic(p, 20, [14, 21, 30]),
      }),
    );
    expect(r.sources).toContain('EXOCLINIC-MODEL');
    expect(r.sources).toContain('KOOS');
    expect(r.sources.filter((s) => !isKnownSource(s))).toEqual([]);
    for (const e of r.explanation) expect(e.sources.length).toBeGreaterThan(0);
  });
});
