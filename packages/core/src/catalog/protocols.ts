import type { Days, IndicationId, ModalityId, Range, Sourced } from '../types';
import { INDICATIONS } from './indications';

export type ProtocolKind = 'source' | 'study' | 'default' | 'clinic';

export interface ProtocolSessionCount extends Sourced {
  /** Fewest sessions the protocol allows (only reached for mild concerns where the source says so). */
  min: number;
  max: number;
  /** The range the source gives for a typical patient. */
  usual: Range;
  note?: string;
}

export interface IntervalWindow extends Sourced {
  min: Days;
  target: Days;
  max: Days;
}

export interface StudyEvidence extends Sourced {
  design: string;
  participants: number;
  outcome: string;
}

export interface ProtocolFollowUp extends Sourced {
  label: string;
  daysAfterLastSession: Days;
}

export interface Protocol extends Sourced {
  /** `<indication>/<sourceKey>`, `<indication>/default`, or a clinic's own id. */
  id: string;
  indication: IndicationId;
  kind: ProtocolKind;
  title: string;
  version: number;
  /** Modalities the protocol was described with; empty means any modality of the indication. */
  modalities: ModalityId[];
  /** Null where the source gives no initial series (maintenance-only or unstated study schedule). */
  initialSeries: { sessions: ProtocolSessionCount; intervalDays: IntervalWindow } | null;
  maintenance: { intervalDays: IntervalWindow; note?: string } | null;
  followUps?: ProtocolFollowUp[];
  evidence?: StudyEvidence;
  /** For defaults: how the numbers were derived from the sources. */
  derivation?: string;
  /** Where sources disagree with this protocol, in plain words. */
  conflicts?: string[];
  note?: string;
}

const d = (n: number) => n as Days;
const win = (min: number, target: number, max: number, sources: string[]): IntervalWindow => ({
  min: d(min),
  target: d(target),
  max: d(max),
  sources,
});
const count = (
  min: number,
  max: number,
  usual: Range,
  sources: string[],
  note?: string,
): ProtocolSessionCount => ({
  min,
  max,
  usual,
  sources,
  ...(note ? { note } : {}),
});

// Months are written as days: 6 months = 183, 12 = 365, 18 = 548; weeks × 7.
const MAINTENANCE_6_12 = (sources: string[]) => win(183, 274, 365, sources);

/** S3's aesthetic protocol (three to four sessions, four to six weeks apart), per skin indication. */
function s3Aesthetic(indication: IndicationId, title: string): Protocol {
  return {
    id: `${indication}/S3`,
    indication,
    kind: 'source',
    title,
    version: 1,
    modalities: [],
    initialSeries: {
      sessions: count(3, 4, { min: 3, max: 4 }, ['S3']),
      intervalDays: win(28, 35, 42, ['S3']),
    },
    maintenance: { intervalDays: MAINTENANCE_6_12(['S3']) },
    sources: ['S3'],
  };
}

/** The default for the skin indications S3 covers only through its general aesthetic protocol. */
function skinDefault(indication: IndicationId, extra: Partial<Protocol> = {}): Protocol {
  return {
    id: `${indication}/default`,
    indication,
    kind: 'default',
    title: 'Exoclinic default',
    version: 1,
    modalities: [],
    initialSeries: {
      sessions: count(3, 4, { min: 3, max: 4 }, ['S3']),
      intervalDays: win(28, 35, 42, ['S3']),
    },
    maintenance: { intervalDays: MAINTENANCE_6_12(['S3', 'S4']) },
    derivation:
      'The sources give no protocol for this indication on its own; S3 gives one for aesthetic skin treatments in general (3–4 sessions, 4–6 weeks apart, maintenance every 6–12 months), which S4 matches for maintenance. The default takes it as it is.',
    sources: ['S3', 'S4', 'EXOCLINIC-MODEL'],
    ...extra,
  };
}

