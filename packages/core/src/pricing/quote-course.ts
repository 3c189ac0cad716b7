import type { AreaSize, IndicationId, MinorUnits, ModalityId, Sourced, SourceKey } from '../types';
import { countSessionsWithin, QUOTE_HORIZONS } from './count-sessions';
import { findPrice, type PriceMatch } from './find-price';
import { isCurrencyCode } from './money';
import { type PrpSchedule, prpScheduleFor } from './prp-schedules';
import type {
  CurrencyCode,
  DaySpan,
  PriceList,
  PriceTier,
  QuotablePlan,
  QuoteProblem,
  SourcedNote,
  SourcedSpan,
  Treatment,
} from './types';

/** Sessions counted in a period: at the longest intervals (min), as planned (target), at the shortest (max). */
export interface SessionCount extends Sourced {
  min: number;
  target: number;
  max: number;
}

/** Money in minor units, with the same min / target / max reading as `SessionCount`. */
export interface MoneySpan extends Sourced {
  currency: CurrencyCode;
  min: MinorUnits;
  target: MinorUnits;
  max: MinorUnits;
}

export interface PeriodEstimate {
  /** Length of the period from the first session; null for the initial series, counted in full. */
  horizonDays: number | null;
  sessions: SessionCount;
  total: MoneySpan;
}

export interface PerSessionPrice extends Sourced {
  amount: MinorUnits;
  currency: CurrencyCode;
  priceListId: string;
  /** The price-list entry that set the price. */
  match: PriceMatch;
}

export interface TreatmentEstimate {
  treatment: Treatment;
  perSession: PerSessionPrice;
  initialSeries: PeriodEstimate;
  year1: PeriodEstimate;
  threeYears: PeriodEstimate;
}

export interface PrpComparison extends TreatmentEstimate {
  treatment: 'prp';
  schedule: PrpSchedule;
}

export type QuoteNoteCode =
  | 'estimate'
  | 'clinic-prices'
  | 'consultation'
  | 'sessions-vary'
  | 'periods'
  | 'series-beyond-year-1'
  | 'no-maintenance'
  | 'example-price-list'
  | 'prp-comparison'
  | 'prp-schedule-missing'
  | 'prp-price-missing';

export interface QuoteNote extends SourcedNote {
  code: QuoteNoteCode;
}

export interface CourseQuote {
  /** Always true: every figure is an estimate, not a bill. */
  estimate: true;
  priceListId: string;
  priceListName: string;
  isExamplePriceList: boolean;
  currency: CurrencyCode;
  tier: PriceTier;
  indication: IndicationId;
  modality: ModalityId;
  areaSize: AreaSize;
  exosome: TreatmentEstimate;
  /** Null when the list has no PRP price or PRP has no published schedule here; a note says which. */
  prp: PrpComparison | null;
  notes: QuoteNote[];
}

export type QuoteCourseResult = { ok: true; quote: CourseQuote } | { ok: false; problems: QuoteProblem[] };

export interface QuoteCourseInput {
  plan: QuotablePlan;
  priceList: PriceList;
  tier?: PriceTier;
}

const MODEL: SourceKey = 'EXOCLINIC-MODEL';

const uniq = (keys: readonly SourceKey[]): SourceKey[] => [...new Set(keys)];

function checkSpan(span: DaySpan, path: string, least: number, problems: QuoteProblem[]): void {
  for (const key of ['min', 'target', 'max'] as const) {
    const v = span[key];
    if (!Number.isSafeInteger(v) || v < least) {
      problems.push({ path: `${path}.${key}`, message: `must be a whole number of days, at least ${least}` });
    }
  }
  if (!(span.min <= span.target && span.target <= span.max)) {
    problems.push({ path, message: 'must satisfy min ≤ target ≤ max' });
  }
}

function checkPlan(plan: QuotablePlan): QuoteProblem[] {
  const problems: QuoteProblem[] = [];
  const { sessions, intervalDays } = plan.initialSeries;
  if (!Number.isSafeInteger(sessions) || sessions < 1) {
    problems.push({ path: 'plan.initialSeries.sessions', message: 'must be a whole number, at least 1' });
  }
  checkSpan(intervalDays, 'plan.initialSeries.intervalDays', 0, problems);
  // A maintenance interval of 0 days would mean endless sessions.
  if (plan.maintenance !== null)
    checkSpan(plan.maintenance.intervalDays, 'plan.maintenance.intervalDays', 1, problems);
  return problems;
}

