import type { SourceKey } from '../types';

/**
 * The response model, documented in docs/clinical-model.md.
 *
 * Each session starts a response that rises to its peak `p` weeks later and then fades; the
 * shape is k(Δ) = (Δ/p)^a · e^{a(1 − Δ/p)}, which is 0 at the session, 1 at Δ = p and falls
 * afterwards. `a` is fitted so that the response is down to one half at `L` weeks, the middle of
 * the sources' "how long results last": a = ln ½ / (ln(L/p) + 1 − L/p) (closed form, no search).
 * The expected benefit is the sum of the sessions' responses, scaled so that the best point of the
 * initial series is 1, capped at 1. Maintenance boosters add responses of the same shape, each
 * weighted as half the initial series (at least one session).
 * It is a picture of what the sources describe, not a prediction for one patient.
 */
export interface ResponseModel {
  method: 'gamma-kernel-sum';
  peakWeeks: number;
  halfLifeWeeks: number;
  shape: number;
  sources: SourceKey[];
}

export interface ResponsePoint {
  week: number;
  benefit: number;
}

export function fitResponseModel(peakWeeks: number, lastsWeeks: number, sources: SourceKey[]): ResponseModel {
  const p = Math.max(peakWeeks, 0.5);
  // The half-way point must lie after the peak for the curve to fade.
  const L = Math.max(lastsWeeks, p * 1.5);
  const r = L / p;
  const shape = Math.log(0.5) / (Math.log(r) + 1 - r);
  return {
    method: 'gamma-kernel-sum',
    peakWeeks: p,
    halfLifeWeeks: L,
    shape,
    sources: [...new Set(sources)],
  };
}

function kernel(model: ResponseModel, deltaWeeks: number): number {
  if (deltaWeeks <= 0) return 0;
  const x = deltaWeeks / model.peakWeeks;
  return Math.exp(model.shape * (Math.log(x) + 1 - x));
}

// The kernel only ever needs whole-day offsets (sessions fall on days, the curve is sampled on
// whole weeks), so it is tabulated once per model: lookups instead of exp/log per point.
const tables = new Map<string, Float64Array>();

function kernelTable(model: ResponseModel, days: number): Float64Array {
  const key = `${model.peakWeeks}|${model.halfLifeWeeks}|${days}`;
  let table = tables.get(key);
  if (!table) {
    table = new Float64Array(days + 1);
    for (let d = 1; d <= days; d++) table[d] = kernel(model, d / 7);
    if (tables.size > 256) tables.clear();
    tables.set(key, table);
  }
  return table;
}

/**
 * Expected benefit per week from week 0 to `horizonWeeks`, for sessions and boosters given as
 * whole days from the first session. Values are rounded to 3 decimals so the output is stable.
 */
export function computeResponseCurve(
  model: ResponseModel,
  sessionDays: readonly number[],
  boosterDays: readonly number[],
  horizonWeeks = 104,
): ResponsePoint[] {
  const horizonDays = horizonWeeks * 7;
  const table = kernelTable(model, horizonDays + Math.ceil(model.peakWeeks * 7 * 2));
  // Scale: the best the initial series alone reaches. The sum peaks between half and one and a
  // half peak-times after some session, so sampling there (in whole days) finds it.
  const peakDays = model.peakWeeks * 7;
  const step = Math.max(1, Math.round(peakDays / 10));
  const from = Math.round(peakDays / 2);
  const to = Math.round(peakDays * 1.5);
  let scale = 0;
  for (const at of sessionDays) {
    for (let d = from; d <= to; d += step) {
      const day = at + d;
      let sum = 0;
      for (let i = 0; i < sessionDays.length; i++) {
        const delta = day - sessionDays[i]!;
        if (delta > 0 && delta < table.length) sum += table[delta]!;
      }
      if (sum > scale) scale = sum;
    }
  }
  if (scale <= 0) scale = 1;
  // Add each impulse's response to the weeks after it. A maintenance booster is meant to sustain
  // what the series built (S0), not to add one more session's worth: it counts as half the
  // initial series (at least one session).
  const sums = new Float64Array(horizonWeeks + 1);
  const boosterWeight = Math.max(1, sessionDays.length / 2);
  const impulses = sessionDays.length + boosterDays.length;
  for (let k = 0; k < impulses; k++) {
    const isBooster = k >= sessionDays.length;
    const a = isBooster ? boosterDays[k - sessionDays.length]! : sessionDays[k]!;
    const weight = isBooster ? boosterWeight : 1;
    for (let week = Math.floor(a / 7) + 1; week <= horizonWeeks; week++) {
      const d = week * 7 - a;
      if (d >= table.length) break;
      sums[week]! += weight * table[d]!;
    }
  }
  const points: ResponsePoint[] = new Array(horizonWeeks + 1);
  for (let week = 0; week <= horizonWeeks; week++) {
    const b = Math.min(1, sums[week]! / scale);
    points[week] = { week, benefit: Math.round(b * 1000) / 1000 };
  }
  return points;
}
