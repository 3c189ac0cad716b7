import type { IndicationId, SourceKey } from '../types';
import type { SourcedNote, SourcedNumber, SourcedSpan } from './types';

/**
 * A published PRP schedule, used only to set PRP beside an exosome quote. Days are plain numbers:
 * a month is 30 days, a year 365, and "n a year" is 365 / n rounded (2 a year → 183, 3 → 122,
 * 4 → 91). Each number keeps its own sources; where a number is an Exoclinic default inside a
 * published range, it says so in `derivation`.
 */
export interface PrpSchedule {
  /** The indication asked for. */
  indication: IndicationId;
  /** The indication whose published schedule is used (differs when a fallback applies). */
  basedOn: IndicationId;
  label: string;
  initialSeries: { sessions: SourcedSpan; intervalDays: SourcedSpan };
  maintenance: { intervalDays: SourcedSpan };
  /** How the schedule was chosen when the sources give none for this indication; null otherwise. */
  derivation: string | null;
  notes: SourcedNote[];
  sources: SourceKey[];
}

type BaseSchedule = Omit<PrpSchedule, 'indication' | 'derivation'>;

const n = (value: number, sources: SourceKey[], derivation?: string): SourcedNumber =>
  derivation === undefined ? { value, sources } : { value, sources, derivation };

const fixed = (value: number, sources: SourceKey[], derivation?: string): SourcedSpan => ({
  min: n(value, sources, derivation),
  target: n(value, sources, derivation),
  max: n(value, sources, derivation),
});

// S1's PRP maintenance, "2–4 times a year": every 91 (4 a year) to 183 days (2 a year); the planned
// figure, 3 a year (122 days), is the middle of that range.
const S1_MAINTENANCE: SourcedSpan = {
  min: n(91, ['S1'], '4 a year: 365 / 4, rounded'),
  target: n(
    122,
    ['S1', 'EXOCLINIC-MODEL'],
    'Exoclinic default: 3 a year (365 / 3, rounded), inside S1’s 2–4',
  ),
  max: n(183, ['S1'], '2 a year: 365 / 2, rounded'),
};

const SKIN: BaseSchedule = {
  basedOn: 'skin-rejuvenation',
  label: 'PRP for skin: 3 sessions 2 weeks apart, then 2–4 a year',
  initialSeries: {
    sessions: fixed(3, ['PRP-PRACTICE']),
    intervalDays: fixed(14, ['PRP-PRACTICE'], '2 weeks'),
  },
  maintenance: { intervalDays: S1_MAINTENANCE },
  notes: [
    {
      text: 'Another published PRP schedule for skin is 2 sessions 3 months apart; the 3-session schedule is used here.',
      sources: ['PRP-PRACTICE'],
    },
  ],
  sources: ['PRP-PRACTICE', 'S1'],
};

const ACNE_SCARS: BaseSchedule = {
  basedOn: 'acne-scars',
  label: 'PRP for acne scars (with microneedling): 4 monthly sessions, then 2–4 a year',
  initialSeries: {
    sessions: fixed(4, ['PRP-PRACTICE']),
    intervalDays: fixed(30, ['PRP-PRACTICE'], 'a month, counted as 30 days'),
  },
  maintenance: { intervalDays: S1_MAINTENANCE },
  notes: [],
  sources: ['PRP-PRACTICE', 'S1'],
};

const HAIR: BaseSchedule = {
  basedOn: 'hair-loss',
  label: 'PRP for hair: 3 sessions a month apart, then every 3–12 months',
  initialSeries: {
    sessions: fixed(3, ['PRP-PRACTICE']),
    intervalDays: fixed(30, ['PRP-PRACTICE'], 'a month, counted as 30 days'),
  },
  maintenance: {
    intervalDays: {
      min: n(90, ['PRP-PRACTICE'], '3 months of 30 days'),
      target: n(
        180,
        ['PRP-PRACTICE', 'EXOCLINIC-MODEL'],
        'Exoclinic default: every 6 months, inside the published 3–12 months',
      ),
      max: n(365, ['PRP-PRACTICE'], '12 months, counted as a year'),
    },
  },
  notes: [],
  sources: ['PRP-PRACTICE'],
};

// S1 gives PRP for joints as "3–6 sessions a year initially" without spacing; the sessions are
// spread evenly over that year: 6 → every 61 days, 4 → 91, 3 → 122.
const JOINT: BaseSchedule = {
  basedOn: 'joint',
  label: 'PRP for joints: 3–6 sessions in the first year, then 2–4 a year',
  initialSeries: {
    sessions: {
      min: n(3, ['S1']),
      target: n(4, ['S1', 'EXOCLINIC-MODEL'], 'Exoclinic default inside S1’s 3–6 a year'),
      max: n(6, ['S1']),
    },
    intervalDays: {
      min: n(61, ['S1', 'EXOCLINIC-MODEL'], '6 sessions spread over a year: 365 / 6, rounded'),
      target: n(91, ['S1', 'EXOCLINIC-MODEL'], '4 sessions spread over a year: 365 / 4, rounded'),
      max: n(122, ['S1', 'EXOCLINIC-MODEL'], '3 sessions spread over a year: 365 / 3, rounded'),
    },
  },
  maintenance: { intervalDays: S1_MAINTENANCE },
  notes: [
    {
      text: 'For knee osteoarthritis, a meta-analysis of 20 randomised trials found PRP did better than hyaluronic acid on WOMAC and pain scores at 6 and 12 months.',
      sources: ['PRP-KOA-META'],
    },
  ],
  sources: ['S1', 'PRP-KOA-META'],
};

/** The published PRP schedules, by the indication they were published for. */
export const PRP_SCHEDULES: Readonly<Partial<Record<IndicationId, BaseSchedule>>> = {
  'skin-rejuvenation': SKIN,
  'acne-scars': ACNE_SCARS,
  'hair-loss': HAIR,
  joint: JOINT,
};

// Skin indications without a PRP schedule of their own borrow the skin schedule.
const SKIN_FALLBACK: readonly IndicationId[] = [
  'hyperpigmentation',
  'inflammatory-skin',
  'post-procedure',
  'lip-eye',
  'stretch-marks',
];

/** The PRP schedule to compare against for an indication; null where PRP has no schedule (systemic). */
export function prpScheduleFor(indication: IndicationId): PrpSchedule | null {
  const own = PRP_SCHEDULES[indication];
  if (own !== undefined) return { ...own, indication, derivation: null };
  if (SKIN_FALLBACK.includes(indication)) {
    return {
      ...SKIN,
      indication,
      derivation: `No published PRP schedule for ${indication}; the PRP skin schedule is used instead.`,
      sources: [...SKIN.sources, 'EXOCLINIC-MODEL'],
    };
  }
  return null;
}
