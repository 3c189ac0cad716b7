import { describe, expect, it } from 'vitest';
import { isKnownSource, planCourse } from '../src/index';
import { compareToBaseline } from '../src/outcomes/compare-to-baseline';
import { scheduleAssessments } from '../src/outcomes/schedule-assessments';
import { validateScore } from '../src/outcomes/validate-score';
import { profile } from './arbitraries';

function plan(overrides: Record<string, unknown> = {}) {
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

describe('validateScore', () => {
  it('accepts values inside the range, the bounds included', () => {
    for (const [id, v] of [
      ['vas-pain', 0],
      ['vas-pain', 100],
      ['vas-pain', 37.5],
      ['gais-clinician', 1],
      ['gais-clinician', 5],
      ['masi', 12.3],
      ['hair-density', 180.4],
      ['hair-density', 0],
    ] as const) {
      const r = validateScore(id, v);
      expect(r.ok, `${id} ${v}`).toBe(true);
      if (r.ok) expect(r.value).toBe(v);
    }
  });

  it('refuses out-of-range values, naming the instrument and its range', () => {
    const r = validateScore('vas-pain', 101);
    expect(r).toEqual({
      ok: false,
      problems: [
        { path: 'value', code: 'out-of-range', message: 'VAS pain takes from 0 to 100 mm; got 101' },
      ],
    });
    const low = validateScore('hair-density', -1);
    expect(low.ok).toBe(false);
    if (!low.ok)
      expect(low.problems[0]!.message).toBe(
        'Hair density (phototrichogram) takes from 0 hairs/cm² upwards; got -1',
      );
  });

  it('refuses fractions on whole-number scales, and reports every problem at once', () => {
    const r = validateScore('gais-patient', 2.5);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => p.code)).toEqual(['not-an-integer']);
      expect(r.problems[0]!.message).toBe(
        'GAIS (patient) takes whole numbers from 1 to 5; got 2.5, which is not a whole number',
      );
    }
    const both = validateScore('womac-pain', 20.5);
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.problems.map((p) => p.code)).toEqual(['out-of-range', 'not-an-integer']);
  });

  it('refuses non-finite values and non-numbers', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '5', null, undefined]) {
      const r = validateScore('face-q', v);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problems).toHaveLength(1);
        expect(r.problems[0]!.code).toBe('not-a-number');
        expect(r.problems[0]!.message).toContain('FACE-Q scale (Rasch) takes whole numbers from 0 to 100');
      }
    }
  });

  it('refuses unknown instruments', () => {
    expect(validateScore('iq', 100)).toEqual({
      ok: false,
      problems: [
        {
          path: 'instrumentId',
          code: 'unknown-instrument',
          message: "'iq' is not an outcome instrument in the catalog",
        },
      ],
    });
  });
});

describe('compareToBaseline', () => {
  it('measures a lower-better scale against the VAS MCID (10–20 mm)', () => {
    const r = compareToBaseline('vas-pain', 62, 47);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.comparison;
    expect(c.change).toBe(-15);
    expect(c.improvement).toBe(15);
    expect(c.percentChange).toBeCloseTo((-15 / 62) * 100, 10); // −24.19 %
    expect(c.improved).toBe(true);
    expect(c.direction).toBe('improved');
    expect(c.mcid).toEqual({ min: 10, max: 20, sources: ['VAS-PAIN'] });
    expect(c.reachesMcid).toBe(true);
    expect(c.mcidReason).toBe(
      "an improvement of 15 mm reaches the MCID's lower estimate (10 mm) but not its upper (20 mm)",
    );
    expect(c.sources).toEqual(['VAS-PAIN']);
  });

  it('says when the MCID is missed or fully reached, and when pain got worse', () => {
    const small = compareToBaseline('vas-pain', 50, 41);
    expect(small.ok && small.comparison.reachesMcid).toBe(false);
    if (small.ok)
      expect(small.comparison.mcidReason).toBe('an improvement of 9 mm is below the MCID of 10–20 mm');
    const big = compareToBaseline('vas-pain', 70, 45);
    if (!big.ok) throw new Error('expected ok');
    expect(big.comparison.reachesMcid).toBe(true);
    expect(big.comparison.mcidReason).toBe(
      'an improvement of 25 mm reaches the whole MCID range of 10–20 mm',
    );
    const worse = compareToBaseline('vas-pain', 30, 55);
    if (!worse.ok) throw new Error('expected ok');
    expect(worse.comparison).toMatchObject({
      change: 25,
      improvement: -25,
      improved: false,
      direction: 'worse',
    });
    expect(worse.comparison.reachesMcid).toBe(false);
  });

  it('respects higher-better scales and gives null with a reason where no MCID is known', () => {
    const r = compareToBaseline('hair-density', 120, 150);
    if (!r.ok) throw new Error('expected ok');
    expect(r.comparison).toMatchObject({ change: 30, improvement: 30, percentChange: 25, improved: true });
    expect(r.comparison.reachesMcid).toBeNull();
    expect(r.comparison.mcid).toBeNull();
    expect(r.comparison.mcidReason).toBe(
      'no minimal clinically important difference is known for Hair density (phototrichogram)',
    );
    const down = compareToBaseline('koos-pain', 60, 55);
    if (!down.ok) throw new Error('expected ok');
    expect(down.comparison).toMatchObject({
      change: -5,
      improvement: -5,
      improved: false,
      direction: 'worse',
    });
  });

  it('reproduces the ECCA change Kwon 2020 reports as a percentage (−32.5%)', () => {
    const r = compareToBaseline('ecca', 200, 135);
    if (!r.ok) throw new Error('expected ok');
    expect(r.comparison.percentChange).toBeCloseTo(-32.5, 10);
    expect(r.comparison.improved).toBe(true);
  });

  it('gives no percentage from a baseline of 0 and "no change" without a change', () => {
    const zero = compareToBaseline('masi', 0, 3.2);
    if (!zero.ok) throw new Error('expected ok');
    expect(zero.comparison.percentChange).toBeNull();
    expect(zero.comparison.direction).toBe('worse');
    const same = compareToBaseline('masi', 8.4, 8.4);
    if (!same.ok) throw new Error('expected ok');
    expect(same.comparison).toMatchObject({
      change: 0,
      improvement: 0,
      improved: false,
      direction: 'no-change',
    });
    expect(Object.is(same.comparison.improvement, 0)).toBe(true);
  });

  it('reads GAIS as a rating of change: 1–3 improved, 4 no change, 5 worse', () => {
    const expected = [
      [1, 'improved', 3],
      [2, 'improved', 2],
      [3, 'improved', 1],
      [4, 'no-change', 0],
      [5, 'worse', -1],
    ] as const;
    for (const [rating, direction, improvement] of expected) {
      const r = compareToBaseline('gais-clinician', null, rating);
      if (!r.ok) throw new Error('expected ok');
      expect(r.comparison).toMatchObject({
        comparative: true,
        baseline: null,
        change: rating,
        improvement,
        percentChange: null,
        direction,
        improved: direction === 'improved',
        reachesMcid: null,
        sources: ['GAIS'],
      });
      expect(r.comparison.mcidReason).toContain('rating of change');
    }
  });

  it('ignores a baseline given for GAIS, but refuses an invalid rating', () => {
    const r = compareToBaseline('gais-patient', 3, 2);
    expect(r.ok && r.comparison.baseline).toBeNull();
    const bad = compareToBaseline('gais-patient', null, 6);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ which: 'current', code: 'out-of-range' });
  });

  it('refuses a missing or invalid baseline and says which score is wrong', () => {
    const missing = compareToBaseline('vas-pain', null, 40);
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.problems[0]!.message).toBe('VAS pain is compared with a baseline score; none was given');
    const bad = compareToBaseline('womac-total', 97, 40);
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems).toEqual([expect.objectContaining({ which: 'baseline', code: 'out-of-range' })]);
    const unknown = compareToBaseline('nope', 1, 2);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.problems[0]!.code).toBe('unknown-instrument');
  });
});

