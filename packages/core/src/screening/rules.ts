import { findModality, type Modality } from '../catalog/modalities';
import type { ConsultationProfile } from '../profile';
import type { ScreeningFinding } from './types';

// Medical screening rules (DOMAIN.md §7). Each rule looks at the consultation profile and returns
// at most one finding; the rule id is stable so that plans, consents and audits can refer to it.

export const SCREENING_RULES = [
  'under-18',
  'pregnancy',
  'breastfeeding',
  'allergy-to-preparation',
  'other-allergies',
  'active-infection',
  'autoimmune',
  'keloid-needle',
  'keloid-history',
  'dark-skin-laser',
  'inflammatory-skin-supervision',
  'serious-condition',
  'other-condition',
] as const;
export type ScreeningRuleId = (typeof SCREENING_RULES)[number];

export interface ScreeningRuleFinding extends ScreeningFinding {
  rule: ScreeningRuleId;
}

export interface ScreeningContext {
  profile: ConsultationProfile;
  /** Undefined only if the profile names a modality the catalog does not know. */
  modality: Modality | undefined;
}

export interface ScreeningRule {
  id: ScreeningRuleId;
  check: (ctx: ScreeningContext) => ScreeningRuleFinding | undefined;
}

// ---------------------------------------------------------------------------------------------
// Text matching

/** Lower case, accents removed, punctuation turned into single spaces. */
// Synonym lists are constant and patients' entries repeat, so normalised forms are remembered
// (bounded, so a stream of unusual entries cannot grow it without limit).
const normalized = new Map<string, string>();
const NORMALIZED_CACHE_LIMIT = 10_000;

export function normalizeTerm(s: string): string {
  const hit = normalized.get(s);
  if (hit !== undefined) return hit;
  const n = s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (normalized.size >= NORMALIZED_CACHE_LIMIT) normalized.clear();
  normalized.set(s, n);
  return n;
}

/** Entries staff type to mean "nothing to declare"; they are not conditions or allergies. */
const NOTHING_DECLARED = new Set(['none', 'no', 'nil', 'n a', 'na', 'nka', 'nkda', 'not known', 'unknown']);

function declared(entries: readonly string[]): string[] {
  return entries.filter((e) => {
    const n = normalizeTerm(e);
    return n.length > 0 && !NOTHING_DECLARED.has(n);
  });
}

/**
 * A synonym matches a text when it starts at a word boundary of the text. A synonym ending in `*`
 * is a stem (it may run on into a longer word: `immunosuppress*`); otherwise it must also end at a
 * word boundary (so `hiv` does not match `hives`).
 */
export function matchesSynonym(text: string, synonym: string): boolean {
  const hay = ` ${normalizeTerm(text)} `;
  const stem = synonym.endsWith('*');
  const needle = normalizeTerm(stem ? synonym.slice(0, -1) : synonym);
  if (needle.length === 0) return false;
  return hay.includes(stem ? ` ${needle}` : ` ${needle} `);
}

/** Shortest text allowed to count as contained in another, so that `a` does not match everything. */
const MIN_CONTAINED_LENGTH = 3;

/** Case-insensitive, trimmed, substring either way (the brief's rule for allergies). */
export function allergyMatches(allergy: string, component: string): boolean {
  const a = normalizeTerm(allergy);
  const c = normalizeTerm(component);
  if (a.length === 0 || c.length === 0) return false;
  return (
    (a.length >= MIN_CONTAINED_LENGTH && c.includes(a)) || (c.length >= MIN_CONTAINED_LENGTH && a.includes(c))
  );
}

// ---------------------------------------------------------------------------------------------
// Data: preparation components and known conditions

export interface PreparationComponent {
  id: string;
  label: string;
  /** Names an allergy entry may use for this component. */
  names: readonly string[];
}

/**
 * What a typical exosome treatment exposes the patient to when the product lists no components
 * (S3: allergy to any component of the preparation; numbing cream is part of most sessions, S3).
 */
