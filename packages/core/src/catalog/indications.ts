import type { IndicationId, ModalityId, Range, Sourced, Weeks } from '../types';

export type MilestoneKind = 'first-signs' | 'visible' | 'peak' | 'duration';

/**
 * When a milestone is expected, in weeks. `from` says what the weeks count from: early changes
 * are counted from the first session, the peak and how long results last from the end of the
 * initial series (the sources describe them "after completing a series").
 */
export interface TimelineEntry extends Sourced {
  kind: MilestoneKind;
  weeks: Range<Weeks>;
  from: 'first-session' | 'last-session';
  /** Where another source disagrees, in plain words, with that source's key. */
  note?: { text: string; sources: string[] };
}

export type IndicationFamily = 'skin' | 'hair' | 'joint' | 'systemic';

export interface Indication {
  id: IndicationId;
  name: string;
  family: IndicationFamily;
  summary: string;
  modalities: ModalityId[];
  timeline: TimelineEntry[];
  defaultProtocol: string;
  outcomeInstruments: string[];
  /** Treated only under a physician's supervision. */
  medicalSupervision?: boolean;
  sources: string[];
}

const w = (min: number, max: number) => ({ min: min as Weeks, max: max as Weeks });

// Timelines (DOMAIN §6). Skin: first changes within days to two weeks, visible at 4–6 weeks,
// peak 6–8 weeks (S1; S3 says improvement continues for months), lasting months to a year (S0).
const SKIN_TIMELINE: TimelineEntry[] = [
  { kind: 'first-signs', weeks: w(0.5, 2), from: 'first-session', sources: ['S3', 'S0', 'S1'] },
  { kind: 'visible', weeks: w(4, 6), from: 'first-session', sources: ['S3'] },
  {
    kind: 'peak',
    weeks: w(6, 8),
    from: 'last-session',
    sources: ['S1', 'S0'],
    note: {
      text: 'S3 describes improvement continuing over several months after the series, later than S1’s 6–8 weeks.',
      sources: ['S3', 'S1'],
    },
  },
  { kind: 'duration', weeks: w(13, 52), from: 'last-session', sources: ['S0'] },
];

// Hair: less shedding within a month, density at 3–6 months, peak at 6–9 months (S0; S3 says
// improvement may go on to 12 months), lasting 12–18 months or more (S0).
const HAIR_TIMELINE: TimelineEntry[] = [
  { kind: 'first-signs', weeks: w(2, 4), from: 'first-session', sources: ['S3'] },
  { kind: 'visible', weeks: w(13, 26), from: 'first-session', sources: ['S3'] },
  {
    kind: 'peak',
    weeks: w(26, 39),
    from: 'last-session',
    sources: ['S0'],
    note: {
      text: 'S3 describes improvement continuing up to 12 months, beyond S0’s peak at 6–9 months.',
      sources: ['S3', 'S0'],
    },
  },
  { kind: 'duration', weeks: w(52, 78), from: 'last-session', sources: ['S0'] },
];

// General regenerative timeline of S0: days to weeks, 3–4 months, peak 6–9 months.
const GENERAL_EARLY: TimelineEntry[] = [
  { kind: 'first-signs', weeks: w(0.5, 4), from: 'first-session', sources: ['S0'] },
  { kind: 'visible', weeks: w(13, 17), from: 'first-session', sources: ['S0'] },
  { kind: 'peak', weeks: w(26, 39), from: 'last-session', sources: ['S0'] },
];

const JOINT_TIMELINE: TimelineEntry[] = [
  ...GENERAL_EARLY,
  { kind: 'duration', weeks: w(13, 52), from: 'last-session', sources: ['S0'] },
];

const SYSTEMIC_TIMELINE: TimelineEntry[] = [
  ...GENERAL_EARLY,
  { kind: 'duration', weeks: w(13, 52), from: 'last-session', sources: ['S0'] },
];

const SKIN_MODALITIES: ModalityId[] = [
  'microneedling-topical',
  'laser-topical',
  'radiofrequency-topical',
  'intradermal-injection',
];