function checkPrice(priceList: PriceList, match: PriceMatch): QuoteProblem | null {
  const price = match.entry.pricePerSession;
  if (Number.isSafeInteger(price) && price >= 0) return null;
  return {
    path: `priceList.entries[${match.entryIndex}].pricePerSession`,
    message: `must be a whole, non-negative number of minor units of ${priceList.currency}`,
  };
}

function describe(plan: QuotablePlan, tier: PriceTier): string {
  return `${plan.indication}, ${plan.modality}, ${plan.areaSize} area, ${tier} tier`;
}

interface CourseShape {
  sessions: { min: number; target: number; max: number };
  initialInterval: DaySpan;
  maintenanceInterval: DaySpan | null;
  /** Sources of the schedule figures behind the session counts. */
  countSources: SourceKey[];
}

/** Prices a course; null when a total would leave the safe integer range. */
function estimate(
  treatment: Treatment,
  course: CourseShape,
  perSession: PerSessionPrice,
): TreatmentEstimate | null {
  const countSources = uniq([MODEL, ...course.countSources]);
  const moneySources = uniq([...countSources, ...perSession.sources]);
  let unsafe = false;
  const times = (count: number): MinorUnits => {
    const total = count * perSession.amount;
    if (!Number.isSafeInteger(total)) unsafe = true;
    return total as MinorUnits;
  };
  const period = (horizonDays: number | null, sessions: SessionCount): PeriodEstimate => ({
    horizonDays,
    sessions,
    total: {
      currency: perSession.currency,
      min: times(sessions.min),
      target: times(sessions.target),
      max: times(sessions.max),
      sources: moneySources,
    },
  });
  const within = (horizonDays: number): PeriodEstimate => {
    const { sessions, initialInterval: ii, maintenanceInterval: mi } = course;
    // Fewer sessions at the longest intervals, more at the shortest.
    return period(horizonDays, {
      min: countSessionsWithin(horizonDays, sessions.min, ii.max, mi?.max ?? null),
      target: countSessionsWithin(horizonDays, sessions.target, ii.target, mi?.target ?? null),
      max: countSessionsWithin(horizonDays, sessions.max, ii.min, mi?.min ?? null),
      sources: countSources,
    });
  };
  const result: TreatmentEstimate = {
    treatment,
    perSession,
    initialSeries: period(null, { ...course.sessions, sources: countSources }),
    year1: within(QUOTE_HORIZONS.year1),
    threeYears: within(QUOTE_HORIZONS.threeYears),
  };
  return unsafe ? null : result;
}

const spanValues = (span: SourcedSpan): DaySpan => ({
  min: span.min.value,
  target: span.target.value,
  max: span.max.value,
});

const spanSources = (span: SourcedSpan): SourceKey[] => [
  ...span.min.sources,
  ...span.target.sources,
  ...span.max.sources,
];

function perSessionPrice(priceList: PriceList, match: PriceMatch): PerSessionPrice {
  return {
    amount: match.entry.pricePerSession,
    currency: priceList.currency,
    priceListId: priceList.id,
    match,
    sources: uniq(match.entry.sources ?? []),
  };
}

const TOO_LARGE: QuoteProblem = {
  path: 'priceList.entries',
  message: 'a total is too large to hold exactly; check the price per session',
};

const BASE_NOTES: QuoteNote[] = [
  {
    code: 'estimate',
    text: 'These figures are estimates from the clinic’s price list and the planned schedule. They are not a bill.',
    sources: [MODEL],
  },
  {
    code: 'clinic-prices',
    text: 'Prices are set by each clinic and differ between clinics, cities and countries.',
    sources: ['S4'],
  },
  {
    code: 'consultation',
    text: 'A personalised quote is given after a consultation with the practitioner.',
    sources: ['S4'],
  },
  {
    code: 'sessions-vary',
    text: 'The number of sessions depends on how each person responds, so the count and the total can change as treatment goes on.',
    sources: ['S1', 'S3'],
  },
  {
    code: 'periods',
    text: 'Periods are counted from the first session, a year as 365 days. Maintenance sessions are counted when they fall inside the period; ranges run from the longest to the shortest intervals in the plan.',
    sources: [MODEL],
  },
];

/**
 * Prices a planned course from a clinic's price list and sets the PRP alternative beside it, over
 * the initial series, the first year and three years. Pure: same input, same quote.
 */
