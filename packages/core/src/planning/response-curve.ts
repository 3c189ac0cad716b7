import type { SourceKey } from '../types';

/**
 * The response model, documented in docs/clinical-model.md.
 *
 * Each session starts a response that rises to its peak `p` weeks later and then fades; the
 * shape is k(Δ) = (Δ/p)^a · e^{a(1 − Δ/p)}, which is 0 at the session, 1 at Δ = p and falls
 * afterwards. `a` is fitted so that the response is down to one half at `L` weeks, the middle of
 * the sources' "how long results last": a = ln ½ / (ln(L/p) + 1 − L/p) (closed form, no search).
 * The expected benefit is the sum of the sessions' responses, scaled so that the best point of the
 * initial series is 1, capped at 1. Maintenance boosters add responses of the same shape.
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

/**
 * Expected benefit per week from week 0 to `horizonWeeks`, for sessions at `sessionWeeks` and
 * boosters at `boosterWeeks`. Values are rounded to 3 decimals so the output is stable.
 */
export function computeResponseCurve(
  model: ResponseModel,
  sessionWeeks: readonly number[],
  boosterWeeks: readonly number[],
  horizonWeeks = 104,
): ResponsePoint[] {
  const raw = (t: number, at: readonly number[]) => {
    let s = 0;
    for (const w of at) s += kernel(model, t - w);
    return s;
  };
  // Scale: the best the initial series alone reaches. The sum peaks between half and one and a
  // half peak-times after some session, so sampling there finds it.
  let scale = 0;
  for (const w of sessionWeeks) {
    for (let j = 5; j <= 15; j++) scale = Math.max(scale, raw(w + (model.peakWeeks * j) / 10, sessionWeeks));
  }
  if (scale <= 0) scale = 1;
  const all = [...sessionWeeks, ...boosterWeeks];
  const points: ResponsePoint[] = [];
  for (let week = 0; week <= horizonWeeks; week++) {
    const b = Math.min(1, raw(week, all) / scale);
    points.push({ week, benefit: Math.round(b * 1000) / 1000 });
  }
  return points;
}
