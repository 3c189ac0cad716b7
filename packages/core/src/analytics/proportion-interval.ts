import type { Sourced, SourceKey } from '../types';

/** The standard normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval extends Sourced {
  events: number;
  exposures: number;
  /** events / exposures; null when there are no exposures. */
  estimate: number | null;
  lower: number;
  upper: number;
  confidence: 0.95;
  method: 'wilson-score';
}

const SOURCES: SourceKey[] = ['WILSON-1927'];

/**
 * Wilson's score interval for a binomial proportion (Wilson 1927; no continuity correction):
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
 *
 * It stays inside [0, 1], keeps sensible width at 0 and n events (where the plain Wald interval
 * collapses to a point), and is exact at the ends: 0 events gives a lower bound of exactly 0, n
 * events an upper bound of exactly 1. With no exposures nothing is known: estimate null, [0, 1].
 */
export function proportionInterval(events: number, exposures: number, z = Z_95): ProportionInterval {
  if (!Number.isInteger(exposures) || exposures < 0) {
    throw new RangeError(`exposures must be a whole number ≥ 0; got ${exposures}`);
  }
  if (!Number.isInteger(events) || events < 0 || events > exposures) {
    throw new RangeError(`events must be a whole number from 0 to exposures (${exposures}); got ${events}`);
  }
  const base = {
    events,
    exposures,
    confidence: 0.95 as const,
    method: 'wilson-score' as const,
    sources: [...SOURCES],
  };
  if (exposures === 0) return { ...base, estimate: null, lower: 0, upper: 1 };
  const n = exposures;
  const p = events / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    ...base,
    estimate: p,
    lower: events === 0 ? 0 : Math.max(0, centre - half),
    upper: events === n ? 1 : Math.min(1, centre + half),
  };
}