export const DEFAULT_PREPARATION_COMPONENTS: readonly PreparationComponent[] = [
  {
    id: 'exosome',
    label: 'exosome (extracellular vesicle) preparation',
    names: ['exosome', 'extracellular vesicle', 'secretome', 'conditioned medium'],
  },
  {
    id: 'msc',
    label: 'mesenchymal stem cell derivatives',
    names: ['mesenchymal stem cell', 'stem cell', 'msc'],
  },
  { id: 'human-albumin', label: 'human albumin', names: ['human albumin', 'albumin'] },
  {
    id: 'hyaluronic-acid',
    label: 'hyaluronic acid',
    names: ['hyaluronic acid', 'hyaluronan', 'hyaluronate'],
  },
  {
    id: 'topical-anaesthetic',
    label: 'lidocaine or another topical anaesthetic used for numbing',
    names: [
      'lidocaine',
      'lignocaine',
      'prilocaine',
      'tetracaine',
      'benzocaine',
      'topical anaesthetic',
      'topical anesthetic',
      'local anaesthetic',
      'local anesthetic',
      'anaesthetic',
      'anesthetic',
      'numbing cream',
      'emla',
    ],
  },
];

export type ConditionCategory = 'serious' | 'inflammatory-skin' | 'autoimmune';

export interface KnownCondition {
  id: string;
  label: string;
  category: ConditionCategory;
  /** Word-boundary synonyms; a trailing `*` marks a stem. */
  synonyms: readonly string[];
}

/**
 * Conditions the screening recognises by name. `serious` ones need a practitioner's assessment
 * (S3: other health conditions), `inflammatory-skin` ones medical supervision (S4, S3),
 * `autoimmune` ones a discussion first (S4). Anything else a patient lists is flagged for review.
 */
export const KNOWN_CONDITIONS: readonly KnownCondition[] = [
  {
    id: 'active-cancer',
    label: 'cancer or malignancy',
    category: 'serious',
    synonyms: [
      'cancer*',
      'malignan*',
      'carcinoma*',
      'melanoma*',
      'lymphoma*',
      'leukaemia*',
      'leukemia*',
      'sarcoma*',
      'myeloma*',
      'metasta*',
      'tumour*',
      'tumor*',
      'oncolog*',
    ],
  },
  {
    id: 'chemotherapy',
    label: 'chemotherapy or radiotherapy',
    category: 'serious',
    synonyms: ['chemotherapy', 'chemo', 'radiotherapy', 'radiation therapy'],
  },
  {
    id: 'bleeding-disorder',
    label: 'bleeding or clotting disorder',
    category: 'serious',
    synonyms: [
      'bleeding disorder*',
      'clotting disorder*',
      'coagulopath*',
      'haemophilia*',
      'hemophilia*',
      'von willebrand*',
      'thrombocytopeni*',
    ],
  },
  {
    id: 'anticoagulant',
    label: 'anticoagulant or antiplatelet medicine',
    category: 'serious',
    synonyms: [
      'anticoagula*',
      'anti coagula*',
      'blood thinner*',
      'warfarin',
      'heparin',
      'apixaban',
      'rivaroxaban',
      'dabigatran',
      'edoxaban',
      'clopidogrel',
    ],
  },
  {
    id: 'immunosuppression',
    label: 'immunosuppression or immunosuppressant medicine',
    category: 'serious',
    synonyms: [
      'immunosuppress*',
      'immuno suppress*',
      'immunocompromi*',
      'immunodeficien*',
      'hiv',
      'tacrolimus',
      'ciclosporin',
      'cyclosporine',
      'mycophenolate',
      'azathioprine',
      'methotrexate',
    ],
  },
  {
    id: 'uncontrolled-diabetes',
    label: 'uncontrolled diabetes',
    category: 'serious',
    synonyms: [
      'uncontrolled diabetes',
      'poorly controlled diabetes',
      'unstable diabetes',
      'diabetes uncontrolled',
      'diabetic ketoacidosis',
    ],
  },
  {
    id: 'severe-heart-disease',
    label: 'severe heart disease',
    category: 'serious',
    synonyms: [
      'severe heart disease',
      'heart failure',
      'cardiac failure',
      'unstable angina',
      'heart attack',
      'myocardial infarction',
      'cardiomyopath*',
    ],
  },
  {
    id: 'organ-transplant',
    label: 'organ transplant',
    category: 'serious',
    // Not a bare `transplant`: a hair transplant is common among hair-loss patients and is not one.
    synonyms: [
      'organ transplant*',
      'kidney transplant*',
      'renal transplant*',
      'liver transplant*',
      'heart transplant*',
      'lung transplant*',
      'pancreas transplant*',
      'bone marrow transplant*',
      'stem cell transplant*',
      'transplant recipient*',
    ],
  },
  {
    id: 'rosacea',
    label: 'rosacea',
    category: 'inflammatory-skin',
    synonyms: ['rosacea'],
  },
  {
    id: 'eczema',
    label: 'eczema or dermatitis',
    category: 'inflammatory-skin',
    synonyms: ['eczema*', 'atopic dermatitis', 'dermatitis'],
  },
  {
    id: 'psoriasis',
    label: 'psoriasis',
    category: 'inflammatory-skin',
    synonyms: ['psoria*'],
  },
  {
    id: 'autoimmune-disease',
    label: 'autoimmune disease',
    category: 'autoimmune',
    synonyms: [
      'autoimmun*',
      'auto immun*',
      'lupus',
      'sle',
      'rheumatoid arthritis',
      'multiple sclerosis',
      'scleroderma',
      'systemic sclerosis',
      'sjogren*',
      'dermatomyositis',
      'hashimoto*',
      'graves disease',
      'coeliac*',
      'celiac*',
      'crohn*',
      'ulcerative colitis',
      'type 1 diabetes',
    ],
  },
];

