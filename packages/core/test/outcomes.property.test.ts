import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, OUTCOME_INSTRUMENTS, planCourse } from '../src/index';
import { type MaintenanceDueReason, personaliseResponse } from '../src/outcomes/personalise-response';
import { validateScore } from '../src/outcomes/validate-score';
import { healthyPatientArb, profileArb } from './arbitraries';

const instrumentArb = fc.constantFrom(...OUTCOME_INSTRUMENTS);

describe('validateScore properties', () => {
  it('accepts exactly the finite values inside the range (whole numbers where required)', () => {
    const valueArb = fc.oneof(
      fc.double({ min: -1000, max: 1000, noNaN: true }),
      fc.integer({ min: -1000, max: 1000 }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0),
    );
    fc.assert(
      fc.property(instrumentArb, valueArb, (instrument, value) => {
        const { min, max } = instrument.range;
        const expected =
          Number.isFinite(value) &&
          value >= min &&
          (max === null || value <= max) &&
          (!instrument.integer || Number.isInteger(value));
        const r = validateScore(instrument.id, value);
        expect(r.ok).toBe(expected);
        if (!r.ok) {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(p.message).toContain(instrument.name);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every whole step of every bounded scale', () => {
    for (const instrument of OUTCOME_INSTRUMENTS) {
      const { min, max } = instrument.range;
      if (max === null) continue;
      for (let v = min; v <= max; v++) expect(validateScore(instrument.id, v).ok).toBe(true);
      expect(validateScore(instrument.id, min - 1).ok).toBe(false);
      expect(validateScore(instrument.id, max + 1).ok).toBe(false);
    }
  });
});

describe('personaliseResponse properties', () => {
  const caseArb = fc.record({
    profile: profileArb(healthyPatientArb),
    instrument: instrumentArb,
    baselineAt: fc.integer({ min: 0, max: 100 }).map((b) => b / 100),
    scores: fc.array(
      fc.record({
        daysAfterLast: fc.integer({ min: -200, max: 700 }),
        /** Share of the room between the baseline and the best score gained (negative: worse). */
        gain: fc.integer({ min: -30, max: 100 }).map((g) => g / 100),
      }),
      { maxLength: 6 },
    ),
    threshold: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    shift: fc.integer({ min: 0, max: 5 }),
  });

  it('always dates maintenance inside the plan’s window, counted from the last session given', () => {
    const tally: Record<MaintenanceDueReason | 'none', number> = {
      threshold: 0,
      'window-start': 0,
      'window-end': 0,
      'protocol-target': 0,
      none: 0,
    };
    fc.assert(
      fc.property(caseArb, ({ profile, instrument, baselineAt, scores, threshold, shift }) => {
        const planned = planCourse(profile);
        if (!planned.ok) return;
        const plan = planned.plan;
        const { min, max } = instrument.range;
        const top = max ?? min + 300;
        const [worst, best] = instrument.direction === 'higher-better' ? [min, top] : [top, min];
        const clampRound = (v: number) => {
          const c = Math.min(top, Math.max(min, v));
          return instrument.integer ? Math.round(c) : c;
        };
        const baseline = worst + baselineAt * 0.5 * (best - worst);
        const score = (gain: number) =>
          instrument.comparative ? clampRound(4 - 3 * gain) : clampRound(baseline + gain * (best - baseline));
        const sessionDates = plan.sessions.map((s, i) => addDays(s.date, i * shift));
        const first = sessionDates[0]!;
        const last = sessionDates.at(-1)!;
        const measurements = [
          { date: first, value: clampRound(baseline) },
          ...scores.map((s) => ({ date: addDays(last, s.daysAfterLast), value: score(s.gain) })),
        ];
        const r = personaliseResponse({
          plan,
          instrumentId: instrument.id,
          measurements,
          sessionDates,
          threshold,
        });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const res = r.response;
        tally[res.maintenanceDue?.reason ?? 'none']++;
        for (const x of res.curve.points) expect(x.benefit >= 0 && x.benefit <= 1).toBe(true);
        if (!plan.maintenance) {
          expect(res.maintenanceDue).toBeNull();
          return;
        }
        const w = plan.maintenance.intervalDays;
        const due = res.maintenanceDue!;
        expect(due.earliest).toBe(addDays(last, w.min));
        expect(due.latest).toBe(addDays(last, w.max));
        expect(due.date >= due.earliest && due.date <= due.latest).toBe(true);
        expect(daysBetween(last, due.date)).toBe(due.daysAfterLastSession);
        if (res.personalised) {
          const L0 = plan.responseModel.halfLifeWeeks;
          expect(res.model.halfLifeWeeks).toBeGreaterThanOrEqual(Math.max(L0 / 4, 0.75) - 1e-9);
          expect(res.model.halfLifeWeeks).toBeLessThanOrEqual(4 * L0 + 1e-9);
          if (due.reason === 'threshold') expect(due.date).toBe(res.thresholdDate);
        } else {
          expect(due.reason).toBe('protocol-target');
          expect(due.daysAfterLastSession).toBe(w.target);
        }
        expect(res.explanation.some((e) => e.factor === 'maintenance-window')).toBe(true);
      }),
      { numRuns: 300 },
    );
    // The property must reach the fitted path, not only the fallback.
    expect(tally.threshold + tally['window-start'] + tally['window-end']).toBeGreaterThan(40);
    expect(tally.threshold).toBeGreaterThan(0);
  });
});
