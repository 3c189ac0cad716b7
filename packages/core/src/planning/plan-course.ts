import { findIndication, type TimelineEntry } from '../catalog/indications';
import { findModality } from '../catalog/modalities';
import { findProtocol, type Protocol } from '../catalog/protocols';
import { addDays, addMonths, daysBetween } from '../local-date';
import type { ConsultationProfile, PractitionerOverride } from '../profile';
import type { LocalDate, SourceKey } from '../types';
import { computeResponseCurve, fitResponseModel } from './response-curve';
import type {
  DayWindow,
  ExplanationEntry,
  Plan,
  PlannedFollowUp,
  PlannedMilestone,
  PlannedSession,
} from './types';

export interface PlanCourseOptions {
  /** The clinic's own protocols, searched before the catalog's. */
  clinicProtocols?: readonly Protocol[];
  /** Recorded on the plan when a practitioner overrode a screening or regulatory stop. */
  override?: PractitionerOverride & { overrides: string[] };
  /** Months of response curve to draw (default 24). */
  horizonMonths?: number;
}

export type PlanCourseResult =
  | { ok: true; plan: Plan }
  | { ok: false; problems: { path: string; message: string }[] };

/** Days from the end of the initial series to the safety review (delayed reactions: up to 3 months). */
const SAFETY_REVIEW_MONTHS = 3;

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/** Picks the protocol: the one asked for, else the indication's labelled default. */
export function chooseProtocol(profile: ConsultationProfile, clinicProtocols: readonly Protocol[] = []) {
  const indication = findIndication(profile.indication);
  const id = profile.protocol ?? indication?.defaultProtocol;
  return id ? findProtocol(id, clinicProtocols) : undefined;
}

/** Checks that the protocol can plan this profile; returns the problems by field. */
export function checkProtocolFits(profile: ConsultationProfile, protocol: Protocol | undefined) {
  const problems: { path: string; message: string }[] = [];
  if (!protocol) {
    problems.push({ path: 'protocol', message: `unknown protocol '${profile.protocol}'` });
    return problems;
  }
  if (protocol.indication !== profile.indication) {
    problems.push({
      path: 'protocol',
      message: `protocol '${protocol.id}' is for '${protocol.indication}', not '${profile.indication}'`,
    });
  }
  if (!protocol.initialSeries) {
    problems.push({
      path: 'protocol',
      message: `protocol '${protocol.id}' gives no initial series to book; choose another protocol for '${profile.indication}'`,
    });
  }
  if (protocol.modalities.length > 0 && !protocol.modalities.includes(profile.modality)) {
    problems.push({
      path: 'modality',
      message: `protocol '${protocol.id}' was described with ${protocol.modalities.join(', ')}, not '${profile.modality}'`,
    });
  }
  return problems;
}

function chooseSessionCount(
  profile: ConsultationProfile,
  protocol: Protocol,
  explanation: ExplanationEntry[],
) {
  const count = protocol.initialSeries!.sessions;
  const src = count.sources;
  const lower = profile.severity === 'mild' ? count.min : Math.max(count.min, count.usual.min);
  let n: number;
  if (profile.severity === 'mild') n = count.usual.min;
  else if (profile.severity === 'severe') n = count.usual.max;
  else n = Math.round((count.usual.min + count.usual.max) / 2);
  explanation.push({
    factor: 'severity',
    effect: `${profile.severity}: start from ${n} session${n === 1 ? '' : 's'} (the protocol's usual ${count.usual.min}–${count.usual.max})`,
    sources: [...new Set([...src, 'S1', 'S3'])],
  });

  const move = (factor: string, delta: number, why: string, sources: SourceKey[]) => {
    if (delta === 0) return;
    const next = clamp(n + delta, lower, count.max);
    const word = `${delta > 0 ? 'one more' : 'one fewer'} session`;
    explanation.push({
      factor,
      effect:
        next === n
          ? `${why}: would mean ${word}, but the protocol's range (${lower}–${count.max}) does not allow it`
          : `${why}: ${word} (${n} → ${next})`,
      sources,
    });
    n = next;
  };
  if (profile.areaSize === 'large') move('areaSize', +1, 'large treatment area', ['S1']);
  if (profile.areaSize === 'small') move('areaSize', -1, 'small treatment area', ['S1']);
  if (profile.goal === 'dramatic') move('goal', +1, 'a marked change is wanted', ['S1']);
  if (profile.goal === 'subtle') move('goal', -1, 'a subtle change is wanted', ['S1']);
  const combined = profile.combinedWith ?? [];
  if (combined.length > 0) {
    move('combinedWith', -1, `combined with ${combined.join(', ')}`, ['S1', 'S3']);
  }
  if (profile.severity === 'mild' && n < count.usual.min && count.note) {
    explanation.push({ factor: 'severity', effect: count.note, sources: src });
  }
  return clamp(n, lower, count.max);
}