/** The known conditions a free-text condition names (possibly several, possibly none). */
export function classifyCondition(condition: string): KnownCondition[] {
  const hay = ` ${normalizeTerm(condition)} `;
  return KNOWN_CONDITIONS_MATCHERS.filter((m) => m.needles.some((n) => hay.includes(n))).map(
    (m) => m.condition,
  );
}

/** The synonyms turned once into the padded needles `matchesSynonym` would build per call. */
const KNOWN_CONDITIONS_MATCHERS = KNOWN_CONDITIONS.map((condition) => ({
  condition,
  needles: condition.synonyms
    .map((syn) => {
      const stem = syn.endsWith('*');
      const needle = normalizeTerm(stem ? syn.slice(0, -1) : syn);
      return needle.length === 0 ? null : stem ? ` ${needle}` : ` ${needle} `;
    })
    .filter((n): n is string => n !== null),
}));

// ---------------------------------------------------------------------------------------------
// Helpers

const quoteList = (xs: readonly string[]) => xs.map((x) => `"${x.trim()}"`).join(', ');

/**
 * What in the planned treatment breaks the skin, if anything. An unknown modality counts as one
 * (assume the worst so that no check is skipped); combined microneedling or PRP count too.
 */
function needleReason(ctx: ScreeningContext): string | undefined {
  if (ctx.modality === undefined || ctx.modality.needle) return ctx.modality?.name ?? ctx.profile.modality;
  const combined = ctx.profile.combinedWith ?? [];
  if (combined.includes('microneedling')) return 'the combined microneedling';
  if (combined.includes('prp')) return 'the combined PRP treatment';
  return undefined;
}

/** What in the planned treatment uses a laser, if anything (unknown modality: assume it does). */
function laserReason(ctx: ScreeningContext): string | undefined {
  if (ctx.modality === undefined || ctx.modality.laser) return ctx.modality?.name ?? ctx.profile.modality;
  if ((ctx.profile.combinedWith ?? []).includes('laser')) return 'the combined laser treatment';
  return undefined;
}

function componentsFor(ctx: ScreeningContext): { label: string; names: readonly string[] }[] {
  const listed = ctx.profile.product?.components;
  if (listed !== undefined && listed.length > 0) return listed.map((c) => ({ label: c, names: [c] }));
  return DEFAULT_PREPARATION_COMPONENTS.map((c) => ({ label: c.label, names: c.names }));
}

