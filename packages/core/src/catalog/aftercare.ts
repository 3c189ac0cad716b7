import type { ModalityId, Sourced } from '../types';

export type AftercarePhase = 'immediately' | 'first-72-hours' | 'skincare-window' | 'long-term' | 'habits';

export interface AftercareStep extends Sourced {
  id: string;
  phase: AftercarePhase;
  text: string;
}

/** When each phase applies, in hours after the session; `to: null` means open-ended. */
export const AFTERCARE_PHASES: readonly {
  phase: AftercarePhase;
  label: string;
  fromHours: number;
  toHours: number | null;
}[] = [
  { phase: 'immediately', label: 'Right after the session', fromHours: 0, toHours: 24 },
  { phase: 'first-72-hours', label: 'First 24–72 hours', fromHours: 0, toHours: 72 },
  // S4 leaves the length to the provider; 7 days is the clinic-adjustable default.
  {
    phase: 'skincare-window',
    label: 'Skincare window (as your clinic sets; 7 days by default)',
    fromHours: 0,
    toHours: 7 * 24,
  },
  { phase: 'long-term', label: 'Long term', fromHours: 0, toHours: null },
  { phase: 'habits', label: 'Habits that help', fromHours: 0, toHours: null },
];

// DOMAIN §9 (S4, S2), in the project's own words.
const SKIN_STEPS: AftercareStep[] = [
  {
    id: 'no-touch',
    phase: 'immediately',
    text: 'Leave the treated skin alone: do not touch or rub it.',
    sources: ['S4'],
  },
  { id: 'keep-clean', phase: 'immediately', text: 'Keep the area clean.', sources: ['S4'] },
  {
    id: 'cold-compress',
    phase: 'immediately',
    text: 'A cold compress can ease swelling, if your practitioner advised one.',
    sources: ['S4'],
  },
  {
    id: 'no-exercise-heat',
    phase: 'first-72-hours',
    text: 'Skip hard exercise, saunas, steam rooms and other strong heat.',
    sources: ['S4'],
  },
  {
    id: 'no-sun',
    phase: 'first-72-hours',
    text: 'Stay out of direct sun; outdoors, wear a broad-spectrum SPF 30 or higher.',
    sources: ['S4'],
  },
  {
    id: 'gentle-products',
    phase: 'skincare-window',
    text: 'Use only a gentle cleanser and moisturiser.',
    sources: ['S4'],
  },
  {
    id: 'no-actives',
    phase: 'skincare-window',
    text: 'Pause exfoliants, retinoids and other irritating actives until your clinic says you may restart.',
    sources: ['S4'],
  },
  {
    id: 'daily-spf',
    phase: 'long-term',
    text: 'Keep a daily skincare routine with sun protection every day.',
    sources: ['S4'],
  },
  {
    id: 'follow-ups',
    phase: 'long-term',
    text: 'Come back for the follow-up visits in your plan; maintenance is usually reviewed every 6–12 months.',
    sources: ['S4'],
  },
  {
    id: 'habits',
    phase: 'habits',
    text: 'Drink enough water, eat a balanced diet, do not smoke, sleep well and manage stress.',
    sources: ['S2', 'S4'],
  },
];

const SCALP_STEPS: AftercareStep[] = [
  {
    id: 'no-touch',
    phase: 'immediately',
    text: 'Leave the treated scalp alone: do not touch or rub it.',
    sources: ['S4'],
  },
  { id: 'keep-clean', phase: 'immediately', text: 'Keep the injection sites clean.', sources: ['S4'] },
  {
    id: 'no-exercise-heat',
    phase: 'first-72-hours',
    text: 'Skip hard exercise, saunas, steam rooms and other strong heat.',
    sources: ['S4'],
  },
  {
    id: 'no-sun',
    phase: 'first-72-hours',
    text: 'Keep the scalp out of direct sun; cover it outdoors.',
    sources: ['S4'],
  },
  {
    id: 'follow-ups',
    phase: 'long-term',
    text: 'Come back for the follow-up visits in your plan; hair maintenance is reviewed as your plan sets.',
    sources: ['S1', 'S3'],
  },
  {
    id: 'scalp-massage',
    phase: 'habits',
    text: 'Gentle scalp massage and the scalp care your clinic suggests can support circulation.',
    sources: ['S2'],
  },
  {
    id: 'habits',
    phase: 'habits',
    text: 'Drink enough water, eat a balanced diet, do not smoke, sleep well and manage stress.',
    sources: ['S2', 'S4'],
  },
];

// The sources give no aftercare for joint injections or infusions beyond keeping the site
// clean and knowing the warning signs (S3's side effects); nothing more is claimed.
const INJECTION_SITE_STEPS: AftercareStep[] = [
  {
    id: 'keep-clean',
    phase: 'immediately',
    text: 'Keep the injection site clean and covered as your practitioner showed you.',
    sources: ['S4'],
  },
  {
    id: 'warning-signs',
    phase: 'first-72-hours',
    text: 'Call the clinic at once for fever, spreading redness, increasing pain or swelling, or any sign of an allergic reaction.',
    sources: ['S3'],
  },
  {
    id: 'flu-like',
    phase: 'first-72-hours',
    text: 'Mild tiredness, low fever or aches can occur and usually pass within a few days; tell the clinic if they do not.',
    sources: ['S3'],
  },
  {
    id: 'follow-ups',
    phase: 'long-term',
    text: 'Come back for the follow-up visits in your plan.',
    sources: ['S1', 'S0'],
  },
  {
    id: 'habits',
    phase: 'habits',
    text: 'Drink enough water, eat a balanced diet, do not smoke, sleep well and manage stress.',
    sources: ['S2'],
  },
];

export const AFTERCARE: Readonly<Record<ModalityId, AftercareStep[]>> = {
  'microneedling-topical': SKIN_STEPS,
  'laser-topical': SKIN_STEPS,
  'radiofrequency-topical': SKIN_STEPS,
  'intradermal-injection': SKIN_STEPS,
  'scalp-injection': SCALP_STEPS,
  'intra-articular-injection': INJECTION_SITE_STEPS,
  'iv-infusion': INJECTION_SITE_STEPS,
};

export function aftercareFor(modality: ModalityId): AftercareStep[] {
  return AFTERCARE[modality];
}