export const PROTOCOLS: readonly Protocol[] = [
  // --- Skin rejuvenation -------------------------------------------------------------------
  {
    id: 'skin-rejuvenation/S1',
    indication: 'skin-rejuvenation',
    kind: 'source',
    title: 'Series of 3–5, two to four weeks apart',
    version: 1,
    modalities: ['microneedling-topical'],
    initialSeries: {
      sessions: count(1, 5, { min: 3, max: 5 }, ['S1'], 'A single session may be enough for mild concerns.'),
      intervalDays: win(14, 21, 28, ['S1']),
    },
    maintenance: { intervalDays: win(183, 274, 365, ['S1']), note: 'Once or twice a year.' },
    sources: ['S1'],
  },
  s3Aesthetic('skin-rejuvenation', 'Series of 3–4, four to six weeks apart'),
  {
    id: 'skin-rejuvenation/S4',
    indication: 'skin-rejuvenation',
    kind: 'source',
    title: 'Maintenance every 6–12 months (no initial series given)',
    version: 1,
    modalities: [],
    initialSeries: null,
    maintenance: { intervalDays: MAINTENANCE_6_12(['S4']) },
    note: 'S4 gives only the maintenance interval; plan the initial series with another protocol.',
    sources: ['S4'],
  },
  {
    id: 'skin-rejuvenation/PARK-2023',
    indication: 'skin-rejuvenation',
    kind: 'study',
    title: 'Study protocol: 3 microneedling sessions 3 weeks apart',
    version: 1,
    modalities: ['microneedling-topical'],
    initialSeries: {
      sessions: count(3, 3, { min: 3, max: 3 }, ['PARK-2023']),
      intervalDays: win(21, 21, 21, ['PARK-2023']),
    },
    maintenance: null,
    followUps: [{ label: 'Study follow-up', daysAfterLastSession: d(42), sources: ['PARK-2023'] }],
    evidence: {
      design: 'split-face study',
      participants: 28,
      outcome: 'Better GAIS on the exosome side (p=0.005).',
      sources: ['PARK-2023'],
    },
    sources: ['PARK-2023'],
  },
  {
    id: 'skin-rejuvenation/LIANG-2022',
    indication: 'skin-rejuvenation',
    kind: 'study',
    title: 'Study protocol: 5 microneedling sessions 2 weeks apart',
    version: 1,
    modalities: ['microneedling-topical'],
    initialSeries: {
      sessions: count(5, 5, { min: 5, max: 5 }, ['LIANG-2022']),
      intervalDays: win(14, 14, 14, ['LIANG-2022']),
    },
    maintenance: null,
    evidence: {
      design: 'split-face study, umbilical-cord MSC conditioned medium',
      participants: 30,
      outcome: 'Better brightness and texture on the treated side.',
      sources: ['LIANG-2022'],
    },
    sources: ['LIANG-2022'],
  },
  {
    id: 'skin-rejuvenation/default',
    indication: 'skin-rejuvenation',
    kind: 'default',
    title: 'Exoclinic default',
    version: 1,
    modalities: [],
    initialSeries: {
      sessions: count(
        1,
        4,
        { min: 3, max: 4 },
        ['S1', 'S3'],
        'A single session only for mild concerns (S1).',
      ),
      intervalDays: win(14, 28, 42, ['S1', 'S3']),
    },
    maintenance: { intervalDays: MAINTENANCE_6_12(['S1', 'S3', 'S4']) },
    derivation:
      'Sessions: 3–4, where S1 (3–5) and S3 (3–4) overlap, with S1’s single session for mild concerns. Interval: S1 says 2–4 weeks and S3 4–6 weeks; the default allows the whole span (14–42 days) and aims at 4 weeks, where they meet. Maintenance: every 6–12 months, on which S1, S3 and S4 agree.',
    conflicts: ['S1 spaces sessions 2–4 weeks apart; S3 spaces them 4–6 weeks apart.'],
    sources: ['S1', 'S3', 'S4', 'EXOCLINIC-MODEL'],
  },

  // --- Acne scars ----------------------------------------------------------------------------
  s3Aesthetic('acne-scars', 'S3 aesthetic protocol: 3–4 sessions, four to six weeks apart'),
  {
    id: 'acne-scars/KWON-2020',
    indication: 'acne-scars',
    kind: 'study',
    title: 'Study protocol: 3 fractional CO2 laser sessions over 12 weeks with exosome gel',
    version: 1,
    modalities: ['laser-topical'],
    initialSeries: {
      sessions: count(3, 3, { min: 3, max: 3 }, ['KWON-2020']),
      // Three sessions over twelve weeks: four-weekly, with the final assessment at week 12.
      intervalDays: win(28, 28, 42, ['KWON-2020', 'EXOCLINIC-MODEL']),
    },
    maintenance: null,
    followUps: [{ label: 'Study assessment (week 12)', daysAfterLastSession: d(28), sources: ['KWON-2020'] }],
    evidence: {
      design: 'split-face randomised controlled trial',
      participants: 25,
      outcome: 'ECCA score fell 32.5% on the exosome side versus 19.9% on the control side.',
      sources: ['KWON-2020'],
    },
    sources: ['KWON-2020'],
  },
  skinDefault('acne-scars', {
    derivation:
      'S3’s aesthetic protocol (3–4 sessions, 4–6 weeks apart, maintenance every 6–12 months); the only controlled study (KWON-2020) used 3 sessions over 12 weeks, inside that range.',
    sources: ['S3', 'S4', 'KWON-2020', 'EXOCLINIC-MODEL'],
  }),

  // --- Other skin indications ---------------------------------------------------------------
  s3Aesthetic('hyperpigmentation', 'S3 aesthetic protocol: 3–4 sessions, four to six weeks apart'),
  skinDefault('hyperpigmentation'),
  s3Aesthetic('inflammatory-skin', 'S3 aesthetic protocol: 3–4 sessions, four to six weeks apart'),
  skinDefault('inflammatory-skin', {
    note: 'Only under medical supervision (S4).',
  }),
  s3Aesthetic('post-procedure', 'S3 aesthetic protocol: 3–4 sessions, four to six weeks apart'),
  skinDefault('post-procedure', {
    note: 'Sessions usually follow the schedule of the procedure they support (microneedling, laser, peel).',
  }),
  s3Aesthetic('lip-eye', 'S3 aesthetic protocol: 3–4 sessions, four to six weeks apart'),
  skinDefault('lip-eye'),
  s3Aesthetic('stretch-marks', 'S3 aesthetic protocol: 3–4 sessions, four to six weeks apart'),
  skinDefault('stretch-marks'),

  // --- Hair ---------------------------------------------------------------------------------
  {
    id: 'hair-loss/S1',
    indication: 'hair-loss',
    kind: 'source',
    title: '1–3 treatments over 12–18 months, 6–12 months apart',
    version: 1,
    modalities: ['scalp-injection'],
    initialSeries: {
      sessions: count(1, 3, { min: 1, max: 3 }, ['S1'], 'For mild to moderate hair loss.'),
      intervalDays: win(183, 274, 365, ['S1']),
    },
    maintenance: { intervalDays: win(365, 456, 548, ['S1']), note: 'Every 12–18 months.' },
    sources: ['S1'],
  },
  {
    id: 'hair-loss/S3',
    indication: 'hair-loss',
    kind: 'source',
    title: 'Series of 3–6, four to six weeks apart',
    version: 1,
    modalities: [],
    initialSeries: {
      sessions: count(3, 6, { min: 3, max: 6 }, ['S3']),
      intervalDays: win(28, 35, 42, ['S3']),
    },
    maintenance: { intervalDays: MAINTENANCE_6_12(['S3']) },
    sources: ['S3'],
  },
  {
    id: 'hair-loss/APS-2024',
    indication: 'hair-loss',
    kind: 'study',
    title: 'Study: scalp injections in men with androgenetic alopecia (schedule not stated)',
    version: 1,
    modalities: ['scalp-injection'],
    initialSeries: null,
    maintenance: null,
    evidence: {
      design: 'uncontrolled study, men with Norwood III–VI',
      participants: 30,
      outcome: 'Hair density higher at weeks 4 and 12.',
      sources: ['APS-2024'],
    },
    note: 'The study’s session schedule is not recorded here, so it cannot be booked as it is.',
    sources: ['APS-2024'],
  },
  {
    id: 'hair-loss/default',
    indication: 'hair-loss',
    kind: 'default',
    title: 'Exoclinic default',
    version: 1,
    modalities: [],
    initialSeries: {
      sessions: count(3, 6, { min: 3, max: 6 }, ['S3']),
      intervalDays: win(28, 35, 42, ['S3']),
    },
    maintenance: { intervalDays: win(183, 365, 548, ['S3', 'S1']) },
    derivation:
      'Initial series from S3 (3–6 sessions, 4–6 weeks apart), the schedule clinics book as a series. Maintenance spans S3’s 6–12 months and S1’s 12–18 months, aiming at 12 months where they meet.',
    conflicts: [
      'S1 describes only 1–3 treatments spaced 6–12 months apart, with maintenance every 12–18 months; S3 describes 3–6 sessions 4–6 weeks apart with maintenance every 6–12 months.',
    ],
    sources: ['S1', 'S3', 'EXOCLINIC-MODEL'],
  },

  // --- Joints -------------------------------------------------------------------------------
  {
    id: 'joint/S1',
    indication: 'joint',
    kind: 'source',
    title: 'A series of injections two to four weeks apart',
    version: 1,
    modalities: ['intra-articular-injection'],
    initialSeries: {
      sessions: count(
        3,
        5,
        { min: 3, max: 5 },
        ['S1'],
        'S1 gives no count for joints; 3–5 is its general initial phase.',
      ),
      intervalDays: win(14, 21, 28, ['S1']),
    },
    maintenance: null,
    note: 'S1 mentions follow-ups without an interval; a medical evaluation decides the number of sessions.',
    sources: ['S1'],
  },
  {
    id: 'joint/KNEE-CM',
    indication: 'joint',
    kind: 'study',
    title: 'Study protocol: 5 weekly intra-articular injections (knee OA, KL 2–3)',
    version: 1,
    modalities: ['intra-articular-injection'],
    initialSeries: {
      sessions: count(5, 5, { min: 5, max: 5 }, ['KNEE-CM']),
      intervalDays: win(7, 7, 7, ['KNEE-CM']),
    },
    maintenance: null,
    followUps: [
      { label: 'Study follow-up (2 months)', daysAfterLastSession: d(61), sources: ['KNEE-CM'] },
      { label: 'Study follow-up (4 months)', daysAfterLastSession: d(122), sources: ['KNEE-CM'] },
      { label: 'Study follow-up (6 months)', daysAfterLastSession: d(183), sources: ['KNEE-CM'] },
    ],
    evidence: {
      design: 'uncontrolled study with conditioned medium',
      participants: 10,
      outcome: 'KOOS and WOMAC improved.',
      sources: ['KNEE-CM'],
    },
    sources: ['KNEE-CM'],
  },
  {
    id: 'joint/default',
    indication: 'joint',
    kind: 'default',
    title: 'Exoclinic default',
    version: 1,
    modalities: [],
    initialSeries: {
      sessions: count(3, 5, { min: 3, max: 5 }, ['S1']),
      intervalDays: win(14, 21, 28, ['S1']),
    },
    maintenance: { intervalDays: MAINTENANCE_6_12(['S0', 'EXOCLINIC-MODEL']) },
    derivation:
      'Series and spacing from S1 (3–5 sessions, 2–4 weeks apart). No source gives a maintenance interval for joints; S0 says joint benefit lasts several months to a year, so the default reviews for a booster every 6–12 months.',
    sources: ['S1', 'S0', 'EXOCLINIC-MODEL'],
  },

  // --- Systemic -----------------------------------------------------------------------------
  {
    id: 'systemic/S0',
    indication: 'systemic',
    kind: 'source',
    title: '3–5 infusions spaced weeks apart',
    version: 1,
    modalities: ['iv-infusion'],
    initialSeries: {
      sessions: count(3, 5, { min: 3, max: 5 }, ['S0']),
      // "Weeks apart" has no figure: two to six weeks is Exoclinic's reading of it.
      intervalDays: win(14, 21, 42, ['S0', 'EXOCLINIC-MODEL']),
    },
    maintenance: null,
    note: 'S0 mentions occasional follow-up sessions for chronic conditions without an interval.',
    sources: ['S0'],
  },
  {
    id: 'systemic/default',
    indication: 'systemic',
    kind: 'default',
    title: 'Exoclinic default',
    version: 1,
    modalities: [],
    initialSeries: {
      sessions: count(3, 5, { min: 3, max: 5 }, ['S0']),
      intervalDays: win(14, 28, 42, ['S0', 'EXOCLINIC-MODEL']),
    },
    maintenance: { intervalDays: MAINTENANCE_6_12(['S0', 'EXOCLINIC-MODEL']) },
    derivation:
      'S0’s 3–5 infusions; “weeks apart” read as 2–6 weeks, aiming at 4. S0 says benefits last months to a year, so boosters are reviewed every 6–12 months.',
    sources: ['S0', 'EXOCLINIC-MODEL'],
  },
];

const byId = new Map(PROTOCOLS.map((p) => [p.id, p]));

export function findProtocol(id: string, extra: readonly Protocol[] = []): Protocol | undefined {
  return extra.find((p) => p.id === id) ?? byId.get(id);
}

export function protocolsFor(indication: IndicationId, extra: readonly Protocol[] = []): Protocol[] {
  return [...PROTOCOLS, ...extra].filter((p) => p.indication === indication);
}

/** Every indication's default protocol id must exist: checked by the catalog tests. */
export function defaultProtocolFor(indication: IndicationId): Protocol {
  const ind = INDICATIONS.find((i) => i.id === indication);
  const p = ind && byId.get(ind.defaultProtocol);
  if (!p) throw new Error(`no default protocol for ${indication}`);
  return p;
}
