import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, findProtocol, planCourse } from '../src/index';
import { profile } from './arbitraries';

function plan(overrides: Record<string, unknown> = {}, patient: Record<string, unknown> = {}) {
  const result = planCourse(profile(overrides, patient));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan;
}

describe('planCourse', () => {
  it('plans the issue’s example on hair-loss/S1 within S1’s numbers', () => {
    const p = plan();
    expect(p.protocol.id).toBe('hair-loss/S1');
    // moderate starts at 2; large +1; subtle −1; combined −1 → 1 (S1 allows 1–3).
    expect(p.initialSeries.sessions).toBe(1);
    expect(p.initialSeries.intervalDays).toMatchObject({ min: 183, target: 274, max: 365 });
    expect(p.maintenance!.intervalDays).toMatchObject({ min: 365, max: 548 });
    expect(p.sessions).toEqual([
      {
        index: 1,
        date: '2027-01-11',
        earliest: '2027-01-11',
        latest: '2027-01-11',
        sources: ['EXOCLINIC-MODEL'],
      },
    ]);
    expect(p.sessionMinutes).toMatchObject({ min: 45, max: 60 });
    expect(p.explanation.map((e) => e.factor)).toEqual([
      'severity',
      'areaSize',
      'goal',
      'combinedWith',
      'interval',
    ]);
  });

  it('moves the count with severity, area and goal, within the protocol’s range', () => {
    const base = { protocol: 'hair-loss/S3', combinedWith: [], areaSize: 'medium', goal: 'moderate' };
    expect(plan({ ...base, severity: 'mild' }).initialSeries.sessions).toBe(3);
    expect(plan({ ...base, severity: 'moderate' }).initialSeries.sessions).toBe(5); // round(4.5)
    expect(plan({ ...base, severity: 'severe' }).initialSeries.sessions).toBe(6);
    expect(
      plan({ ...base, severity: 'severe', areaSize: 'large', goal: 'dramatic' }).initialSeries.sessions,
    ).toBe(6);
    const clamped = plan({ ...base, severity: 'severe', areaSize: 'large' });
    expect(clamped.explanation.find((e) => e.factor === 'areaSize')!.effect).toContain('does not allow');
    expect(
      plan({ ...base, severity: 'mild', areaSize: 'small', goal: 'subtle' }).initialSeries.sessions,
    ).toBe(3);
  });

  it('allows a single skin session only for mild concerns where S1 says so', () => {
    const mild = plan({
      indication: 'skin-rejuvenation',
      modality: 'microneedling-topical',
      protocol: 'skin-rejuvenation/S1',
      severity: 'mild',
      areaSize: 'small',
      goal: 'subtle',
      combinedWith: [],
    });
    expect(mild.initialSeries.sessions).toBe(1);
    const moderate = plan({
      indication: 'skin-rejuvenation',
      modality: 'microneedling-topical',
      protocol: 'skin-rejuvenation/S1',
      severity: 'moderate',
      areaSize: 'small',
      goal: 'subtle',
      combinedWith: ['radiofrequency'],
    });
    expect(moderate.initialSeries.sessions).toBe(3);
  });

  it('spaces the sessions at the target and gives each its window', () => {
    const p = plan({ protocol: 'hair-loss/S3', severity: 'severe', combinedWith: [], goal: 'moderate' });
    expect(p.sessions.map((s) => s.date)).toEqual([
      '2027-01-11',
      '2027-02-15',
      '2027-03-22',
      '2027-04-26',
      '2027-05-31',
      '2027-07-05',
    ]);
    const second = p.sessions[1]!;
    expect(daysBetween(p.sessions[0]!.date, second.earliest)).toBe(28);
    expect(daysBetween(p.sessions[0]!.date, second.latest)).toBe(42);
  });

  it('books a safety review at least three months after the last session', () => {
    const p = plan({ protocol: 'hair-loss/S3' });
    const last = p.sessions.at(-1)!.date;
    const safety = p.followUps.find((f) => f.kind === 'safety-review')!;
    expect(safety.date).toBe(addMonths(last, 3));
    expect(daysBetween(last, safety.date)).toBeGreaterThanOrEqual(89);
    expect(safety.sources).toContain('EXO-AE-REPORTS');
  });

  it('adds a study protocol’s own follow-ups', () => {
    const p = plan({ indication: 'joint', modality: 'intra-articular-injection', protocol: 'joint/KNEE-CM' });
    expect(p.initialSeries.sessions).toBe(5);
    const study = p.followUps.filter((f) => f.kind === 'study-follow-up');
    expect(study.map((f) => daysBetween(p.sessions.at(-1)!.date, f.date))).toEqual([61, 122, 183]);
  });

  it('moves maintenance sooner for an older, chronic patient, never outside the window', () => {
    const young = plan({ protocol: 'hair-loss/S3' }, { age: 25 });
    const old = plan(
      { protocol: 'hair-loss/S3', chronicity: 'chronic', health: 'poor', severity: 'severe' },
      { age: 70 },
    );
    const w = findProtocol('hair-loss/S3')!.maintenance!.intervalDays;
    expect(young.maintenance!.intervalDays.target).toBeGreaterThan(w.target);
    expect(old.maintenance!.intervalDays.target).toBe(w.min);
    expect(old.explanation.filter((e) => e.factor === 'age' || e.factor === 'health').length).toBe(2);
  });

  it('states where the sources disagree', () => {
    const p = plan({ protocol: undefined });
    expect(p.protocol.id).toBe('hair-loss/default');
    expect(p.conflicts.some((c) => c.sources.includes('S1') && c.sources.includes('S3'))).toBe(true);
    expect(p.protocol.derivation).toMatch(/S3/);
  });

  it('draws a weekly response curve over 24 months, between 0 and 1, reaching 1 after the series', () => {
    const p = plan({ protocol: 'hair-loss/S3' });
    const points = p.responseCurve.points;
    expect(points).toHaveLength(105);
    expect(points[0]).toEqual({ week: 0, benefit: 0 });
    expect(Math.max(...points.map((x) => x.benefit))).toBe(1);
    for (const x of points) expect(x.benefit >= 0 && x.benefit <= 1).toBe(true);
    expect(p.responseCurve.boosterWeeks.length).toBeGreaterThan(0);
  });

  it('refuses a protocol with no initial series, naming the field', () => {
    const result = planCourse(
      profile({
        indication: 'skin-rejuvenation',
        modality: 'microneedling-topical',
        protocol: 'skin-rejuvenation/S4',
      }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toBe('protocol');
  });

  it('lists milestones with dates from the first or last session', () => {
    const p = plan({ protocol: 'hair-loss/S3' });
    const visible = p.milestones.find((m) => m.kind === 'visible')!;
    expect(visible.weeks).toEqual({ min: 13, max: 26 });
    expect(visible.dates.from).toBe('2027-04-12');
    const peak = p.milestones.find((m) => m.kind === 'peak')!;
    expect(peak.from).toBe('last-session');
    expect(peak.weeks).toEqual({ min: 26, max: 39 });
  });
});
