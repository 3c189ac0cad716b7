import { findInstrument } from '../catalog/instruments';
import { improvementOver, reachesMcid } from '../outcomes/compare-to-baseline';
import { validateScore } from '../outcomes/validate-score';
import type { LocalDate, Sourced, SourceKey } from '../types';
import { type ProportionInterval, proportionInterval } from './proportion-interval';

// Clinic analytics from plain rows: the reference implementation. The server computes the same
// figures in SQL for large clinics; these functions define what the figures mean and check it.

/** One recorded outcome score. */
export interface OutcomeRow {
  /** One patient's course (plan): outcomes are paired within it. */
  courseId: string;
  protocolId: string;
  indication: string;
  instrumentId: string;
  point: 'baseline' | 'end-of-series' | 'follow-up';
  date: LocalDate;
  value: number;
}

/** One product lot used in one session. */
export interface ExposureRow {
  sessionId: string;
  productId: string;
  lotId: string;
}

/** One adverse event linked to one session (and, where known, the lot suspected). */
export interface AdverseEventRow {
  eventId: string;
  sessionId: string;
  /** The suspected lot; null or absent: every lot used in the session. */
  lotId?: string | null;
  serious: boolean;
}

export interface CourseRow {
  courseId: string;
  protocolId: string;
  plannedSessions: number;
  completedSessions: number;
  /** `active` while the course can still go on; `completed` or `stopped` once it is over. */
  status: 'active' | 'completed' | 'stopped';
}

export interface AppointmentRow {
  appointmentId: string;
  status: 'scheduled' | 'attended' | 'no-show' | 'cancelled';
}

export interface OutcomeGroupSummary extends Sourced {
  protocolId: string;
  indication: string;
  instrumentId: string;
  /** Courses with a paired outcome (a baseline, unless comparative, and a later score). */
  n: number;
  /** Mean of current − baseline in the instrument's units (comparative: the mean rating). */
  meanChange: number | null;
  /** Mean change signed so that more is better (see `improvementOver`). */
  meanImprovement: number | null;
  improved: ProportionInterval;
  /** Null where the instrument has no known MCID (or is a rating of change). */
  reachingMcid: ProportionInterval | null;
  /** Courses with scores that cannot be paired yet. */
  unpaired: { noBaseline: number; noFollowUp: number };
}

export interface OutcomeSummary {
  groups: OutcomeGroupSummary[];
  /** Rows left out because their score is invalid (index into the input, and why). */
  invalidRows: { index: number; message: string }[];
}

export interface AdverseEventRate extends Sourced {
  /** Sessions that used the product (or lot). */
  exposures: number;
  /** Of those, sessions with at least one adverse event attributed to it. */
  affectedSessions: number;
  events: number;
  seriousEvents: number;
  /** affectedSessions / exposures, with its Wilson 95% interval. */
  rate: ProportionInterval;
}

export interface AdverseEventSummary {
  byProduct: (AdverseEventRate & { productId: string })[];
  byLot: (AdverseEventRate & { productId: string; lotId: string })[];
  /** Events none of whose rows match an exposure (session, and lot where named): a data problem to look at. */
  unattributedEvents: string[];
}

export interface CompletionSummary extends Sourced {
  /** Courses that are over, or complete though still open. */
  finished: number;
  completed: number;
  inProgress: number;
  rate: ProportionInterval;
}

export interface SeriesCompletionSummary {
  overall: CompletionSummary;
  byProtocol: (CompletionSummary & { protocolId: string })[];
}

export interface NoShowSummary extends Sourced {
  attended: number;
  noShows: number;
  cancelled: number;
  scheduled: number;
  /** noShows / (attended + noShows): cancelled and future appointments do not count. */
  rate: ProportionInterval;
}

export interface ClinicAnalyticsInput {
  outcomes?: readonly OutcomeRow[];
  exposures?: readonly ExposureRow[];
  adverseEvents?: readonly AdverseEventRow[];
  courses?: readonly CourseRow[];
  appointments?: readonly AppointmentRow[];
}

export interface ClinicAnalytics {
  outcomes: OutcomeSummary;
  adverseEvents: AdverseEventSummary;
  seriesCompletion: SeriesCompletionSummary;
  noShows: NoShowSummary;
}

const STATS: SourceKey[] = ['WILSON-1927'];
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

/** Mean of the values recorded on the chosen date: order-free, as SQL's AVG is. */
function valueOn(rows: readonly OutcomeRow[], pick: 'earliest' | 'latest'): number | null {
  if (rows.length === 0) return null;
  let date = rows[0]!.date;
  for (const r of rows) if (pick === 'earliest' ? r.date < date : r.date > date) date = r.date;
  return mean(rows.filter((r) => r.date === date).map((r) => r.value));
}

