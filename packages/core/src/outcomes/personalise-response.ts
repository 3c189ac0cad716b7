import { findInstrument } from '../catalog/instruments';
import { addDays, daysBetween } from '../local-date';
import {
  computeResponseCurve,
  fitResponseModel,
  type ResponseModel,
  type ResponsePoint,
} from '../planning/response-curve';
import type { ExplanationEntry, Plan } from '../planning/types';
import type { LocalDate, SourceKey } from '../types';
import { compareToBaseline } from './compare-to-baseline';
import { validateScore } from './validate-score';

/**
 * Personalising the plan's response curve with the patient's own measurements
 * (docs/response-model.md gives the same method with a worked example).
 *
 * 1. Each measurement after the first treatment becomes an improvement over the baseline, signed
 *    so that more is better (`compareToBaseline`; GAIS: 4 − rating). The best improvement seen so
 *    far is the patient's own peak; every measurement is expressed as a fraction of it (clamped to
 *    [0, 1]), so no scale or unit enters the fit.
 * 2. Only the model's half-life L (how fast the benefit fades) is personalised; its time to peak
 *    stays, unless L is shorter than 1.5 peak-times (the kernel needs its half-way point after the
 *    peak), in which case the peak moves earlier to L / 1.5. For a candidate L the model curve m_L
 *    is drawn over the patient's actual session days, and its prediction for a measurement on day t
 *    is m_L(t) / m_L(t_best): the same "fraction of the best-seen day" the patient's numbers are.
 *    L is the value that minimises the sum of squared differences over the measurements after the
 *    best one (a 41-point log-spaced grid, refined by golden-section search, rounded to 0.1 week),
 *    within [L₀ / 4, 4 × L₀], L₀ being the protocol model's half-life.
 * 3. Maintenance is due on the first day the personalised curve (series alone, no boosters) falls
 *    below `threshold` (default 0.7) of its peak after the last session, clamped into the plan's
 *    maintenance window [last session + min, last session + max].
 * With no baseline, no improvement, or no measurement after the best one, nothing is fitted: the
 * protocol's model stands and maintenance is due at the window's target, and the explanation says so.
 */

export interface ResponseMeasurement {
  date: LocalDate;
  value: number;
}

export interface PersonaliseResponseInput {
  plan: Plan;
  /** The instrument the measurements were taken with (one instrument per call). */
  instrumentId: string;
  measurements: readonly ResponseMeasurement[];
  /** When the initial series' sessions were given; default: the plan's dates. Sorted. */
  sessionDates?: readonly LocalDate[];
  /** Baseline score; default: the last measurement on or before the first session. */
  baseline?: number;
  /** Fraction of the peak benefit below which maintenance is due; default 0.7. */
  threshold?: number;
}

export type ObservationRole = 'baseline' | 'peak' | 'fitted' | 'before-peak' | 'ignored';

export interface ResponseObservation {
  date: LocalDate;
  /** Days after the first session. */
  day: number;
  value: number;
  /** Improvement over the baseline, more is better; null for the baseline and ignored rows. */
  improvement: number | null;
  /** improvement / best improvement, clamped to [0, 1]; null where not defined. */
  fraction: number | null;
  role: ObservationRole;
  reason?: string;
}

export type MaintenanceDueReason = 'threshold' | 'window-start' | 'window-end' | 'protocol-target';

export interface PersonalisedResponse {
  personalised: boolean;
  model: ResponseModel;
  curve: { points: ResponsePoint[]; boosterWeeks: number[]; sources: SourceKey[] };
  observations: ResponseObservation[];
  fit: {
    points: number;
    protocolHalfLifeWeeks: number;
    halfLifeWeeks: number;
    protocolPeakWeeks: number;
    peakWeeks: number;
    /** Root mean square of (observed − predicted fraction) over the fitted points. */
    rmsError: number;
    atBound: 'lower' | 'upper' | null;
  } | null;
  threshold: number;
  /** The day the personalised benefit falls below the threshold; null without a fit or past the horizon. */
  thresholdDate: LocalDate | null;
  maintenanceDue: {
    date: LocalDate;
    earliest: LocalDate;
    latest: LocalDate;
    daysAfterLastSession: number;
    reason: MaintenanceDueReason;
    sources: SourceKey[];
  } | null;
  explanation: ExplanationEntry[];
  sources: SourceKey[];
}

