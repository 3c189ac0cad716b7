import type { OutcomeInstrument } from '../catalog/instruments';
import type { Sourced, SourceKey } from '../types';
import { type ScoreProblem, validateScore } from './validate-score';

export type OutcomeDirection = 'improved' | 'no-change' | 'worse';

/** GAIS ratings: 1 very much improved, 2 much improved, 3 improved, 4 no change, 5 worse. */
export const GAIS_NO_CHANGE = 4;

export interface BaselineComparison extends Sourced {
  instrumentId: string;
  /** True for ratings made against the baseline by their nature (GAIS). */
  comparative: boolean;
  /** Null for comparative instruments, which need no baseline score. */
  baseline: number | null;
  current: number;
  /** current − baseline in the instrument's units; for a comparative rating, the rating itself. */
  change: number;
  /**
   * The change signed so that a positive number is always better: −change for lower-better scales,
   * change for higher-better ones, and (4 − rating) for GAIS (3 = very much improved, −1 = worse).
   */
  improvement: number;
  /** change / |baseline| × 100; null for comparative ratings and for a baseline of 0. */
  percentChange: number | null;
  improved: boolean;
  direction: OutcomeDirection;
  /** The instrument's minimal clinically important difference, where a source gives one. */
  mcid: { min: number; max: number; sources: SourceKey[] } | null;
  /**
   * Whether the improvement reaches the MCID's lower (smallest published) estimate; null when no
   * MCID is known or the instrument is a rating of change. `mcidReason` says which.
   */
  reachesMcid: boolean | null;
  mcidReason: string;
}

export type BaselineComparisonResult =
  | { ok: true; comparison: BaselineComparison }
  | { ok: false; problems: (ScoreProblem & { which: 'baseline' | 'current' })[] };

/**
 * The change signed so that more is better: current − baseline on higher-better scales, the
 * reverse on lower-better ones, and 4 − rating for a comparative rating (GAIS; baseline unused).
 */
export function improvementOver(
  instrument: OutcomeInstrument,
  baseline: number | null,
  current: number,
): number {
  if (instrument.comparative) return GAIS_NO_CHANGE - current;
  const change = current - (baseline ?? Number.NaN);
  return instrument.direction === 'higher-better' ? change : 0 - change; // 0 − x: never −0
}

/**
 * Whether an improvement reaches the instrument's MCID, read at its lower (smallest published)
 * estimate; null when no MCID is known or the instrument is itself a rating of change.
 */
export function reachesMcid(instrument: OutcomeInstrument, improvement: number): boolean | null {
  if (instrument.comparative || !instrument.mcid) return null;
  return improvement >= instrument.mcid.min;
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

function mcidVerdict(instrument: OutcomeInstrument, improvement: number) {
  const unit = instrument.unit ? ` ${instrument.unit}` : '';
  const mcid = instrument.mcid;
  if (!mcid) {
    return {
      mcid: null,
      reachesMcid: null,
      mcidReason: `no minimal clinically important difference is known for ${instrument.name}`,
    };
  }
  const reaches = reachesMcid(instrument, improvement) === true;
  const range = mcid.min === mcid.max ? `${mcid.min}${unit}` : `${mcid.min}–${mcid.max}${unit}`;
  let reason: string;
  if (!reaches) {
    reason = `an improvement of ${fmt(improvement)}${unit} is below the MCID of ${range}`;
  } else if (improvement >= mcid.max) {
    reason = `an improvement of ${fmt(improvement)}${unit} reaches the whole MCID range of ${range}`;
  } else {
    reason = `an improvement of ${fmt(improvement)}${unit} reaches the MCID's lower estimate (${mcid.min}${unit}) but not its upper (${mcid.max}${unit})`;
  }
  return {
    mcid: { min: mcid.min, max: mcid.max, sources: [...mcid.sources] },
    reachesMcid: reaches,
    mcidReason: reason,
  };
}

/**
 * Change from baseline for one instrument, respecting whether higher or lower is better, and
 * measured against the minimal clinically important difference where one is known.
 *
 * GAIS is a rating of change against the baseline by nature: its "change" is the rating itself
 * (1–3 improved, 4 no change, 5 worse) and the baseline argument is not used (pass null).
 */
export function compareToBaseline(
  instrumentId: string,
  baseline: number | null,
  current: number,
): BaselineComparisonResult {
  const now = validateScore(instrumentId, current);
  if (!now.ok) return { ok: false, problems: now.problems.map((p) => ({ ...p, which: 'current' as const })) };
  const instrument = now.instrument;

  if (instrument.comparative) {
    const improvement = improvementOver(instrument, null, current);
    const direction: OutcomeDirection =
      current < GAIS_NO_CHANGE ? 'improved' : current === GAIS_NO_CHANGE ? 'no-change' : 'worse';
    return {
      ok: true,
      comparison: {
        instrumentId,
        comparative: true,
        baseline: null,
        current,
        change: current,
        improvement,
        percentChange: null,
        improved: direction === 'improved',
        direction,
        mcid: null,
        reachesMcid: null,
        mcidReason: `${instrument.name} is itself a rating of change against the baseline (1–3 improved, 4 no change, 5 worse); an MCID does not apply`,
        sources: [...instrument.sources],
      },
    };
  }

  if (baseline === null) {
    return {
      ok: false,
      problems: [
        {
          path: 'value',
          code: 'not-a-number',
          which: 'baseline',
          message: `${instrument.name} is compared with a baseline score; none was given`,
        },
      ],
    };
  }
  const base = validateScore(instrumentId, baseline);
  if (!base.ok)
    return { ok: false, problems: base.problems.map((p) => ({ ...p, which: 'baseline' as const })) };

  const change = current - baseline;
  const improvement = improvementOver(instrument, baseline, current);
  const direction: OutcomeDirection = improvement > 0 ? 'improved' : improvement < 0 ? 'worse' : 'no-change';
  const verdict = mcidVerdict(instrument, improvement);
  return {
    ok: true,
    comparison: {
      instrumentId,
      comparative: false,
      baseline,
      current,
      change,
      improvement,
      percentChange: baseline === 0 ? null : (change / Math.abs(baseline)) * 100,
      improved: direction === 'improved',
      direction,
      ...verdict,
      sources: [...new Set([...instrument.sources, ...(verdict.mcid?.sources ?? [])])],
    },
  };
}