/**
 * Outcome by protocol, indication and instrument. Within a course, the baseline is the earliest
 * `baseline` score and the outcome the latest later score (several on the same day: their mean);
 * the change, the improvement and the MCID follow `compareToBaseline`. Comparative ratings (GAIS)
 * need no baseline. Invalid scores are left out and listed.
 */
export function summariseOutcomesByProtocol(rows: readonly OutcomeRow[]): OutcomeSummary {
  const invalidRows: { index: number; message: string }[] = [];
  const courses = new Map<string, OutcomeRow[]>();
  rows.forEach((row, index) => {
    const check = validateScore(row.instrumentId, row.value);
    if (!check.ok) {
      invalidRows.push({ index, message: check.problems.map((p) => p.message).join('; ') });
      return;
    }
    const key = JSON.stringify([row.protocolId, row.indication, row.instrumentId, row.courseId]);
    const list = courses.get(key);
    if (list) list.push(row);
    else courses.set(key, [row]);
  });

  interface Acc {
    changes: number[];
    improvements: number[];
    improved: number;
    reaching: number;
    noBaseline: number;
    noFollowUp: number;
  }
  const groups = new Map<string, Acc>();
  for (const [key, list] of courses) {
    const [protocolId, indication, instrumentId] = JSON.parse(key) as string[];
    const groupKey = JSON.stringify([protocolId, indication, instrumentId]);
    let acc = groups.get(groupKey);
    if (!acc) {
      acc = { changes: [], improvements: [], improved: 0, reaching: 0, noBaseline: 0, noFollowUp: 0 };
      groups.set(groupKey, acc);
    }
    const instrument = findInstrument(instrumentId!)!;
    const baseline = instrument.comparative
      ? null
      : valueOn(
          list.filter((r) => r.point === 'baseline'),
          'earliest',
        );
    const current = valueOn(
      list.filter((r) => r.point !== 'baseline'),
      'latest',
    );
    if (current === null) {
      acc.noFollowUp++;
      continue;
    }
    if (!instrument.comparative && baseline === null) {
      acc.noBaseline++;
      continue;
    }
    const improvement = improvementOver(instrument, baseline, current);
    acc.changes.push(instrument.comparative ? current : current - baseline!);
    acc.improvements.push(improvement);
    if (improvement > 0) acc.improved++;
    if (reachesMcid(instrument, improvement)) acc.reaching++;
  }

  const out: OutcomeGroupSummary[] = [];
  for (const [key, acc] of groups) {
    const [protocolId, indication, instrumentId] = JSON.parse(key) as [string, string, string];
    const instrument = findInstrument(instrumentId)!;
    const n = acc.changes.length;
    const hasMcid = !instrument.comparative && instrument.mcid !== undefined;
    out.push({
      protocolId,
      indication,
      instrumentId,
      n,
      meanChange: mean(acc.changes),
      meanImprovement: mean(acc.improvements),
      improved: proportionInterval(acc.improved, n),
      reachingMcid: hasMcid ? proportionInterval(acc.reaching, n) : null,
      unpaired: { noBaseline: acc.noBaseline, noFollowUp: acc.noFollowUp },
      sources: [...new Set([...instrument.sources, ...(hasMcid ? instrument.mcid!.sources : []), ...STATS])],
    });
  }
  out.sort(
    (a, b) =>
      compareKeys(a.protocolId, b.protocolId) ||
      compareKeys(a.indication, b.indication) ||
      compareKeys(a.instrumentId, b.instrumentId),
  );
  return { groups: out, invalidRows };
}

/**
 * Adverse-event rate per product and per lot: of the sessions that used it, the share with at
 * least one adverse event attributed to it (an event names its session and, where suspected, the
 * lot; without a lot it counts for every lot used in the session). A share of sessions rather
 * than events per session, so that it is a proportion with a Wilson 95% interval; the event
 * counts are given beside it.
 */