/** Longevity factors (S0) move the maintenance target inside its window, never outside. */
function chooseMaintenanceTarget(
  profile: ConsultationProfile,
  window: { min: number; target: number; max: number },
  explanation: ExplanationEntry[],
) {
  const step = (window.max - window.min) / 4;
  let target = window.target;
  const shift = (factor: string, dir: -1 | 1, why: string) => {
    const next = Math.round(clamp(target + dir * step, window.min, window.max));
    explanation.push({
      factor,
      effect:
        next === target
          ? `${why}: maintenance would come ${dir < 0 ? 'sooner' : 'later'}, but it is already at the window's ${dir < 0 ? 'start' : 'end'}`
          : `${why}: maintenance ${dir < 0 ? 'sooner' : 'later'} (${target} → ${next} days after the series)`,
      sources: ['S0'],
    });
    target = next;
  };
  const age = profile.patient.age;
  if (age >= 50) shift('age', -1, `age ${age}: results tend to last less long`);
  else if (age < 35) shift('age', +1, `age ${age}: results tend to last longer`);
  if (profile.health === 'fair' || profile.health === 'poor') {
    shift('health', -1, `general health ${profile.health}`);
  }
  if (profile.chronicity === 'chronic') shift('chronicity', -1, 'long-standing condition');
  if (profile.severity === 'severe') shift('severity', -1, 'severe condition needs more frequent care');
  return target;
}

function milestoneDates(entry: TimelineEntry, first: LocalDate, last: LocalDate): PlannedMilestone {
  const base = entry.from === 'first-session' ? first : last;
  return {
    kind: entry.kind,
    weeks: { min: entry.weeks.min, max: entry.weeks.max },
    from: entry.from,
    dates: { from: addDays(base, entry.weeks.min * 7), to: addDays(base, entry.weeks.max * 7) },
    sources: entry.sources,
    ...(entry.note ? { note: entry.note.text } : {}),
  };
}

function middle(entry: TimelineEntry | undefined, fallback: number) {
  return entry ? (entry.weeks.min + entry.weeks.max) / 2 : fallback;
}

/**
 * Plans the course for a screened profile: sessions, spacing, maintenance, follow-ups, milestones
 * and the expected response, every number with its sources. It does not judge eligibility:
 * `adviseConsultation` decides whether a plan may be offered.
 */