describe('scheduleAssessments', () => {
  it('dates the baseline, the end of the series and every follow-up of a skin plan', () => {
    const p = plan(SKIN);
    // Three sessions four weeks apart from 2027-01-11; outcome review 6 weeks and safety review
    // 3 months after the last session.
    expect(p.sessions.map((s) => s.date)).toEqual(['2027-01-11', '2027-02-08', '2027-03-08']);
    const r = scheduleAssessments(p);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.slots.map((s) => [s.point, s.date, s.sessionIndex, s.followUpKind])).toEqual([
      ['baseline', '2027-01-11', 1, null],
      ['end-of-series', '2027-03-08', 3, null],
      ['follow-up', '2027-04-19', null, 'outcome-review'],
      ['follow-up', '2027-06-08', null, 'safety-review'],
    ]);
    const [baseline, end, review, safety] = r.slots;
    // GAIS rates change against the baseline: nothing to rate before treatment.
    expect(baseline!.instruments).toEqual(['face-q', 'glogau']);
    expect(baseline!.omitted.map((o) => o.instrumentId)).toEqual(['gais-clinician', 'gais-patient']);
    for (const slot of [end!, review!, safety!]) {
      expect(slot.instruments).toEqual(['gais-clinician', 'gais-patient', 'face-q', 'glogau']);
      expect(slot.omitted).toEqual([]);
    }
    expect(safety!.sources).toContain('EXO-AE-REPORTS');
    for (const slot of r.slots) {
      expect(slot.sources.length).toBeGreaterThan(0);
      expect(slot.sources.filter((s) => !isKnownSource(s))).toEqual([]);
    }
  });

  it('uses the instruments asked for, and the study follow-ups of a study protocol', () => {
    const p = plan({
      indication: 'joint',
      modality: 'intra-articular-injection',
      protocol: 'joint/KNEE-CM',
      severity: 'moderate',
      combinedWith: [],
    });
    const r = scheduleAssessments(p, ['vas-pain', 'koos-pain']);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.slots.filter((s) => s.followUpKind === 'study-follow-up').map((s) => s.label)).toEqual([
      'Study follow-up (2 months)',
      'Study follow-up (4 months)',
      'Study follow-up (6 months)',
    ]);
    expect(r.slots[0]!.instruments).toEqual(['vas-pain', 'koos-pain']);
    const dates = r.slots.map((s) => s.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('takes the baseline at the only session of a one-session course, with no end-of-series slot', () => {
    const p = plan(); // hair-loss/S1, one session
    expect(p.sessions).toHaveLength(1);
    const r = scheduleAssessments(p, ['hair-density', 'gais-patient']);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.slots.map((s) => s.point)).not.toContain('end-of-series');
    expect(r.slots[0]).toMatchObject({
      point: 'baseline',
      date: '2027-01-11',
      instruments: ['hair-density'],
    });
  });

  it('refuses unknown instruments and an empty list', () => {
    const p = plan(SKIN);
    expect(scheduleAssessments(p, ['face-q', 'iq'])).toEqual({
      ok: false,
      problems: [{ path: 'instruments[1]', message: "'iq' is not an outcome instrument in the catalog" }],
    });
    expect(scheduleAssessments(p, [])).toEqual({
      ok: false,
      problems: [{ path: 'instruments', message: 'no outcome instruments to schedule' }],
    });
  });
});