export type PersonaliseResponseResult =
  | { ok: true; response: PersonalisedResponse }
  | { ok: false; problems: { path: string; message: string }[] };

export const DEFAULT_MAINTENANCE_THRESHOLD = 0.7;

const GRID_POINTS = 41;
/** fitResponseModel's own floor (peak ≥ 0.5 week, half-life ≥ 1.5 × peak). */
const MIN_HALF_LIFE_WEEKS = 0.75;
const GOLDEN_STEPS = 30;
const MODEL_SOURCES: SourceKey[] = ['EXOCLINIC-MODEL'];

const union = (...lists: readonly SourceKey[][]) => [...new Set(lists.flat())];
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const pct = (f: number) => `${Math.round(f * 100)}%`;

/** The weekly curve read at any day, by linear interpolation between whole weeks. */
function readCurve(points: readonly ResponsePoint[]) {
  return (day: number) => {
    const w = day / 7;
    const i = Math.floor(w);
    const a = points[i]?.benefit ?? 0;
    const b = points[i + 1]?.benefit ?? a;
    return a + (b - a) * (w - i);
  };
}

/**
 * The first day (after the curve's peak following `lastDay`) on which the benefit is below
 * `threshold` × that peak; null when it does not happen before the curve ends.
 */
function thresholdCrossingDay(points: readonly ResponsePoint[], lastDay: number, threshold: number) {
  const from = Math.floor(lastDay / 7);
  let peakWeek = from;
  for (let w = from; w < points.length; w++) {
    if (points[w]!.benefit > points[peakWeek]!.benefit) peakWeek = w;
  }
  const target = threshold * points[peakWeek]!.benefit;
  for (let w = peakWeek + 1; w < points.length; w++) {
    const b = points[w]!.benefit;
    if (b < target) {
      const a = points[w - 1]!.benefit;
      // Linear between the two weeks; the first whole day strictly past the crossing point.
      const at = 7 * (w - 1) + (7 * (a - target)) / (a - b);
      return Math.max(Math.floor(at) + 1, lastDay + 1);
    }
  }
  return null;
}

function boosterDaysFrom(dueDay: number, every: number, horizonDays: number) {
  const out: number[] = [];
  for (let d = dueDay; d <= horizonDays; d += Math.max(every, 1)) out.push(d);
  return out;
}