export function quoteCourse({ plan, priceList, tier = 'standard' }: QuoteCourseInput): QuoteCourseResult {
  if (!isCurrencyCode(priceList.currency)) {
    return {
      ok: false,
      problems: [{ path: 'priceList.currency', message: 'is not a supported ISO 4217 code' }],
    };
  }
  const problems = checkPlan(plan);
  if (problems.length > 0) return { ok: false, problems };

  const query = { indication: plan.indication, modality: plan.modality, areaSize: plan.areaSize, tier };
  const exoMatch = findPrice(priceList, { treatment: 'exosome', ...query });
  if (exoMatch === null) {
    return {
      ok: false,
      problems: [
        {
          path: 'priceList.entries',
          message: `price list "${priceList.name}" has no exosome price for ${describe(plan, tier)}`,
        },
      ],
    };
  }
  const exoPriceProblem = checkPrice(priceList, exoMatch);
  if (exoPriceProblem !== null) return { ok: false, problems: [exoPriceProblem] };

  const { sessions, intervalDays } = plan.initialSeries;
  const exosome = estimate(
    'exosome',
    {
      sessions: { min: sessions, target: sessions, max: sessions },
      initialInterval: intervalDays,
      maintenanceInterval: plan.maintenance?.intervalDays ?? null,
      countSources: [],
    },
    perSessionPrice(priceList, exoMatch),
  );
  if (exosome === null) return { ok: false, problems: [TOO_LARGE] };

  const notes: QuoteNote[] = [...BASE_NOTES];
  if ((sessions - 1) * intervalDays.max >= QUOTE_HORIZONS.year1) {
    notes.push({
      code: 'series-beyond-year-1',
      text: 'At its longest spacing the initial series runs past the first year; the first-year figures count only the sessions that fall inside it.',
      sources: [MODEL],
    });
  }
  if (plan.maintenance === null) {
    notes.push({
      code: 'no-maintenance',
      text: 'The plan has no maintenance sessions, so the longer periods hold the initial series only.',
      sources: [MODEL],
    });
  }
  if (priceList.isExample) {
    notes.push({
      code: 'example-price-list',
      text: `This is an example price list drawn from published ranges, not the clinic’s own prices.${
        priceList.exampleNote ? ` ${priceList.exampleNote}` : ''
      }`,
      sources: uniq([MODEL, ...(priceList.exampleRanges ?? []).flatMap((r) => r.sources)]),
    });
  }

  let prp: PrpComparison | null = null;
  const schedule = prpScheduleFor(plan.indication);
  const prpMatch = findPrice(priceList, { treatment: 'prp', ...query });
  if (schedule === null) {
    notes.push({
      code: 'prp-schedule-missing',
      text: `There is no published PRP schedule for ${plan.indication}, so no PRP comparison is shown.`,
      sources: [MODEL],
    });
  } else if (prpMatch === null) {
    notes.push({
      code: 'prp-price-missing',
      text: `The price list has no PRP price for ${describe(plan, tier)}, so no PRP comparison is shown.`,
      sources: [MODEL],
    });
  } else {
    const prpPriceProblem = checkPrice(priceList, prpMatch);
    if (prpPriceProblem !== null) return { ok: false, problems: [prpPriceProblem] };
    const { initialSeries, maintenance } = schedule;
    const prpEstimate = estimate(
      'prp',
      {
        sessions: spanValues(initialSeries.sessions),
        initialInterval: spanValues(initialSeries.intervalDays),
        maintenanceInterval: spanValues(maintenance.intervalDays),
        countSources: [
          ...spanSources(initialSeries.sessions),
          ...spanSources(initialSeries.intervalDays),
          ...spanSources(maintenance.intervalDays),
        ],
      },
      perSessionPrice(priceList, prpMatch),
    );
    if (prpEstimate === null) return { ok: false, problems: [TOO_LARGE] };
    prp = { ...prpEstimate, treatment: 'prp', schedule };
    notes.push({
      code: 'prp-comparison',
      text: 'PRP is shown for comparison on a published PRP schedule. It is prepared from the patient’s own blood and is a different treatment, not an equivalent one.',
      sources: uniq(['S1', ...schedule.sources]),
    });
  }

  return {
    ok: true,
    quote: {
      estimate: true,
      priceListId: priceList.id,
      priceListName: priceList.name,
      isExamplePriceList: priceList.isExample,
      currency: priceList.currency,
      tier,
      indication: plan.indication,
      modality: plan.modality,
      areaSize: plan.areaSize,
      exosome,
      prp,
      notes,
    },
  };
}