function allergyMatchesOf(ctx: ScreeningContext): { allergy: string; components: string[] }[] {
  const comps = componentsFor(ctx);
  return declared(ctx.profile.patient.allergies)
    .map((allergy) => ({
      allergy,
      components: comps.filter((c) => c.names.some((n) => allergyMatches(allergy, n))).map((c) => c.label),
    }))
    .filter((m) => m.components.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Rules

const under18: ScreeningRule = {
  id: 'under-18',
  check: ({ profile }) =>
    profile.patient.age < 18
      ? {
          rule: 'under-18',
          severity: 'contraindicated',
          message: `The patient is ${profile.patient.age}. The sources describe this treatment for adults only; it is not offered under 18.`,
          sources: ['S3'],
        }
      : undefined,
};

const pregnancy: ScreeningRule = {
  id: 'pregnancy',
  check: ({ profile }) =>
    profile.patient.pregnant
      ? {
          rule: 'pregnancy',
          severity: 'defer',
          message:
            'The patient is pregnant. Safety in pregnancy has not been established; postpone treatment until after pregnancy.',
          sources: ['S3', 'S4'],
        }
      : undefined,
};

const breastfeeding: ScreeningRule = {
  id: 'breastfeeding',
  check: ({ profile }) =>
    profile.patient.breastfeeding
      ? {
          rule: 'breastfeeding',
          severity: 'defer',
          message:
            'The patient is breastfeeding. Safety during breastfeeding has not been established; postpone treatment until breastfeeding has ended.',
          sources: ['S3', 'S4'],
        }
      : undefined,
};

const allergyToPreparation: ScreeningRule = {
  id: 'allergy-to-preparation',
  check: (ctx) => {
    const hits = allergyMatchesOf(ctx);
    if (hits.length === 0) return undefined;
    const detail = hits.map((h) => `"${h.allergy.trim()}" (${h.components.join(', ')})`).join('; ');
    return {
      rule: 'allergy-to-preparation',
      severity: 'contraindicated',
      message: `Recorded allergy to a component of the preparation: ${detail}. Do not treat with this preparation.`,
      sources: ['S3'],
    };
  },
};

const otherAllergies: ScreeningRule = {
  id: 'other-allergies',
  check: (ctx) => {
    const matched = new Set(allergyMatchesOf(ctx).map((h) => h.allergy));
    const rest = declared(ctx.profile.patient.allergies).filter((a) => !matched.has(a));
    if (rest.length === 0) return undefined;
    return {
      rule: 'other-allergies',
      severity: 'caution',
      message: `Other recorded allergies: ${quoteList(rest)}. Review them against the full product and aftercare ingredient lists before treating.`,
      sources: ['S3'],
    };
  },
};

const activeInfection: ScreeningRule = {
  id: 'active-infection',
  check: ({ profile }) =>
    profile.patient.activeInfection
      ? {
          rule: 'active-infection',
          severity: 'defer',
          message:
            'The patient has an active infection. Postpone treatment until it has resolved; treating now adds to the risk of infection at the site.',
          sources: ['S4', 'S3'],
        }
      : undefined,
};

const autoimmune: ScreeningRule = {
  id: 'autoimmune',
  check: ({ profile }) => {
    const named = declared(profile.patient.conditions).filter((c) =>
      classifyCondition(c).some((k) => k.category === 'autoimmune'),
    );
    if (!profile.patient.autoimmune && named.length === 0) return undefined;
    const which = named.length > 0 ? ` (${quoteList(named)})` : '';
    return {
      rule: 'autoimmune',
      severity: 'refer',
      message: `Autoimmune disease recorded${which}. A doctor should assess whether treatment is appropriate before a plan is made.`,
      sources: ['S4'],
    };
  },
};

const keloidNeedle: ScreeningRule = {
  id: 'keloid-needle',
  check: (ctx) => {
    if (!ctx.profile.patient.keloidHistory) return undefined;
    const needle = needleReason(ctx);
    if (needle === undefined) return undefined;
    return {
      rule: 'keloid-needle',
      severity: 'refer',
      message: `History of keloid scarring, and ${needle} breaks the skin. A doctor should weigh the scarring risk before treatment.`,
      sources: ['S4'],
    };
  },
};

const keloidHistory: ScreeningRule = {
  id: 'keloid-history',
  check: (ctx) =>
    ctx.profile.patient.keloidHistory && needleReason(ctx) === undefined
      ? {
          rule: 'keloid-history',
          severity: 'caution',
          message:
            'History of keloid scarring. The chosen treatment does not use needles; discuss the history with the patient and watch for skin injury.',
          sources: ['S4'],
        }
      : undefined,
};

const darkSkinLaser: ScreeningRule = {
  id: 'dark-skin-laser',
  check: (ctx) => {
    const { fitzpatrick } = ctx.profile.patient;
    if (fitzpatrick < 4) return undefined;
    const laser = laserReason(ctx);
    if (laser === undefined) return undefined;
    const alternative = ctx.modality?.laser ? ctx.modality.nonLaserAlternative : undefined;
    const altName = alternative ? findModality(alternative)?.name : undefined;
    return {
      rule: 'dark-skin-laser',
      severity: 'caution',
      message:
        `Fitzpatrick skin type ${fitzpatrick} with ${laser}: some lasers are limited in darker skin, where post-inflammatory hyperpigmentation is more frequent.` +
        (altName ? ` Consider ${altName} instead.` : ' Check the device settings for this skin type.'),
      sources: ['S4', 'FITZPATRICK', 'MN-SAFETY'],
      ...(alternative ? { alternative } : {}),
    };
  },
};

const inflammatorySkinSupervision: ScreeningRule = {
  id: 'inflammatory-skin-supervision',
  check: ({ profile }) => {
    const named = declared(profile.patient.conditions).filter((c) =>
      classifyCondition(c).some((k) => k.category === 'inflammatory-skin'),
    );
    if (profile.indication !== 'inflammatory-skin' && named.length === 0) return undefined;
    const which = named.length > 0 ? ` (${quoteList(named)})` : '';
    return {
      rule: 'inflammatory-skin-supervision',
      severity: 'caution',
      message: `Inflammatory skin condition${which}. Treat only under a doctor's supervision.`,
      sources: ['S4', 'S3'],
    };
  },
};

const seriousCondition: ScreeningRule = {
  id: 'serious-condition',
  check: ({ profile }) => {
    const hits = declared(profile.patient.conditions)
      .map((c) => ({ c, known: classifyCondition(c).filter((k) => k.category === 'serious') }))
      .filter((h) => h.known.length > 0);
    if (hits.length === 0) return undefined;
    const detail = hits.map((h) => `"${h.c.trim()}" (${h.known.map((k) => k.label).join(', ')})`).join('; ');
    return {
      rule: 'serious-condition',
      severity: 'refer',
      message: `Health condition that needs a doctor's assessment before treatment: ${detail}.`,
      sources: ['S3'],
    };
  },
};

const otherCondition: ScreeningRule = {
  id: 'other-condition',
  check: ({ profile }) => {
    const rest = declared(profile.patient.conditions).filter((c) => classifyCondition(c).length === 0);
    if (rest.length === 0) return undefined;
    return {
      rule: 'other-condition',
      severity: 'caution',
      message: `Other recorded conditions: ${quoteList(rest)}. A practitioner should assess them before treatment.`,
      sources: ['S3'],
    };
  },
};

/** Every rule, in the order their findings are listed. */
export const SCREENING_RULE_LIST: readonly ScreeningRule[] = [
  under18,
  pregnancy,
  breastfeeding,
  allergyToPreparation,
  otherAllergies,
  activeInfection,
  autoimmune,
  keloidNeedle,
  keloidHistory,
  darkSkinLaser,
  inflammatorySkinSupervision,
  seriousCondition,
  otherCondition,
];

export function screeningContext(profile: ConsultationProfile): ScreeningContext {
  return { profile, modality: findModality(profile.modality) };
}