export function planCourse(profile: ConsultationProfile, options: PlanCourseOptions = {}): PlanCourseResult {
  const protocol = chooseProtocol(profile, options.clinicProtocols);
  const problems = checkProtocolFits(profile, protocol);
  const indication = findIndication(profile.indication);
  const modality = findModality(profile.modality);
  if (!indication)
    problems.push({ path: 'indication', message: `unknown indication '${profile.indication}'` });
  if (!modality) problems.push({ path: 'modality', message: `unknown modality '${profile.modality}'` });
  else if (indication && !indication.modalities.includes(modality.id)) {
    problems.push({
      path: 'modality',
      message: `'${modality.id}' is not a delivery for '${indication.id}'; use one of ${indication.modalities.join(', ')}`,
    });
  }
  if (problems.length > 0 || !protocol || !indication || !modality || !protocol.initialSeries) {
    return { ok: false, problems };
  }

  const explanation: ExplanationEntry[] = [];
  const series = protocol.initialSeries;
  const n = chooseSessionCount(profile, protocol, explanation);
  const interval = series.intervalDays;
  explanation.push({
    factor: 'interval',
    effect: `sessions ${interval.min}–${interval.max} days apart, aiming at ${interval.target}`,
    sources: interval.sources,
  });

  const sessions: PlannedSession[] = [];
  let date = profile.startDate;
  for (let i = 0; i < n; i++) {
    if (i === 0) {
      sessions.push({ index: 1, date, earliest: date, latest: date, sources: ['EXOCLINIC-MODEL'] });
      continue;
    }
    const prev = date;
    date = addDays(prev, interval.target);
    sessions.push({
      index: i + 1,
      date,
      earliest: addDays(prev, interval.min),
      latest: addDays(prev, interval.max),
      sources: interval.sources,
    });
  }
  const first = profile.startDate;
  const last = sessions[sessions.length - 1]!.date;

  let maintenance: Plan['maintenance'] = null;
  if (protocol.maintenance) {
    const w = protocol.maintenance.intervalDays;
    const target = chooseMaintenanceTarget(profile, w, explanation);
    const window: DayWindow = { min: w.min, target, max: w.max, sources: w.sources };
    maintenance = {
      intervalDays: window,
      firstDue: {
        earliest: addDays(last, w.min),
        target: addDays(last, target),
        latest: addDays(last, w.max),
      },
      sources: w.sources,
    };
  } else {
    explanation.push({
      factor: 'maintenance',
      effect: 'the protocol gives no maintenance interval; the clinic reviews the need at follow-up',
      sources: protocol.sources,
    });
  }

  const timeline = indication.timeline;
  const visible = timeline.find((t) => t.kind === 'visible');
  const peak = timeline.find((t) => t.kind === 'peak');
  const duration = timeline.find((t) => t.kind === 'duration');

  const followUps: PlannedFollowUp[] = [];
  if (visible) {
    // Review outcomes once changes are expected to be visible after the series.
    const reviewDate = addDays(last, Math.round(visible.weeks.max * 7));
    followUps.push({
      kind: 'outcome-review',
      label: 'Outcome review after the series',
      date: reviewDate,
      notBefore: addDays(last, Math.round(visible.weeks.min * 7)),
      sources: visible.sources,
    });
  }
  const safety = addMonths(last, SAFETY_REVIEW_MONTHS);
  followUps.push({
    kind: 'safety-review',
    label: 'Safety review for delayed reactions (at least 3 months after the last session)',
    date: safety,
    notBefore: safety,
    sources: ['EXO-AE-REPORTS'],
  });
  for (const f of protocol.followUps ?? []) {
    const at = addDays(last, f.daysAfterLastSession);
    followUps.push({ kind: 'study-follow-up', label: f.label, date: at, notBefore: at, sources: f.sources });
  }
  followUps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const milestones = timeline.map((t) => milestoneDates(t, first, last));

  const model = fitResponseModel(middle(peak, 8), middle(duration, 26), [
    ...(peak?.sources ?? []),
    ...(duration?.sources ?? []),
    'EXOCLINIC-MODEL',
  ]);
  const horizonWeeks = Math.round(((options.horizonMonths ?? 24) * 365.25) / 12 / 7);
  const sessionDays = sessions.map((s) => daysBetween(first, s.date));
  const boosterDays: number[] = [];
  if (maintenance) {
    const lastDay = sessionDays[sessionDays.length - 1]!;
    const every = maintenance.intervalDays.target;
    for (let d = lastDay + every; d <= horizonWeeks * 7; d += every) boosterDays.push(d);
  }
  const points = computeResponseCurve(model, sessionDays, boosterDays, horizonWeeks);
  const boosterWeeks = boosterDays.map((d) => Math.round((d / 7) * 10) / 10);

  const conflicts = (protocol.conflicts ?? []).map((statement) => ({ statement, sources: protocol.sources }));
  for (const t of timeline) {
    if (t.note) conflicts.push({ statement: t.note.text, sources: t.note.sources });
  }

  const caveats = [
    {
      id: 'results-vary',
      text: 'Results differ from person to person; these dates are what the sources describe, not a promise.',
      sources: ['S0', 'S3'],
    },
    {
      id: 'evidence-limited',
      text: 'Published evidence is small and mostly industry-linked, and protocols are not standardised.',
      sources: ['SHD-2024'],
    },
    {
      id: 'model',
      text: 'The response curve is a simple model of the sources’ milestones, drawn to explain the plan.',
      sources: ['EXOCLINIC-MODEL'],
    },
  ];

  const sessionMinutes = {
    min: modality.sessionMinutes.min,
    max: modality.sessionMinutes.max,
    sources: modality.sessionMinutes.sources,
  };

  const plan: Plan = {
    indication: indication.id,
    modality: modality.id,
    areaSize: profile.areaSize,
    startDate: profile.startDate,
    protocol: {
      id: protocol.id,
      kind: protocol.kind,
      title: protocol.title,
      version: protocol.version,
      ...(protocol.derivation ? { derivation: protocol.derivation } : {}),
      sources: protocol.sources,
    },
    initialSeries: {
      sessions: n,
      range: { min: series.sessions.min, max: series.sessions.max },
      intervalDays: {
        min: interval.min,
        target: interval.target,
        max: interval.max,
        sources: interval.sources,
      },
      sources: series.sessions.sources,
    },
    maintenance,
    sessions,
    followUps,
    sessionMinutes,
    milestones,
    explanation,
    conflicts,
    responseModel: model,
    responseCurve: { points, boosterWeeks, sources: model.sources },
    caveats,
    override: options.override ?? null,
    sources: [],
  };
  plan.sources = collectSources(plan);
  return { ok: true, plan };
}

/** Every source key anywhere in the plan, sorted: what the plan's reader may want to open. */
function collectSources(value: unknown, into = new Set<string>()): string[] {
  walkSources(value, into);
  return [...into].sort();
}

function walkSources(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) if (v !== null && typeof v === 'object') walkSources(v, into);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const k in record) {
    const v = record[k];
    if (k === 'sources' && Array.isArray(v)) for (const s of v) into.add(String(s));
    // Curve points carry no sources; skipping them keeps planning fast.
    else if (k !== 'points' && v !== null && typeof v === 'object') walkSources(v, into);
  }
}
