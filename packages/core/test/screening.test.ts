import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownSource } from '../src/catalog/sources';
import {
  type ConsultationProfile,
  type ConsultationProfileInput,
  consultationProfileSchema,
  INDICATION_IDS,
  MODALITY_IDS,
} from '../src/profile';
import { classifyCondition, KNOWN_CONDITIONS, matchesSynonym } from '../src/screening/rules';
import { SCREENING_RULES, screenPatient, worstVerdict } from '../src/screening/screen-patient';
import { type ScreeningFinding, VERDICTS } from '../src/screening/types';

type PatientInput = ConsultationProfileInput['patient'];
type Overrides = Partial<Omit<ConsultationProfileInput, 'patient'>> & { patient?: Partial<PatientInput> };

const BASELINE: ConsultationProfileInput = {
  indication: 'skin-rejuvenation',
  modality: 'microneedling-topical',
  severity: 'moderate',
  areaSize: 'medium',
  goal: 'moderate',
  startDate: '2026-03-02',
  jurisdiction: 'US',
  patient: {
    age: 42,
    sex: 'female',
    pregnant: false,
    breastfeeding: false,
    allergies: [],
    activeInfection: false,
    autoimmune: false,
    keloidHistory: false,
    fitzpatrick: 2,
    conditions: [],
  },
};

function profile(over: Overrides = {}): ConsultationProfile {
  const { patient, ...rest } = over;
  return consultationProfileSchema.parse({
    ...BASELINE,
    ...rest,
    patient: { ...BASELINE.patient, ...patient },
  });
}

const find = (over: Overrides, rule: string): ScreeningFinding | undefined =>
  screenPatient(profile(over)).findings.find((f) => f.rule === rule);

const rulesOf = (over: Overrides) => screenPatient(profile(over)).findings.map((f) => f.rule);

describe('screenPatient: baseline', () => {
  it('finds nothing for a healthy adult and is eligible', () => {
    const r = screenPatient(profile());
    expect(r).toEqual({ verdict: 'eligible', findings: [] });
  });

  it('finds nothing for a healthy adult with any modality', () => {
    for (const modality of MODALITY_IDS) {
      expect(screenPatient(profile({ modality })).findings).toEqual([]);
    }
  });

  it('treats "none" and blank-looking entries as nothing declared', () => {
    const r = screenPatient(
      profile({ patient: { allergies: ['None', 'n/a', ' - '], conditions: ['NONE'] } }),
    );
    expect(r.findings).toEqual([]);
  });
});