export const INDICATIONS: readonly Indication[] = [
  {
    id: 'skin-rejuvenation',
    name: 'Skin rejuvenation',
    family: 'skin',
    summary: 'Fine lines, texture, tone, elasticity, hydration and radiance.',
    modalities: SKIN_MODALITIES,
    timeline: SKIN_TIMELINE,
    defaultProtocol: 'skin-rejuvenation/default',
    outcomeInstruments: ['gais-clinician', 'gais-patient', 'face-q', 'glogau'],
    sources: ['S3', 'S1', 'S4', 'S2'],
  },
  {
    id: 'acne-scars',
    name: 'Acne scars and other scars',
    family: 'skin',
    summary: 'Remodelling of acne, surgical and other scars.',
    modalities: SKIN_MODALITIES,
    timeline: SKIN_TIMELINE,
    defaultProtocol: 'acne-scars/default',
    outcomeInstruments: ['goodman-baron', 'ecca', 'gais-clinician', 'gais-patient'],
    sources: ['S3', 'S4'],
  },
  {
    id: 'hyperpigmentation',
    name: 'Hyperpigmentation and sun damage',
    family: 'skin',
    summary: 'Dark spots, uneven tone and sun damage.',
    modalities: SKIN_MODALITIES,
    timeline: SKIN_TIMELINE,
    defaultProtocol: 'hyperpigmentation/default',
    outcomeInstruments: ['masi', 'mmasi', 'gais-clinician', 'gais-patient'],
    sources: ['S3'],
  },
  {
    id: 'hair-loss',
    name: 'Hair loss',
    family: 'hair',
    summary: 'Androgenetic alopecia and other thinning of the scalp hair.',
    modalities: ['scalp-injection', 'microneedling-topical'],
    timeline: HAIR_TIMELINE,
    defaultProtocol: 'hair-loss/default',
    outcomeInstruments: [
      'hair-density',
      'hair-shaft-diameter',
      'norwood-hamilton',
      'ludwig',
      'sinclair',
      'gais-patient',
    ],
    sources: ['S1', 'S2', 'S3'],
  },
  {
    id: 'inflammatory-skin',
    name: 'Inflammatory skin conditions',
    family: 'skin',
    summary: 'Rosacea, eczema and psoriasis, treated only under medical supervision.',
    modalities: ['microneedling-topical', 'radiofrequency-topical', 'laser-topical'],
    timeline: SKIN_TIMELINE,
    defaultProtocol: 'inflammatory-skin/default',
    outcomeInstruments: ['gais-clinician', 'gais-patient'],
    medicalSupervision: true,
    sources: ['S3', 'S4'],
  },
  {
    id: 'post-procedure',
    name: 'Healing after a procedure',
    family: 'skin',
    summary: 'Recovery after microneedling, laser or chemical peels.',
    modalities: ['microneedling-topical', 'laser-topical', 'radiofrequency-topical'],
    timeline: SKIN_TIMELINE,
    defaultProtocol: 'post-procedure/default',
    outcomeInstruments: ['gais-clinician', 'gais-patient'],
    sources: ['S3'],
  },
  {
    id: 'lip-eye',
    name: 'Lips and under-eye area',
    family: 'skin',
    summary: 'Lip texture and hydration; dark circles, puffiness and fine lines under the eyes.',
    modalities: ['microneedling-topical', 'intradermal-injection', 'radiofrequency-topical'],
    timeline: SKIN_TIMELINE,
    defaultProtocol: 'lip-eye/default',
    outcomeInstruments: ['gais-clinician', 'gais-patient', 'face-q'],
    sources: ['S3'],
  },
  {
    id: 'stretch-marks',
    name: 'Stretch marks',
    family: 'skin',
    summary: 'Appearance of stretch marks.',
    modalities: ['microneedling-topical', 'laser-topical', 'radiofrequency-topical'],
    timeline: SKIN_TIMELINE,
    defaultProtocol: 'stretch-marks/default',
    outcomeInstruments: ['gais-clinician', 'gais-patient'],
    sources: ['S3'],
  },
  {
    id: 'joint',
    name: 'Joint and tendon pain',
    family: 'joint',
    summary: 'Osteoarthritis, tendinitis and joint pain.',
    modalities: ['intra-articular-injection'],
    timeline: JOINT_TIMELINE,
    defaultProtocol: 'joint/default',
    outcomeInstruments: [
      'vas-pain',
      'womac-pain',
      'womac-stiffness',
      'womac-function',
      'koos-pain',
      'koos-adl',
    ],
    sources: ['S1', 'S0', 'S3'],
  },
  {
    id: 'systemic',
    name: 'Systemic and wellness treatment',
    family: 'systemic',
    summary: 'Intravenous treatment for systemic aims and age management.',
    modalities: ['iv-infusion'],
    timeline: SYSTEMIC_TIMELINE,
    defaultProtocol: 'systemic/default',
    outcomeInstruments: ['gais-patient'],
    sources: ['S3', 'S0'],
  },
];

const byId = new Map(INDICATIONS.map((x) => [x.id, x]));

export function findIndication(id: IndicationId): Indication | undefined {
  return byId.get(id);
}