export function personaliseResponse(input: PersonaliseResponseInput): PersonaliseResponseResult {
  const { plan, instrumentId } = input;
  const threshold = input.threshold ?? DEFAULT_MAINTENANCE_THRESHOLD;
  const sessionDates = input.sessionDates ?? plan.sessions.map((s) => s.date);
  const problems: { path: string; message: string }[] = [];

  const found = findInstrument(instrumentId);
  if (!found) {
    problems.push({
      path: 'instrumentId',
      message: `'${instrumentId}' is not an outcome instrument in the catalog`,
    });
  }
  if (!(threshold > 0 && threshold < 1)) {
    problems.push({
      path: 'threshold',
      message: `must be a fraction between 0 and 1 (exclusive); got ${threshold}`,
    });
  }
  if (sessionDates.length === 0)
    problems.push({ path: 'sessionDates', message: 'the course has no sessions' });
  for (let i = 1; i < sessionDates.length; i++) {
    if (sessionDates[i]! < sessionDates[i - 1]!) {
      problems.push({ path: `sessionDates[${i}]`, message: 'session dates must be in order' });
    }
  }
  if (found && input.baseline !== undefined) {
    const check = validateScore(instrumentId, input.baseline);
    if (!check.ok) problems.push(...check.problems.map((x) => ({ path: 'baseline', message: x.message })));
  }
  if (problems.length > 0 || !found) return { ok: false, problems };

  const first = sessionDates[0]!;
  const sessionDays = sessionDates.map((d) => daysBetween(first, d));
  const lastDay = sessionDays[sessionDays.length - 1]!;
  const lastDate = sessionDates[sessionDates.length - 1]!;
  const protocolModel = plan.responseModel;
  const planHorizonWeeks = Math.max(plan.responseCurve.points.length - 1, 1);
  const explanation: ExplanationEntry[] = [];
  const instrumentSources = [...found.sources];

  // 1. Measurements → improvements over the baseline → fractions of the best seen.
  const rows = [...input.measurements]
    .map((m) => ({ ...m, day: daysBetween(first, m.date) }))
    .sort((a, b) => a.day - b.day);
  const observations: ResponseObservation[] = [];
  let baseline: number | null = input.baseline ?? null;
  let baselineRow: ResponseObservation | null = null;
  for (const m of rows) {
    const check = validateScore(instrumentId, m.value);
    const obs: ResponseObservation = {
      date: m.date,
      day: m.day,
      value: m.value,
      improvement: null,
      fraction: null,
      role: 'ignored',
    };
    observations.push(obs);
    if (!check.ok) {
      obs.reason = check.problems.map((p) => p.message).join('; ');
      continue;
    }
    if (m.day <= 0) {
      if (found.comparative)
        obs.reason = `${found.name} rates change after treatment; a rating before it has no meaning`;
      else if (input.baseline !== undefined) obs.reason = 'a baseline was given explicitly';
      else {
        if (baselineRow) {
          baselineRow.role = 'ignored';
          baselineRow.reason = 'a later measurement before the first treatment is the baseline';
        }
        baseline = m.value;
        baselineRow = obs;
        obs.role = 'baseline';
      }
    }
  }
  const after = observations.filter((o) => o.day > 0 && o.reason === undefined);
  if (found.comparative || baseline !== null) {
    for (const o of after) {
      const c = compareToBaseline(instrumentId, baseline, o.value);
      if (c.ok) o.improvement = c.comparison.improvement;
    }
  }
  const measured = after.filter((o) => o.improvement !== null);
  let peak: ResponseObservation | null = null;
  for (const o of measured) if (!peak || o.improvement! > peak.improvement!) peak = o;
  const best = peak?.improvement ?? 0;
  if (peak && best > 0) {
    for (const o of measured) {
      o.fraction = Math.min(1, Math.max(0, o.improvement! / best));
      o.role = o === peak ? 'peak' : o.day >= peak.day ? 'fitted' : 'before-peak';
    }
  }
  for (const o of after) {
    if (o.role === 'ignored' && o.reason === undefined) {
      o.reason =
        o.improvement === null ? 'no baseline to compare with' : 'no improvement over the baseline yet';
    }
  }
  const fitted = measured.filter((o) => o.role === 'fitted');
  const ignored = observations.filter((o) => o.role === 'ignored');
  if (ignored.length > 0) {
    explanation.push({
      factor: 'ignored-measurements',
      effect: `${ignored.length} measurement(s) not used: ${ignored.map((o) => `${o.date} (${o.reason})`).join('; ')}`,
      sources: instrumentSources,
    });
  }

  // Why nothing can be fitted, if so.
  let fallbackReason: string | null = null;
  if (!found.comparative && baseline === null) {
    fallbackReason = `no baseline ${found.name} score on or before the first session (${first})`;
  } else if (measured.length === 0) {
    fallbackReason = `no ${found.name} measurement after the first treatment yet`;
  } else if (!peak || best <= 0) {
    fallbackReason = `no improvement over the baseline has been measured on ${found.name} yet`;
  } else if (!fitted.some((o) => o.day > peak.day)) {
    fallbackReason = `the best ${found.name} measurement (${peak.date}) is also the latest: no decline has been seen yet`;
  }

  const maintenance = plan.maintenance;
  const windowSources = maintenance ? maintenance.intervalDays.sources : [];
  const window = maintenance
    ? {
        min: maintenance.intervalDays.min,
        target: maintenance.intervalDays.target,
        max: maintenance.intervalDays.max,
      }
    : null;

  if (fallbackReason !== null || !peak) {
    explanation.push({
      factor: 'no-personal-data',
      effect: `${fallbackReason}; the protocol's response model stands (half-life ${round(protocolModel.halfLifeWeeks, 2)} weeks)`,
      sources: union(MODEL_SOURCES, instrumentSources),
    });
    let maintenanceDue: PersonalisedResponse['maintenanceDue'] = null;
    let boosters: number[] = [];
    let horizonWeeks = planHorizonWeeks;
    if (window) {
      const dueDay = lastDay + window.target;
      horizonWeeks = Math.max(planHorizonWeeks, Math.ceil(dueDay / 7) + 1);
      boosters = boosterDaysFrom(dueDay, window.target, horizonWeeks * 7);
      maintenanceDue = {
        date: addDays(lastDate, window.target),
        earliest: addDays(lastDate, window.min),
        latest: addDays(lastDate, window.max),
        daysAfterLastSession: window.target,
        reason: 'protocol-target',
        sources: union(windowSources),
      };
      explanation.push({
        factor: 'maintenance-window',
        effect: `maintenance due at the protocol window's target, ${window.target} days after the last session (window ${window.min}–${window.max} days)`,
        sources: union(windowSources),
      });
    } else {
      explanation.push({
        factor: 'maintenance-window',
        effect: 'the protocol gives no maintenance interval; the clinic reviews the need at follow-up',
        sources: plan.protocol.sources,
      });
    }
    const points = computeResponseCurve(protocolModel, sessionDays, boosters, horizonWeeks);
    return {
      ok: true,
      response: finish({
        personalised: false,
        model: protocolModel,
        curve: { points, boosterWeeks: boosters.map((d) => round(d / 7, 1)), sources: protocolModel.sources },
        observations,
        fit: null,
        threshold,
        thresholdDate: null,
        maintenanceDue,
        explanation,
        sources: [],
      }),
    };
  }

  // 2. Fit the half-life: least squares on the fractions after the patient's best measurement.
  const p = protocolModel.peakWeeks;
  const L0 = protocolModel.halfLifeWeeks;
  const lower = Math.max(L0 / 4, MIN_HALF_LIFE_WEEKS);
  const upper = Math.max(4 * L0, lower);
  // The kernel needs its half-way point at least 1.5 peak-times out: a half-life shorter than
  // that brings the peak earlier with it (a faster patient), otherwise the peak stays.
  const peakFor = (L: number) => Math.min(p, L / 1.5);
  const lastObservedDay = fitted.reduce((m, o) => Math.max(m, o.day), peak.day);
  const fitHorizonWeeks = Math.ceil(lastObservedDay / 7) + 2;
  const refDay = peak.day;
  const sse = (L: number) => {
    const at = readCurve(
      computeResponseCurve(fitResponseModel(peakFor(L), L, []), sessionDays, [], fitHorizonWeeks),
    );
    const ref = at(refDay);
    if (ref <= 0) return Number.POSITIVE_INFINITY;
    let s = 0;
    for (const o of fitted) {
      const d = o.fraction! - at(o.day) / ref;
      s += d * d;
    }
    return s;
  };
  const logLo = Math.log(lower);
  const logHi = Math.log(upper);
  const grid = Array.from({ length: GRID_POINTS }, (_, i) =>
    Math.exp(logLo + ((logHi - logLo) * i) / (GRID_POINTS - 1)),
  );
  const scores = grid.map(sse);
  let k = 0;
  for (let i = 1; i < grid.length; i++) if (scores[i]! < scores[k]!) k = i;
  let bestL = grid[k]!;
  let bestScore = scores[k]!;
  // Golden-section refinement (in log L) between the grid neighbours of the best point.
  let a = Math.log(grid[Math.max(k - 1, 0)]!);
  let b = Math.log(grid[Math.min(k + 1, grid.length - 1)]!);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = sse(Math.exp(c));
  let fd = sse(Math.exp(d));
  for (let i = 0; i < GOLDEN_STEPS; i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = sse(Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = sse(Math.exp(d));
    }
  }
  const refinedL = Math.exp((a + b) / 2);
  const refinedScore = sse(refinedL);
  if (refinedScore < bestScore) {
    bestL = refinedL;
    bestScore = refinedScore;
  }
  const halfLife = Math.min(upper, Math.max(lower, round(bestL, 1)));
  const atBound = halfLife <= lower + 0.05 ? 'lower' : halfLife >= upper - 0.05 ? 'upper' : null;
  const model = fitResponseModel(
    peakFor(halfLife),
    halfLife,
    union(protocolModel.sources, MODEL_SOURCES, instrumentSources),
  );
  const rmsError = round(Math.sqrt(sse(model.halfLifeWeeks) / fitted.length), 4);

  const unit = found.unit ? ` ${found.unit}` : '';
  explanation.push({
    factor: 'own-peak',
    effect: `best ${found.name} improvement so far: ${round(best, 3)}${found.comparative ? ' (4 − rating)' : unit} on ${peak.date}; ${fitted.length} later measurement(s) at ${fitted.map((o) => pct(o.fraction!)).join(', ')} of it`,
    sources: union(instrumentSources, MODEL_SOURCES),
  });
  explanation.push({
    factor: 'half-life',
    effect:
      `the benefit fades with a half-life of ${model.halfLifeWeeks} weeks for this patient (protocol model: ${round(L0, 2)} weeks)` +
      (atBound === 'lower'
        ? `; held at the lower bound of ${round(lower, 1)} weeks`
        : atBound === 'upper'
          ? `; held at the upper bound of ${round(upper, 1)} weeks`
          : '') +
      (model.peakWeeks < p
        ? `; so short a half-life brings the peak earlier too, to ${round(model.peakWeeks, 1)} weeks after a session (protocol model: ${round(p, 1)})`
        : ''),
    sources: union(protocolModel.sources, MODEL_SOURCES),
  });

  // 3. When the personalised benefit falls below the threshold, and the maintenance window.
  const crossHorizonWeeks = Math.min(
    Math.ceil(lastDay / 7 + 2 * model.halfLifeWeeks + 2 * p) + 2,
    Math.ceil(lastDay / 7) + 1040,
  );
  const seriesOnly = computeResponseCurve(model, sessionDays, [], crossHorizonWeeks);
  const crossDay = thresholdCrossingDay(seriesOnly, lastDay, threshold);
  const thresholdDate = crossDay === null ? null : addDays(first, crossDay);
  if (thresholdDate !== null) {
    explanation.push({
      factor: 'threshold',
      effect: `expected to fall below ${pct(threshold)} of its peak on ${thresholdDate}, ${crossDay! - lastDay} days after the last session`,
      sources: MODEL_SOURCES,
    });
  } else {
    explanation.push({
      factor: 'threshold',
      effect: `not expected to fall below ${pct(threshold)} of its peak within ${crossHorizonWeeks} weeks of the first session`,
      sources: MODEL_SOURCES,
    });
  }

  let maintenanceDue: PersonalisedResponse['maintenanceDue'] = null;
  let boosters: number[] = [];
  let horizonWeeks = planHorizonWeeks;
  if (window) {
    const wanted = crossDay === null ? Number.POSITIVE_INFINITY : crossDay - lastDay;
    const dueAfter = Math.min(window.max, Math.max(window.min, wanted));
    const reason: MaintenanceDueReason =
      wanted < window.min ? 'window-start' : wanted > window.max ? 'window-end' : 'threshold';
    maintenanceDue = {
      date: addDays(lastDate, dueAfter),
      earliest: addDays(lastDate, window.min),
      latest: addDays(lastDate, window.max),
      daysAfterLastSession: dueAfter,
      reason,
      sources: union(windowSources, MODEL_SOURCES),
    };
    explanation.push({
      factor: 'maintenance-window',
      effect:
        reason === 'threshold'
          ? `maintenance due on ${maintenanceDue.date}, ${dueAfter} days after the last session, inside the protocol window of ${window.min}–${window.max} days`
          : reason === 'window-start'
            ? `maintenance due on ${maintenanceDue.date}: the personalised date would be sooner, but the protocol window starts ${window.min} days after the last session`
            : `maintenance due on ${maintenanceDue.date}: the personalised date would be later, but the protocol window ends ${window.max} days after the last session`,
      sources: union(windowSources, MODEL_SOURCES),
    });
    const dueDay = lastDay + dueAfter;
    horizonWeeks = Math.max(planHorizonWeeks, Math.ceil(dueDay / 7) + 1);
    boosters = boosterDaysFrom(dueDay, dueAfter, horizonWeeks * 7);
  } else {
    explanation.push({
      factor: 'maintenance-window',
      effect: "the protocol gives no maintenance interval; the date above is for the clinic's review",
      sources: plan.protocol.sources,
    });
  }
  const points = computeResponseCurve(model, sessionDays, boosters, horizonWeeks);
  return {
    ok: true,
    response: finish({
      personalised: true,
      model,
      curve: { points, boosterWeeks: boosters.map((x) => round(x / 7, 1)), sources: model.sources },
      observations,
      fit: {
        points: fitted.length,
        protocolHalfLifeWeeks: round(L0, 2),
        halfLifeWeeks: model.halfLifeWeeks,
        protocolPeakWeeks: round(p, 2),
        peakWeeks: round(model.peakWeeks, 2),
        rmsError,
        atBound,
      },
      threshold,
      thresholdDate,
      maintenanceDue,
      explanation,
      sources: [],
    }),
  };
}

function finish(r: PersonalisedResponse): PersonalisedResponse {
  r.sources = union(
    r.model.sources,
    r.curve.sources,
    r.maintenanceDue?.sources ?? [],
    ...r.explanation.map((e) => e.sources),
  ).sort();
  return r;
}