export function summariseAdverseEventRates(
  exposures: readonly ExposureRow[],
  events: readonly AdverseEventRow[],
): AdverseEventSummary {
  const bySession = new Map<string, ExposureRow[]>();
  for (const e of exposures) {
    const list = bySession.get(e.sessionId);
    if (list) {
      if (!list.some((x) => x.lotId === e.lotId && x.productId === e.productId)) list.push(e);
    } else bySession.set(e.sessionId, [e]);
  }

  interface Acc {
    productId: string;
    lotId: string;
    sessions: Set<string>;
    affected: Set<string>;
    events: Set<string>;
    serious: Set<string>;
  }
  const products = new Map<string, Acc>();
  const lots = new Map<string, Acc>();
  const accFor = (map: Map<string, Acc>, key: string, productId: string, lotId: string) => {
    let acc = map.get(key);
    if (!acc) {
      acc = {
        productId,
        lotId,
        sessions: new Set(),
        affected: new Set(),
        events: new Set(),
        serious: new Set(),
      };
      map.set(key, acc);
    }
    return acc;
  };
  const lotKey = (e: ExposureRow) => JSON.stringify([e.productId, e.lotId]);
  for (const list of bySession.values()) {
    for (const e of list) {
      accFor(products, e.productId, e.productId, '').sessions.add(e.sessionId);
      accFor(lots, lotKey(e), e.productId, e.lotId).sessions.add(e.sessionId);
    }
  }

  const attributed = new Set<string>();
  for (const ev of events) {
    const used = (bySession.get(ev.sessionId) ?? []).filter(
      (e) => ev.lotId === undefined || ev.lotId === null || e.lotId === ev.lotId,
    );
    if (used.length > 0) attributed.add(ev.eventId);
    for (const e of used) {
      for (const acc of [products.get(e.productId)!, lots.get(lotKey(e))!]) {
        acc.affected.add(ev.sessionId);
        acc.events.add(ev.eventId);
        if (ev.serious) acc.serious.add(ev.eventId);
      }
    }
  }

  const rate = (acc: Acc): AdverseEventRate => ({
    exposures: acc.sessions.size,
    affectedSessions: acc.affected.size,
    events: acc.events.size,
    seriousEvents: acc.serious.size,
    rate: proportionInterval(acc.affected.size, acc.sessions.size),
    sources: [...STATS],
  });
  const byProduct = [...products.values()]
    .map((acc) => ({ productId: acc.productId, ...rate(acc) }))
    .sort((a, b) => compareKeys(a.productId, b.productId));
  const byLot = [...lots.values()]
    .map((acc) => ({ productId: acc.productId, lotId: acc.lotId, ...rate(acc) }))
    .sort((a, b) => compareKeys(a.productId, b.productId) || compareKeys(a.lotId, b.lotId));
  const unattributed = new Set(events.map((e) => e.eventId).filter((id) => !attributed.has(id)));
  return { byProduct, byLot, unattributedEvents: [...unattributed].sort(compareKeys) };
}

function completion(rows: readonly CourseRow[]): CompletionSummary {
  let finished = 0;
  let completed = 0;
  let inProgress = 0;
  for (const c of rows) {
    if (c.completedSessions >= c.plannedSessions) {
      completed++;
      finished++;
    } else if (c.status === 'active') inProgress++;
    else finished++;
  }
  return {
    finished,
    completed,
    inProgress,
    rate: proportionInterval(completed, finished),
    sources: [...STATS],
  };
}

/**
 * Series completion: of the courses that are over (or already complete), the share that received
 * every planned session of the initial series. Courses still running and not yet complete are not
 * counted either way: their outcome is not known.
 */
export function summariseSeriesCompletion(courses: readonly CourseRow[]): SeriesCompletionSummary {
  const byId = new Map<string, CourseRow[]>();
  for (const c of courses) {
    const list = byId.get(c.protocolId);
    if (list) list.push(c);
    else byId.set(c.protocolId, [c]);
  }
  return {
    overall: completion(courses),
    byProtocol: [...byId.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([protocolId, rows]) => ({ protocolId, ...completion(rows) })),
  };
}

/** No-show rate: no-shows among the appointments that were due and not cancelled in advance. */
export function summariseNoShows(appointments: readonly AppointmentRow[]): NoShowSummary {
  const count = { attended: 0, 'no-show': 0, cancelled: 0, scheduled: 0 };
  for (const a of appointments) count[a.status]++;
  return {
    attended: count.attended,
    noShows: count['no-show'],
    cancelled: count.cancelled,
    scheduled: count.scheduled,
    rate: proportionInterval(count['no-show'], count.attended + count['no-show']),
    sources: [...STATS],
  };
}

/** Every clinic figure at once, from plain rows. */
export function summariseOutcomes(input: ClinicAnalyticsInput): ClinicAnalytics {
  return {
    outcomes: summariseOutcomesByProtocol(input.outcomes ?? []),
    adverseEvents: summariseAdverseEventRates(input.exposures ?? [], input.adverseEvents ?? []),
    seriesCompletion: summariseSeriesCompletion(input.courses ?? []),
    noShows: summariseNoShows(input.appointments ?? []),
  };
}