describe('screenPatient: one rule at a time', () => {
  it('under-18: contraindicated below 18, citing S3; not at 18', () => {
    const f = find({ patient: { age: 17 } }, 'under-18');
    expect(f).toMatchObject({ severity: 'contraindicated', sources: ['S3'] });
    expect(f?.message).toContain('17');
    expect(find({ patient: { age: 18 } }, 'under-18')).toBeUndefined();
  });

  it('pregnancy: defer, citing S3 and S4', () => {
    expect(find({ patient: { pregnant: true } }, 'pregnancy')).toMatchObject({
      severity: 'defer',
      sources: ['S3', 'S4'],
    });
  });

  it('breastfeeding: defer, citing S3 and S4', () => {
    expect(find({ patient: { breastfeeding: true } }, 'breastfeeding')).toMatchObject({
      severity: 'defer',
      sources: ['S3', 'S4'],
    });
  });

  it('allergy-to-preparation: an allergy to a default component is a contraindication (S3)', () => {
    for (const allergy of [
      'Lidocaine',
      '  HYALURONIC ACID ',
      'exosomes',
      'albumin',
      'stem cell products',
      'topical anesthetic',
    ]) {
      const f = find({ patient: { allergies: [allergy] } }, 'allergy-to-preparation');
      expect(f, allergy).toMatchObject({ severity: 'contraindicated', sources: ['S3'] });
      expect(f?.message).toContain(allergy.trim());
    }
  });

  it('allergy-to-preparation: uses the product components when they are given (substring either way)', () => {
    const product = {
      origin: 'plant' as const,
      registration: 'cosmetic' as const,
      routes: ['topical' as const],
      components: ['Bovine collagen', 'Glycerin'],
    };
    expect(find({ product, patient: { allergies: ['collagen'] } }, 'allergy-to-preparation')).toMatchObject({
      severity: 'contraindicated',
    });
    expect(
      find({ product, patient: { allergies: ['glycerin (rash)'] } }, 'allergy-to-preparation'),
    ).toBeDefined();
    // Lidocaine is a default component, not one of this product's: staff review it instead.
    const rules = rulesOf({ product, patient: { allergies: ['lidocaine'] } });
    expect(rules).toEqual(['other-allergies']);
  });

  it('allergy-to-preparation: a one- or two-letter entry does not match every component', () => {
    expect(rulesOf({ patient: { allergies: ['a'] } })).toEqual(['other-allergies']);
  });

  it('other-allergies: an unrelated allergy is a caution asking staff to review it', () => {
    const f = find({ patient: { allergies: ['Penicillin', 'lidocaine'] } }, 'other-allergies');
    expect(f).toMatchObject({ severity: 'caution', sources: ['S3'] });
    expect(f?.message).toContain('Penicillin');
    expect(f?.message).not.toContain('lidocaine');
    expect(find({ patient: { allergies: ['lidocaine'] } }, 'other-allergies')).toBeUndefined();
  });

  it('active-infection: defer, citing S4 and S3', () => {
    expect(find({ patient: { activeInfection: true } }, 'active-infection')).toMatchObject({
      severity: 'defer',
      sources: ['S4', 'S3'],
    });
  });

  it('autoimmune: refer when flagged or when a condition names an autoimmune disease (S4)', () => {
    expect(find({ patient: { autoimmune: true } }, 'autoimmune')).toMatchObject({
      severity: 'refer',
      sources: ['S4'],
    });
    expect(rulesOf({ patient: { conditions: ['Systemic lupus erythematosus'] } })).toEqual(['autoimmune']);
    expect(rulesOf({ patient: { conditions: ["Sjögren's syndrome"] } })).toEqual(['autoimmune']);
  });

  it('keloid-needle: refer when keloid history meets a needle modality (S4)', () => {
    for (const modality of MODALITY_IDS.filter(
      (m) => m !== 'laser-topical' && m !== 'radiofrequency-topical',
    )) {
      expect(find({ modality, patient: { keloidHistory: true } }, 'keloid-needle'), modality).toMatchObject({
        severity: 'refer',
        sources: ['S4'],
      });
    }
    // A device treatment combined with microneedling breaks the skin too.
    expect(
      rulesOf({
        modality: 'radiofrequency-topical',
        combinedWith: ['microneedling'],
        patient: { keloidHistory: true },
      }),
    ).toEqual(['keloid-needle']);
  });

  it('keloid-history: only a caution when the modality uses no needle (S4)', () => {
    for (const modality of ['laser-topical', 'radiofrequency-topical'] as const) {
      const r = rulesOf({ modality, patient: { keloidHistory: true } });
      expect(r, modality).toEqual(['keloid-history']);
      expect(find({ modality, patient: { keloidHistory: true } }, 'keloid-history')).toMatchObject({
        severity: 'caution',
        sources: ['S4'],
      });
    }
  });

  it('dark-skin-laser: caution for Fitzpatrick IV–VI with a laser, naming the non-laser alternative', () => {
    for (const fitzpatrick of [4, 5, 6]) {
      const f = find({ modality: 'laser-topical', patient: { fitzpatrick } }, 'dark-skin-laser');
      expect(f).toMatchObject({
        severity: 'caution',
        alternative: 'microneedling-topical',
        sources: ['S4', 'FITZPATRICK', 'MN-SAFETY'],
      });
      expect(f?.message).toContain('Microneedling');
    }
    expect(
      find({ modality: 'laser-topical', patient: { fitzpatrick: 3 } }, 'dark-skin-laser'),
    ).toBeUndefined();
    expect(
      find({ modality: 'microneedling-topical', patient: { fitzpatrick: 6 } }, 'dark-skin-laser'),
    ).toBeUndefined();
    // A laser added to a non-laser modality: still flagged, with no alternative to name.
    const combined = find(
      { modality: 'radiofrequency-topical', combinedWith: ['laser'], patient: { fitzpatrick: 5 } },
      'dark-skin-laser',
    );
    expect(combined).toMatchObject({ severity: 'caution' });
    expect(combined?.alternative).toBeUndefined();
  });

  it('inflammatory-skin-supervision: caution for the indication or a named inflammatory condition (S4, S3)', () => {
    expect(find({ indication: 'inflammatory-skin' }, 'inflammatory-skin-supervision')).toMatchObject({
      severity: 'caution',
      sources: ['S4', 'S3'],
    });
    for (const condition of ['Rosacea', 'eczema', 'Atopic dermatitis', 'plaque psoriasis']) {
      expect(rulesOf({ patient: { conditions: [condition] } }), condition).toEqual([
        'inflammatory-skin-supervision',
      ]);
    }
  });

  it('serious-condition: refer for every known serious condition (S3)', () => {
    const examples: Record<string, string> = {
      'active-cancer': 'Active breast cancer',
      chemotherapy: 'on chemotherapy',
      'bleeding-disorder': 'Haemophilia A',
      anticoagulant: 'takes warfarin daily',
      immunosuppression: 'Immunosuppressed after surgery',
      'uncontrolled-diabetes': 'Uncontrolled diabetes',
      'severe-heart-disease': 'heart failure (NYHA III)',
      'organ-transplant': 'kidney transplant 2015',
    };
    const serious = KNOWN_CONDITIONS.filter((k) => k.category === 'serious').map((k) => k.id);
    expect(Object.keys(examples).sort()).toEqual([...serious].sort());
    for (const [id, text] of Object.entries(examples)) {
      expect(
        classifyCondition(text).map((k) => k.id),
        text,
      ).toContain(id);
      const f = find({ patient: { conditions: [text] } }, 'serious-condition');
      expect(f, text).toMatchObject({ severity: 'refer', sources: ['S3'] });
      expect(f?.message).toContain(text);
      expect(rulesOf({ patient: { conditions: [text] } })).not.toContain('other-condition');
    }
  });

  it('serious-condition: word boundaries keep near-misses out', () => {
    expect(matchesSynonym('chronic hives', 'hiv')).toBe(false);
    expect(matchesSynonym('HIV positive', 'hiv')).toBe(true);
    expect(rulesOf({ patient: { conditions: ['hair transplant in 2019'] } })).toEqual(['other-condition']);
    expect(rulesOf({ patient: { conditions: ['type 2 diabetes, well controlled'] } })).toEqual([
      'other-condition',
    ]);
  });

  it('other-condition: an unrecognised condition is a caution asking for assessment (S3)', () => {
    const f = find({ patient: { conditions: ['Migraine'] } }, 'other-condition');
    expect(f).toMatchObject({ severity: 'caution', sources: ['S3'] });
    expect(f?.message).toContain('Migraine');
  });

  it('every rule id is exercised by the tests above', () => {
    const triggers: Overrides[] = [
      { patient: { age: 16 } },
      { patient: { pregnant: true } },
      { patient: { breastfeeding: true } },
      { patient: { allergies: ['lidocaine', 'latex'] } },
      { patient: { activeInfection: true } },
      { patient: { autoimmune: true } },
      { patient: { keloidHistory: true } },
      { modality: 'laser-topical', patient: { keloidHistory: true, fitzpatrick: 5 } },
      { indication: 'inflammatory-skin' },
      { patient: { conditions: ['leukaemia', 'asthma'] } },
    ];
    const fired = new Set(triggers.flatMap((t) => rulesOf(t)));
    expect([...fired].sort()).toEqual([...SCREENING_RULES].sort());
  });
});

