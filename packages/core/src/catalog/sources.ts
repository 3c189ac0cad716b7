import type { SourceKey } from '../types';

export type SourceKind =
  | 'clinic-article'
  | 'consumer-article'
  | 'regulator'
  | 'court-or-licensing'
  | 'legislation'
  | 'journal-study'
  | 'journal-review'
  | 'grading-standard'
  | 'instrument'
  | 'press'
  | 'derived';

export interface Source {
  key: SourceKey;
  title: string;
  kind: SourceKind;
  year: number | null;
  /** Where the text can be found: a seed file for S0–S4, a citation otherwise. */
  locator: string;
  /** True where the fact is reported but not independently confirmed. */
  unconfirmed?: boolean;
}

/**
 * Every source the product may cite. S0–S4 are the five seed documents (by file name);
 * the rest are the regulator, journal and standard sources gathered in DOMAIN.md §12–§17.
 */
export const SOURCES: readonly Source[] = [
  {
    key: 'S0',
    title: 'How long exosome therapy results last, and what decides it',
    kind: 'consumer-article',
    year: null,
    locator: 'seeds/000_66e042d6be3be5a9.txt',
  },
  {
    key: 'S1',
    title: 'How many exosome sessions: protocols per indication and a PRP comparison',
    kind: 'consumer-article',
    year: null,
    locator: 'seeds/001_6084e04069a4766c.txt',
  },
  {
    key: 'S2',
    title: 'Exosomes for anti-ageing and hair: safety and self-care',
    kind: 'consumer-article',
    year: null,
    locator: 'seeds/002_f24d3709083afe72.txt',
  },
  {
    key: 'S3',
    title: 'Clinic FAQ on exosome therapy: uses, sessions, duration, results, suitability, side effects',
    kind: 'clinic-article',
    year: null,
    locator: 'seeds/003_0d96e36f04ea64b5.txt',
  },
  {
    key: 'S4',
    title: 'Exosome skin rejuvenation guide: outcomes, cost, safety, candidates, aftercare',
    kind: 'clinic-article',
    year: null,
    locator: 'seeds/004_1e459c0f065c36df.txt',
  },
  {
    key: 'FDA-PSN-2019',
    title: 'FDA public safety notification on exosome products',
    kind: 'regulator',
    year: 2019,
    locator: 'U.S. Food and Drug Administration, Public Safety Notification, December 2019',
  },
  {
    key: 'FDA-WL-2020',
    title: 'FDA warning letter to a maker of exosome products after sepsis cases',
    kind: 'regulator',
    year: 2020,
    locator: 'U.S. FDA warning letter, 2020 (sterility failures; sepsis cases in Nebraska, 2019)',
  },
  {
    key: 'FDA-WL-2025',
    title:
      'FDA warning letter on umbilical-cord MSC exosome products as unapproved drugs and unlicensed biologics',
    kind: 'regulator',
    year: 2025,
    locator: 'U.S. FDA warning letter, May 2025',
  },
  {
    key: 'FDA-MEDWATCH',
    title: 'FDA MedWatch adverse event reporting (form 3500)',
    kind: 'regulator',
    year: null,
    locator: 'U.S. FDA MedWatch program',
  },
  {
    key: 'KR-MFDS',
    title: 'Korean MFDS: exosome products in clinics are registered as cosmetics (applied to skin only)',
    kind: 'regulator',
    year: 2025,
    locator: 'Ministry of Food and Drug Safety, Republic of Korea',
  },
  {
    key: 'KR-LICENCE-2025',
    title: 'Korean court upholds a licence suspension for injecting a topical exosome cosmetic',
    kind: 'court-or-licensing',
    year: 2025,
    locator: 'Korean administrative court ruling, 2025 (3-month suspension of a doctor)',
  },
  {
    key: 'KR-AD-2025',
    title: 'Korean advertising rule: human-derived ingredients may not be called "exosome"',
    kind: 'regulator',
    year: 2025,
    locator: 'Korean cosmetics advertising guidance, in force January 2025',
  },
  {
    key: 'EU-1223-2009',
    title: 'EU Cosmetics Regulation 1223/2009, Annex II: substances of human origin prohibited in cosmetics',
    kind: 'legislation',
    year: 2009,
    locator: 'Regulation (EC) No 1223/2009, Annex II',
  },
  {
    key: 'EU-2001-83',
    title:
      'EU medicinal products code: a medicine needs a marketing authorisation before it is placed on the market',
    kind: 'legislation',
    year: 2001,
    locator: 'Directive 2001/83/EC, Article 6',
  },
  {
    key: 'UK-MHRA-2025',
    title: 'UK: exosome products not licensed by the MHRA for aesthetic use',
    kind: 'press',
    year: 2025,
    locator: 'UK press reports, 2025',
  },
  {
    key: 'KWON-2020',
    title: 'Split-face RCT: adipose stem cell exosome gel with fractional CO2 laser for acne scars (n=25)',
    kind: 'journal-study',
    year: 2020,
    locator: 'Kwon et al., Acta Dermato-Venereologica, 2020',
  },
  {
    key: 'PARK-2023',
    title: 'Split-face study: microneedling with exosomes for photoaging (n=28)',
    kind: 'journal-study',
    year: 2023,
    locator: 'Park et al., Journal of Cosmetic Dermatology, 2023',
  },
  {
    key: 'LIANG-2022',
    title: 'Split-face study: umbilical-cord MSC conditioned medium with microneedling for photoaging (n=30)',
    kind: 'journal-study',
    year: 2022,
    locator: 'Liang et al., Frontiers in Medicine, 2022',
  },
  {
    key: 'APS-2024',
    title: 'Uncontrolled study: exosome scalp injections in men with androgenetic alopecia (n=30)',
    kind: 'journal-study',
    year: 2024,
    locator: 'Aesthetic Plastic Surgery, 2024',
  },
  {
    key: 'KNEE-CM',
    title: 'Conditioned-medium intra-articular injections for knee osteoarthritis, KL grade 2–3 (n=10)',
    kind: 'journal-study',
    year: null,
    locator: 'Conditioned-medium knee osteoarthritis study (DOMAIN.md §13)',
  },
  {
    key: 'SHD-2024',
    title: 'Review: evidence for exosomes in dermatology is sparse and protocols are not standardised',
    kind: 'journal-review',
    year: 2024,
    locator: 'Skin Health and Disease, 2024',
  },
  {
    key: 'PRP-KOA-META',
    title: 'Meta-analysis of 20 RCTs: PRP versus hyaluronic acid for knee osteoarthritis',
    kind: 'journal-review',
    year: null,
    locator: 'Meta-analysis cited in DOMAIN.md §16',
  },
  {
    key: 'PRP-PRACTICE',
    title: 'Published PRP treatment schedules for hair, skin and acne scars',
    kind: 'journal-review',
    year: null,
    locator: 'PRP schedules gathered in DOMAIN.md §16',
  },
  {
    key: 'MN-SAFETY',
    title: 'Microneedling adverse events: frequency and duration',
    kind: 'journal-review',
    year: null,
    locator: 'Microneedling safety literature gathered in DOMAIN.md §15',
  },
  {
    key: 'EXO-AE-REPORTS',
    title:
      'Case reports of exosome-specific adverse events (delayed granulomas, necrosis with vasculitis, sepsis)',
    kind: 'journal-review',
    year: null,
    locator: 'Case reports gathered in DOMAIN.md §15',
  },
  {
    key: 'CTCAE',
    title: 'Common Terminology Criteria for Adverse Events: grades 1–5',
    kind: 'grading-standard',
    year: null,
    locator: 'U.S. National Cancer Institute, CTCAE',
  },
  {
    key: 'GAIS',
    title: 'Global Aesthetic Improvement Scale',
    kind: 'instrument',
    year: null,
    locator: 'GAIS, clinician- or patient-rated, 1–5',
  },
  {
    key: 'FACE-Q',
    title: 'FACE-Q patient-reported outcome scales (Rasch 0–100; licence needed for commercial use)',
    kind: 'instrument',
    year: null,
    locator: 'FACE-Q',
  },
  {
    key: 'GOODMAN-BARON',
    title: 'Goodman and Baron qualitative acne scar grading (1–4)',
    kind: 'instrument',
    year: null,
    locator: 'Goodman & Baron acne scar grading',
  },
  {
    key: 'ECCA',
    title: 'ECCA acne scar weighted score (0–540)',
    kind: 'instrument',
    year: null,
    locator: 'Échelle d’évaluation clinique des cicatrices d’acné',
    unconfirmed: true,
  },
  {
    key: 'MASI',
    title: 'Melasma Area and Severity Index (0–48) and modified MASI (0–24)',
    kind: 'instrument',
    year: null,
    locator: 'MASI / mMASI',
  },
  {
    key: 'HAIR-METRICS',
    title: 'Phototrichogram hair density, shaft diameter and hair-loss classifications',
    kind: 'instrument',
    year: null,
    locator: 'Phototrichogram; Norwood-Hamilton; Ludwig; Sinclair',
  },
  {
    key: 'VAS-PAIN',
    title: 'Visual analogue scale for pain, 0–100 mm (MCID about 10–20 mm)',
    kind: 'instrument',
    year: null,
    locator: 'VAS pain',
  },
  {
    key: 'WOMAC',
    title: 'WOMAC osteoarthritis index (0–96; licensed)',
    kind: 'instrument',
    year: null,
    locator: 'WOMAC',
  },
  {
    key: 'KOOS',
    title: 'Knee injury and Osteoarthritis Outcome Score, five subscales 0–100 (free)',
    kind: 'instrument',
    year: null,
    locator: 'KOOS',
  },
  {
    key: 'GLOGAU',
    title: 'Glogau photoaging classification I–IV',
    kind: 'instrument',
    year: null,
    locator: 'Glogau',
  },
  {
    key: 'FITZPATRICK',
    title: 'Fitzpatrick skin phototype I–VI',
    kind: 'instrument',
    year: null,
    locator: 'Fitzpatrick',
  },
  {
    key: 'WILSON-1927',
    title: 'Wilson score interval for a proportion (95% confidence intervals in clinic analytics)',
    kind: 'journal-study',
    year: 1927,
    locator:
      'Wilson EB. Probable inference, the law of succession, and statistical inference. J Am Stat Assoc 1927;22:209–212',
  },
  {
    key: 'EXOCLINIC-MODEL',
    title: 'Exoclinic method: numbers derived from the cited sources by a documented rule',
    kind: 'derived',
    year: 2026,
    locator: 'docs/clinical-model.md',
  },
];

const byKey = new Map(SOURCES.map((s) => [s.key, s]));

export function findSource(key: SourceKey): Source | undefined {
  return byKey.get(key);
}

export function isKnownSource(key: SourceKey): boolean {
  return byKey.has(key);
}
