import type { Sourced } from '../types';

export interface OutcomeInstrument extends Sourced {
  id: string;
  name: string;
  /** Valid values; `max: null` means open-ended (a measurement, not a scale). */
  range: { min: number; max: number | null };
  unit?: string;
  /** Whether a higher score means a better state. */
  direction: 'higher-better' | 'lower-better';
  /** Minimal clinically important difference, where one is known. */
  mcid?: { min: number; max: number } & Sourced;
  /** Whole numbers only (grades, categories). */
  integer: boolean;
  rater: 'clinician' | 'patient' | 'measurement';
  /** Rated against the baseline by its nature (GAIS): no change-from-baseline arithmetic. */
  comparative?: boolean;
  licence?: string;
  unconfirmed?: boolean;
}

// DOMAIN §14. Open-ended measurements have no upper bound in the sources.
export const OUTCOME_INSTRUMENTS: readonly OutcomeInstrument[] = [
  {
    id: 'gais-clinician',
    name: 'GAIS (clinician)',
    range: { min: 1, max: 5 },
    direction: 'lower-better',
    integer: true,
    rater: 'clinician',
    comparative: true,
    sources: ['GAIS'],
  },
  {
    id: 'gais-patient',
    name: 'GAIS (patient)',
    range: { min: 1, max: 5 },
    direction: 'lower-better',
    integer: true,
    rater: 'patient',
    comparative: true,
    sources: ['GAIS'],
  },
  {
    id: 'face-q',
    name: 'FACE-Q scale (Rasch)',
    range: { min: 0, max: 100 },
    direction: 'higher-better',
    integer: true,
    rater: 'patient',
    licence: 'Licence needed for commercial use.',
    sources: ['FACE-Q'],
  },
  {
    id: 'goodman-baron',
    name: 'Goodman & Baron qualitative grade',
    range: { min: 1, max: 4 },
    direction: 'lower-better',
    integer: true,
    rater: 'clinician',
    sources: ['GOODMAN-BARON'],
  },
  {
    id: 'ecca',
    name: 'ECCA acne scar score',
    range: { min: 0, max: 540 },
    direction: 'lower-better',
    integer: true,
    rater: 'clinician',
    unconfirmed: true,
    sources: ['ECCA'],
  },
  {
    id: 'masi',
    name: 'MASI',
    range: { min: 0, max: 48 },
    direction: 'lower-better',
    integer: false,
    rater: 'clinician',
    sources: ['MASI'],
  },
  {
    id: 'mmasi',
    name: 'Modified MASI',
    range: { min: 0, max: 24 },
    direction: 'lower-better',
    integer: false,
    rater: 'clinician',
    sources: ['MASI'],
  },
  {
    id: 'hair-density',
    name: 'Hair density (phototrichogram)',
    range: { min: 0, max: null },
    unit: 'hairs/cm²',
    direction: 'higher-better',
    integer: false,
    rater: 'measurement',
    sources: ['HAIR-METRICS'],
  },
  {
    id: 'hair-shaft-diameter',
    name: 'Hair shaft diameter',
    range: { min: 0, max: null },
    unit: 'µm',
    direction: 'higher-better',
    integer: false,
    rater: 'measurement',
    sources: ['HAIR-METRICS'],
  },
  {
    id: 'norwood-hamilton',
    name: 'Norwood-Hamilton stage',
    range: { min: 1, max: 7 },
    direction: 'lower-better',
    integer: true,
    rater: 'clinician',
    sources: ['HAIR-METRICS'],
  },
  {
    id: 'ludwig',
    name: 'Ludwig grade',
    range: { min: 1, max: 3 },
    direction: 'lower-better',
    integer: true,
    rater: 'clinician',
    sources: ['HAIR-METRICS'],
  },
  {
    id: 'sinclair',
    name: 'Sinclair scale',
    range: { min: 1, max: 5 },
    direction: 'lower-better',
    integer: true,
    rater: 'clinician',
    sources: ['HAIR-METRICS'],
  },
  {
    id: 'vas-pain',
    name: 'VAS pain',
    range: { min: 0, max: 100 },
    unit: 'mm',
    direction: 'lower-better',
    integer: false,
    rater: 'patient',
    mcid: { min: 10, max: 20, sources: ['VAS-PAIN'] },
    sources: ['VAS-PAIN'],
  },
  {
    id: 'womac-total',
    name: 'WOMAC total',
    range: { min: 0, max: 96 },
    direction: 'lower-better',
    integer: true,
    rater: 'patient',
    licence: 'Licensed instrument.',
    sources: ['WOMAC'],
  },
  {
    id: 'womac-pain',
    name: 'WOMAC pain',
    range: { min: 0, max: 20 },
    direction: 'lower-better',
    integer: true,
    rater: 'patient',
    licence: 'Licensed instrument.',
    sources: ['WOMAC'],
  },
  {
    id: 'womac-stiffness',
    name: 'WOMAC stiffness',
    range: { min: 0, max: 8 },
    direction: 'lower-better',
    integer: true,
    rater: 'patient',
    licence: 'Licensed instrument.',
    sources: ['WOMAC'],
  },
  {
    id: 'womac-function',
    name: 'WOMAC function',
    range: { min: 0, max: 68 },
    direction: 'lower-better',
    integer: true,
    rater: 'patient',
    licence: 'Licensed instrument.',
    sources: ['WOMAC'],
  },
  {
    id: 'koos-pain',
    name: 'KOOS pain',
    range: { min: 0, max: 100 },
    direction: 'higher-better',
    integer: false,
    rater: 'patient',
    sources: ['KOOS'],
  },
  {
    id: 'koos-symptoms',
    name: 'KOOS symptoms',
    range: { min: 0, max: 100 },
    direction: 'higher-better',
    integer: false,
    rater: 'patient',
    sources: ['KOOS'],
  },
  {
    id: 'koos-adl',
    name: 'KOOS daily living',
    range: { min: 0, max: 100 },
    direction: 'higher-better',
    integer: false,
    rater: 'patient',
    sources: ['KOOS'],
  },
  {
    id: 'koos-sport',
    name: 'KOOS sport and recreation',
    range: { min: 0, max: 100 },
    direction: 'higher-better',
    integer: false,
    rater: 'patient',
    sources: ['KOOS'],
  },
  {
    id: 'koos-qol',
    name: 'KOOS quality of life',
    range: { min: 0, max: 100 },
    direction: 'higher-better',
    integer: false,
    rater: 'patient',
    sources: ['KOOS'],
  },
  {
    id: 'glogau',
    name: 'Glogau photoaging type',
    range: { min: 1, max: 4 },
    direction: 'lower-better',
    integer: true,
    rater: 'clinician',
    sources: ['GLOGAU'],
  },
];

const byId = new Map(OUTCOME_INSTRUMENTS.map((i) => [i.id, i]));

export function findInstrument(id: string): OutcomeInstrument | undefined {
  return byId.get(id);
}