describe('screenPatient: the worst finding decides', () => {
  it('contraindicated beats defer and caution', () => {
    const r = screenPatient(profile({ patient: { age: 16, pregnant: true, allergies: ['penicillin'] } }));
    expect(r.verdict).toBe('contraindicated');
    expect(r.findings.map((f) => f.severity).sort()).toEqual(['caution', 'contraindicated', 'defer']);
  });

  it('refer beats defer; defer beats caution', () => {
    expect(screenPatient(profile({ patient: { autoimmune: true, activeInfection: true } })).verdict).toBe(
      'refer',
    );
    expect(screenPatient(profile({ patient: { breastfeeding: true, conditions: ['asthma'] } })).verdict).toBe(
      'defer',
    );
    expect(screenPatient(profile({ patient: { conditions: ['asthma'] } })).verdict).toBe('caution');
  });

  it('worstVerdict is eligible for no findings', () => {
    expect(worstVerdict([])).toBe('eligible');
  });
});

// ---------------------------------------------------------------------------------------------

const text = fc.oneof(
  fc.constantFrom(
    'lidocaine',
    'penicillin',
    'rosacea',
    'lupus',
    'warfarin',
    'hair transplant',
    'none',
    'asthma',
    'Exosome',
    'HIV',
    'a',
  ),
  fc.string({ minLength: 1, maxLength: 30 }),
);

