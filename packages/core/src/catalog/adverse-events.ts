import type { Sourced } from '../types';

export interface AdverseEventType extends Sourced {
  id: string;
  name: string;
  frequency: 'common' | 'less-common' | 'rare';
  /** How long it usually lasts, in hours; null when any occurrence needs action (never "expected"). */
  expectedHours: { min: number; max: number } | null;
  /** For delayed reactions: when they appear after treatment, in days. */
  onsetDays?: { min: number; max: number };
  /** Always worth an immediate clinician review. */
  urgent?: boolean;
}

const h = (min: number, max: number) => ({ min, max });
const DAY = 24;

// DOMAIN §8 (S3, S4, S2) and §15 (microneedling and exosome-specific reports).
export const ADVERSE_EVENT_TYPES: readonly AdverseEventType[] = [
  {
    id: 'pain',
    name: 'Pain or discomfort at the site',
    frequency: 'common',
    expectedHours: h(1, 3 * DAY),
    sources: ['S3'],
  },
  {
    id: 'redness',
    name: 'Redness',
    frequency: 'common',
    expectedHours: h(1, 3 * DAY),
    sources: ['S3', 'S4', 'MN-SAFETY'],
  },
  {
    id: 'swelling',
    name: 'Swelling',
    frequency: 'common',
    expectedHours: h(1, 3 * DAY),
    sources: ['S3', 'S4', 'MN-SAFETY'],
  },
  {
    id: 'bruising',
    name: 'Bruising',
    frequency: 'common',
    expectedHours: h(DAY, 7 * DAY),
    sources: ['S3', 'S4', 'MN-SAFETY'],
  },
  {
    id: 'needle-marks',
    name: 'Needle marks',
    frequency: 'common',
    expectedHours: h(DAY, 3 * DAY),
    sources: ['S3'],
  },
  {
    id: 'tenderness',
    name: 'Tenderness',
    frequency: 'common',
    expectedHours: h(1, 2 * DAY),
    sources: ['S4'],
  },
  {
    id: 'itching-tingling',
    name: 'Itching or tingling',
    frequency: 'common',
    expectedHours: h(1, 2 * DAY),
    sources: ['S3', 'S4'],
  },
  {
    id: 'dryness',
    name: 'Dryness',
    frequency: 'common',
    expectedHours: h(DAY, 7 * DAY),
    sources: ['MN-SAFETY'],
  },
  {
    id: 'dermatitis',
    name: 'Irritant dermatitis',
    frequency: 'less-common',
    expectedHours: h(DAY, 7 * DAY),
    sources: ['MN-SAFETY'],
  },
  {
    id: 'flu-like',
    name: 'Flu-like symptoms (fatigue, low fever, aches)',
    frequency: 'less-common',
    expectedHours: h(6, 3 * DAY),
    sources: ['S3'],
  },
  {
    id: 'nodules',
    name: 'Nodules or lumps',
    frequency: 'less-common',
    expectedHours: h(3 * DAY, 28 * DAY),
    sources: ['S3'],
  },
  {
    id: 'pih',
    name: 'Post-inflammatory hyperpigmentation',
    frequency: 'less-common',
    expectedHours: h(14 * DAY, 90 * DAY),
    sources: ['MN-SAFETY'],
  },
  {
    id: 'allergic-reaction',
    name: 'Allergic reaction',
    frequency: 'rare',
    expectedHours: h(1, 3 * DAY),
    urgent: true,
    sources: ['S3', 'S4'],
  },
  {
    id: 'infection',
    name: 'Infection at the site',
    frequency: 'rare',
    expectedHours: null,
    urgent: true,
    sources: ['S3', 'S4'],
  },
  {
    id: 'tram-track-scarring',
    name: 'Tram-track scarring',
    frequency: 'rare',
    expectedHours: null,
    sources: ['MN-SAFETY'],
  },
  {
    id: 'delayed-granuloma',
    name: 'Delayed granuloma',
    frequency: 'rare',
    expectedHours: null,
    onsetDays: { min: 14, max: 90 },
    urgent: true,
    sources: ['EXO-AE-REPORTS'],
  },
  {
    id: 'necrosis-vasculitis',
    name: 'Skin necrosis with vasculitis',
    frequency: 'rare',
    expectedHours: null,
    urgent: true,
    sources: ['EXO-AE-REPORTS'],
  },
  {
    id: 'sepsis',
    name: 'Sepsis',
    frequency: 'rare',
    expectedHours: null,
    urgent: true,
    sources: ['EXO-AE-REPORTS', 'FDA-WL-2020'],
  },
];

export const CTCAE_GRADES = [
  { grade: 1, name: 'Mild', meaning: 'No intervention needed.' },
  { grade: 2, name: 'Moderate', meaning: 'Local or non-invasive intervention.' },
  { grade: 3, name: 'Severe', meaning: 'Hospitalisation or medically significant.' },
  { grade: 4, name: 'Life-threatening', meaning: 'Urgent intervention needed.' },
  { grade: 5, name: 'Death', meaning: 'Death related to the event.' },
] as const;

const byId = new Map(ADVERSE_EVENT_TYPES.map((t) => [t.id, t]));

export function findAdverseEventType(id: string): AdverseEventType | undefined {
  return byId.get(id);
}
