import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adviseConsultation, chooseProtocol, daysBetween, isKnownSource, planCourse } from '../src/index';
import { healthyPatientArb, profileArb } from './arbitraries';

/** Every object in the plan that holds a number must carry sources (curve points aside). */
function numericBlocksWithoutSources(value: unknown, path = 'plan', out: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      numericBlocksWithoutSources(v, `${path}[${i}]`, out);
    });
    return out;
  }
  if (!value || typeof value !== 'object') return out;
  const entries = Object.entries(value);
  const hasNumber = entries.some(([, v]) => typeof v === 'number');
  const exempt =
    /responseCurve\.points|\.weeks$|\.range$|\.dates$|responseModel$|\.protocol$|^plan$|firstDue$/.test(path);
  if (hasNumber && !exempt && !('sources' in value)) out.push(path);
  for (const [k, v] of entries) if (k !== 'points') numericBlocksWithoutSources(v, `${path}.${k}`, out);
  return out;
}

describe('planCourse properties', () => {
  it('keeps every number within the chosen protocol’s bounds', () => {
    fc.assert(
      fc.property(profileArb(), (profile) => {
        const result = planCourse(profile);
        if (!result.ok) return; // protocol-less indications cannot be drawn by profileArb
        const p = result.plan;
        const protocol = chooseProtocol(profile)!;
        const series = protocol.initialSeries!;
        expect(p.initialSeries.sessions).toBeGreaterThanOrEqual(series.sessions.min);
        expect(p.initialSeries.sessions).toBeLessThanOrEqual(series.sessions.max);
        if (profile.severity !== 'mild')
          expect(p.initialSeries.sessions).toBeGreaterThanOrEqual(series.sessions.usual.min);
        expect(p.sessions).toHaveLength(p.initialSeries.sessions);
        for (let i = 1; i < p.sessions.length; i++) {
          const gap = daysBetween(p.sessions[i - 1]!.date, p.sessions[i]!.date);
          expect(gap).toBeGreaterThanOrEqual(series.intervalDays.min);
          expect(gap).toBeLessThanOrEqual(series.intervalDays.max);
        }
        if (p.maintenance) {
          const w = protocol.maintenance!.intervalDays;
          expect(p.maintenance.intervalDays.target).toBeGreaterThanOrEqual(w.min);
          expect(p.maintenance.intervalDays.target).toBeLessThanOrEqual(w.max);
        }
        const last = p.sessions.at(-1)!.date;
        const safety = p.followUps.find((f) => f.kind === 'safety-review')!;
        expect(daysBetween(last, safety.date)).toBeGreaterThanOrEqual(89);
        for (const x of p.responseCurve.points) expect(x.benefit >= 0 && x.benefit <= 1).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('gives every numeric block known sources', () => {
    fc.assert(
      fc.property(profileArb(), (profile) => {
        const result = planCourse(profile);
        if (!result.ok) return;
        expect(numericBlocksWithoutSources(result.plan)).toEqual([]);
        expect(result.plan.sources.filter((k) => !isKnownSource(k))).toEqual([]);
        expect(result.plan.sources.length).toBeGreaterThan(1);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(profileArb(), (profile) => {
        expect(adviseConsultation(profile)).toEqual(adviseConsultation(structuredClone(profile)));
      }),
      { numRuns: 150 },
    );
  });

  it('never gives a contraindicated or deferred profile a plan without an override', () => {
    fc.assert(
      fc.property(profileArb(), (profile) => {
        const a = adviseConsultation(profile);
        if (a.screening.verdict === 'contraindicated' || a.screening.verdict === 'defer') {
          expect(a.plan).toBeNull();
          expect(a.bookable).toBe(false);
        }
        if (a.regulatory?.decision === 'block') expect(a.plan).toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it('always plans for a healthy adult with a product-free profile', () => {
    fc.assert(
      fc.property(profileArb(healthyPatientArb), (profile) => {
        const { product: _drop, ...rest } = profile;
        const a = adviseConsultation(rest);
        expect(a.plan).not.toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});