const arbProfileInput: fc.Arbitrary<ConsultationProfileInput> = fc.record({
  indication: fc.constantFrom(...INDICATION_IDS),
  modality: fc.constantFrom(...MODALITY_IDS),
  severity: fc.constantFrom('mild', 'moderate', 'severe'),
  areaSize: fc.constantFrom('small', 'medium', 'large'),
  goal: fc.constantFrom('subtle', 'moderate', 'dramatic'),
  combinedWith: fc.option(fc.subarray(['microneedling', 'radiofrequency', 'laser', 'prp'] as const), {
    nil: undefined,
  }),
  startDate: fc.constant('2026-03-02'),
  jurisdiction: fc.constantFrom('US', 'KR', 'EU', 'UK'),
  product: fc.option(
    fc.record({
      origin: fc.constantFrom('human-umbilical-cord-msc', 'plant', 'animal'),
      registration: fc.constantFrom('approved', 'investigational', 'cosmetic', 'unregistered'),
      routes: fc.constant(['topical' as const]),
      components: fc.option(fc.array(text, { maxLength: 4 }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  patient: fc.record({
    age: fc.integer({ min: 0, max: 130 }),
    sex: fc.constantFrom('female', 'male', 'other'),
    pregnant: fc.boolean(),
    breastfeeding: fc.boolean(),
    allergies: fc.array(text, { maxLength: 5 }),
    activeInfection: fc.boolean(),
    autoimmune: fc.boolean(),
    keloidHistory: fc.boolean(),
    fitzpatrick: fc.integer({ min: 1, max: 6 }),
    conditions: fc.array(text, { maxLength: 5 }),
  }),
});

describe('screenPatient: properties', () => {
  it('never throws; verdict is the worst finding; every rule and source is known', () => {
    fc.assert(
      fc.property(arbProfileInput, (input) => {
        const p = consultationProfileSchema.parse(input);
        const r = screenPatient(p);
        const worst = r.findings.reduce((w, f) => Math.max(w, VERDICTS.indexOf(f.severity)), 0);
        expect(r.verdict).toBe(VERDICTS[worst]);
        expect(r.verdict === 'eligible').toBe(r.findings.length === 0);
        for (const f of r.findings) {
          expect(SCREENING_RULES).toContain(f.rule);
          expect(f.sources.length).toBeGreaterThan(0);
          for (const s of f.sources) expect(isKnownSource(s), s).toBe(true);
          expect(f.message.trim().length).toBeGreaterThan(0);
          if (f.alternative !== undefined) expect(MODALITY_IDS).toContain(f.alternative);
        }
        // One finding per rule at most.
        expect(new Set(r.findings.map((f) => f.rule)).size).toBe(r.findings.length);
      }),
      { numRuns: 500 },
    );
  });

  it('under-18 and pregnancy always show up when their facts hold', () => {
    fc.assert(
      fc.property(arbProfileInput, (input) => {
        const p = consultationProfileSchema.parse(input);
        const rules = screenPatient(p).findings.map((f) => f.rule);
        expect(rules.includes('under-18')).toBe(p.patient.age < 18);
        expect(rules.includes('pregnancy')).toBe(p.patient.pregnant);
        expect(rules.includes('keloid-needle') && rules.includes('keloid-history')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
