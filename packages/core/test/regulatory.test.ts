import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findModality } from '../src/catalog/modalities';
import { isKnownSource } from '../src/catalog/sources';
import {
  type ClinicPolicy,
  type ConsultationProfileInput,
  consultationProfileSchema,
  JURISDICTIONS,
  MODALITY_IDS,
  PRODUCT_ORIGINS,
  type Product,
  REGISTRATIONS,
  ROUTES,
} from '../src/profile';
import {
  checkRegulatory,
  checkRegulatoryRoute,
  INJECTION_ROUTES,
  NEEDLE_OR_INJECTION_ROUTES,
  REGULATORY_DISCLOSURES,
  REGULATORY_RULES,
  type RegulatoryInput,
  worstDecision,
} from '../src/regulatory/check-regulatory';
import { REGULATORY_DECISIONS, type RegulatoryResult } from '../src/regulatory/types';
import type { Jurisdiction, ModalityId, Route } from '../src/types';

type ProductInput = NonNullable<ConsultationProfileInput['product']>;

const BASELINE: ConsultationProfileInput = {
  indication: 'skin-rejuvenation',
  modality: 'microneedling-topical',
  severity: 'moderate',
  areaSize: 'medium',
  goal: 'moderate',
  startDate: '2026-03-02',
  jurisdiction: 'US',
  product: { name: 'Test EV serum', origin: 'plant', registration: 'cosmetic', routes: ['topical'] },
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

/** A product made valid by the profile schema, from the baseline plus overrides. */
function product(over: Partial<ProductInput> = {}): Product {
  const p = consultationProfileSchema.parse({ ...BASELINE, product: { ...BASELINE.product, ...over } });
  return p.product!;
}

function check(
  jurisdiction: Jurisdiction,
  modality: ModalityId,
  over: Partial<ProductInput> = {},
  policy?: ClinicPolicy,
): RegulatoryResult {
  return checkRegulatory({ product: product(over), modality, jurisdiction, ...(policy ? { policy } : {}) });
}

/** The same check on a route directly: the catalog has no plain-topical modality yet. */
function checkRoute(
  jurisdiction: Jurisdiction,
  route: Route,
  over: Partial<ProductInput> = {},
  policy?: ClinicPolicy,
): RegulatoryResult {
  return checkRegulatoryRoute({ product: product(over), route, jurisdiction, ...(policy ? { policy } : {}) });
}

const rules = (r: RegulatoryResult) => r.reasons.map((x) => x.rule);
const reason = (r: RegulatoryResult, rule: string) => r.reasons.find((x) => x.rule === rule);
const disclosureIds = (r: RegulatoryResult) => r.disclosures.map((d) => d.id);

/** Modalities per route, taken from the catalog so the tests follow it. */
const modalitiesFor = (route: string) => MODALITY_IDS.filter((m) => findModality(m)?.route === route);

const HUMAN = 'human-umbilical-cord-msc' as const;

describe('checkRegulatory: any jurisdiction', () => {
  it('approved-route: an approved product on one of its routes is allowed', () => {
    for (const j of JURISDICTIONS) {
      const r = check(j, 'intra-articular-injection', {
        registration: 'approved',
        routes: ['intra-articular'],
      });
      expect(r.decision, j).toBe('allowed');
      expect(rules(r)).toEqual(['approved-route']);
      expect(r.needsIndNumber).toBe(false);
    }
  });

  it('off-label-route: an approved or investigational product outside its routes is a warning', () => {
    for (const j of JURISDICTIONS) {
      const approved = check(j, 'laser-topical', { registration: 'approved', routes: ['topical'] });
      expect(reason(approved, 'off-label-route')?.decision, j).toBe('warn');
      expect(approved.decision).toBe('warn');
      const inv = check(j, 'microneedling-topical', {
        registration: 'investigational',
        routes: ['topical'],
        indNumber: 'IND 012345',
      });
      expect(rules(inv)).toEqual(['off-label-route', 'investigational-with-ind']);
      expect(inv.decision).toBe('warn');
    }
  });

  it('investigational-without-ind: warns and asks for the IND number in every jurisdiction', () => {
    for (const j of JURISDICTIONS) {
      const r = check(j, 'laser-topical', {
        registration: 'investigational',
        routes: ['topical-after-device'],
      });
      expect(reason(r, 'investigational-without-ind')?.decision, j).toBe('warn');
      expect(r.needsIndNumber).toBe(true);
      expect(r.decision).toBe('warn');
    }
  });

  it('investigational-with-ind: allowed, with an investigational-use disclosure naming the number', () => {
    const r = check('US', 'intradermal-injection', {
      registration: 'investigational',
      routes: ['intradermal'],
      indNumber: 'IND 123456',
    });
    expect(r.decision).toBe('allowed');
    expect(rules(r)).toEqual(['investigational-with-ind']);
    expect(r.needsIndNumber).toBe(false);
    const d = r.disclosures.find((x) => x.id === 'investigational-use');
    expect(d?.text).toContain('IND 123456');
    expect(d?.sources).toContain('FDA-PSN-2019');
  });

  it('always discloses status, limited evidence, varying results and product origin', () => {
    const r = check('KR', 'laser-topical', { origin: 'human-adipose-msc' });
    expect(disclosureIds(r)).toEqual(
      expect.arrayContaining(['regulatory-status', 'evidence-limited', 'results-vary', 'product-origin']),
    );
    const status = r.disclosures.find((d) => d.id === 'regulatory-status');
    expect(status?.text).toContain('South Korea');
    expect(status?.text).toContain('cosmetic');
    expect(r.disclosures.find((d) => d.id === 'evidence-limited')?.sources).toEqual(['SHD-2024']);
    expect(r.disclosures.find((d) => d.id === 'results-vary')?.sources).toEqual(['S0', 'S3']);
    const origin = r.disclosures.find((d) => d.id === 'product-origin');
    expect(origin?.text).toContain('adipose');
    expect(origin?.sources).toContain('S4');
  });
});

describe('checkRegulatory: South Korea', () => {
  it('kr-cosmetic-needle-or-injection: a cosmetic needled or injected is blocked (KR-MFDS, KR-LICENCE-2025)', () => {
    for (const route of NEEDLE_OR_INJECTION_ROUTES) {
      for (const modality of modalitiesFor(route)) {
        const r = check('KR', modality, { registration: 'cosmetic', routes: ['topical'] });
        expect(r.decision, modality).toBe('block');
        expect(reason(r, 'kr-cosmetic-needle-or-injection')?.sources).toEqual(['KR-MFDS', 'KR-LICENCE-2025']);
      }
    }
    // Even if the clinic lists the route on the product, the cosmetic registration does not allow it.
    expect(
      check('KR', 'scalp-injection', { registration: 'cosmetic', routes: ['topical', 'intradermal'] })
        .decision,
    ).toBe('block');
  });

  it('kr-cosmetic-after-device: a cosmetic after a laser or RF device is a warning', () => {
    for (const modality of ['laser-topical', 'radiofrequency-topical'] as const) {
      const r = check('KR', modality, { registration: 'cosmetic' });
      expect(rules(r), modality).toEqual(['kr-cosmetic-after-device']);
      expect(r.decision).toBe('warn');
      expect(reason(r, 'kr-cosmetic-after-device')?.sources).toEqual(['KR-MFDS']);
    }
  });

  it('kr-cosmetic-topical: a cosmetic on intact skin is allowed, with the topical-only disclosure', () => {
    for (const origin of PRODUCT_ORIGINS) {
      const topical = checkRoute('KR', 'topical', { origin, registration: 'cosmetic' });
      expect(rules(topical), origin).toEqual(['kr-cosmetic-topical']);
      expect(topical.decision).toBe('allowed');
      expect(reason(topical, 'kr-cosmetic-topical')?.sources).toEqual(['KR-MFDS']);
    }
    const r = check('KR', 'laser-topical', { registration: 'cosmetic' });
    expect(disclosureIds(r)).toContain('kr-cosmetic-topical-only');
    expect(
      check('KR', 'laser-topical', { registration: 'approved' }).disclosures.map((d) => d.id),
    ).not.toContain('kr-cosmetic-topical-only');
  });

  it('kr-unregistered: an unregistered product is blocked whatever the route', () => {
    for (const modality of MODALITY_IDS) {
      const r = check('KR', modality, { registration: 'unregistered', origin: 'plant' });
      expect(r.decision, modality).toBe('block');
      expect(rules(r)).toContain('kr-unregistered');
    }
  });

  it('discloses the Korean advertising rule for human-derived products only (KR-AD-2025)', () => {
    const human = check('KR', 'laser-topical', { origin: HUMAN });
    expect(human.disclosures.find((d) => d.id === 'kr-advertising-wording')?.sources).toEqual(['KR-AD-2025']);
    expect(disclosureIds(check('KR', 'laser-topical', { origin: 'plant' }))).not.toContain(
      'kr-advertising-wording',
    );
    expect(disclosureIds(check('US', 'laser-topical', { origin: HUMAN }))).not.toContain(
      'kr-advertising-wording',
    );
  });
});

describe('checkRegulatory: EU and UK', () => {
  it('eu-uk-human-cosmetic: a human-derived product as a cosmetic is blocked on every route', () => {
    for (const origin of PRODUCT_ORIGINS.filter((o) => o.startsWith('human-'))) {
      for (const modality of MODALITY_IDS) {
        const eu = check('EU', modality, { origin, registration: 'cosmetic' });
        expect(eu.decision, `${origin} ${modality}`).toBe('block');
        expect(reason(eu, 'eu-uk-human-cosmetic')?.sources).toEqual(['EU-1223-2009']);
        const uk = check('UK', modality, { origin, registration: 'cosmetic' });
        expect(uk.decision).toBe('block');
        expect(reason(uk, 'eu-uk-human-cosmetic')?.sources).toEqual(['EU-1223-2009', 'UK-MHRA-2025']);
      }
    }
  });

  it('eu-uk-human-unregistered: a human-derived unregistered product is blocked', () => {
    const eu = check('EU', 'laser-topical', {
      origin: 'human-bone-marrow-msc',
      registration: 'unregistered',
    });
    expect(eu.decision).toBe('block');
    expect(reason(eu, 'eu-uk-human-unregistered')?.sources).toContain('EU-2001-83');
    const uk = check('UK', 'laser-topical', { origin: 'human-other', registration: 'unregistered' });
    expect(uk.decision).toBe('block');
    expect(reason(uk, 'eu-uk-human-unregistered')?.sources).toContain('UK-MHRA-2025');
  });

  it('eu-uk-cosmetic-beyond-topical: a non-human cosmetic used beyond plain topical is a warning', () => {
    for (const j of ['EU', 'UK'] as const) {
      for (const modality of MODALITY_IDS) {
        const r = check(j, modality, { origin: 'animal', registration: 'cosmetic' });
        expect(rules(r), `${j} ${modality}`).toEqual(['eu-uk-cosmetic-beyond-topical']);
        expect(r.decision).toBe('warn');
      }
    }
  });

  it('eu-uk-cosmetic-topical: a non-human cosmetic on intact skin is allowed', () => {
    for (const j of ['EU', 'UK'] as const) {
      for (const origin of ['plant', 'animal'] as const) {
        const r = checkRoute(j, 'topical', { origin, registration: 'cosmetic' });
        expect(rules(r), `${j} ${origin}`).toEqual(['eu-uk-cosmetic-topical']);
        expect(r.decision).toBe('allowed');
      }
      // The same route with a human-derived cosmetic is still blocked.
      expect(checkRoute(j, 'topical', { origin: HUMAN, registration: 'cosmetic' }).decision).toBe('block');
    }
  });

  it('eu-uk-unregistered: a non-human unregistered product is a warning', () => {
    const r = check('EU', 'radiofrequency-topical', { origin: 'plant', registration: 'unregistered' });
    expect(rules(r)).toEqual(['eu-uk-unregistered']);
    expect(r.decision).toBe('warn');
  });

  it('discloses that exosome products are not licensed, unless the product is approved', () => {
    expect(disclosureIds(check('UK', 'laser-topical'))).toContain('eu-uk-not-licensed');
    expect(disclosureIds(check('EU', 'laser-topical'))).toContain('eu-uk-not-licensed');
    expect(
      disclosureIds(
        check('EU', 'laser-topical', { registration: 'approved', routes: ['topical-after-device'] }),
      ),
    ).not.toContain('eu-uk-not-licensed');
  });
});

describe('checkRegulatory: United States', () => {
  it('us-unapproved-injection: an unapproved injected product warns and asks for the IND number', () => {
    for (const route of INJECTION_ROUTES) {
      for (const modality of modalitiesFor(route)) {
        for (const registration of ['cosmetic', 'unregistered', 'investigational'] as const) {
          const r = check('US', modality, { registration, routes: [route], origin: HUMAN });
          const x = reason(r, 'us-unapproved-injection');
          expect(x?.decision, `${modality} ${registration}`).toBe('warn');
          expect(x?.sources).toEqual(['FDA-PSN-2019', 'FDA-WL-2025']);
          expect(x?.message).toContain('IND');
          expect(r.needsIndNumber).toBe(true);
          expect(r.decision).toBe('warn');
        }
      }
    }
  });

  it('us-unapproved-injection: blocked when the clinic policy says so', () => {
    const r = check('US', 'iv-infusion', { registration: 'cosmetic' }, { blockUnapprovedInjection: true });
    expect(reason(r, 'us-unapproved-injection')?.decision).toBe('block');
    expect(r.decision).toBe('block');
    expect(r.needsIndNumber).toBe(true);
    // The policy does not touch approved use or use under a recorded IND.
    const policy = { blockUnapprovedInjection: true };
    expect(
      check('US', 'iv-infusion', { registration: 'approved', routes: ['intravenous'] }, policy).decision,
    ).toBe('allowed');
    expect(
      check(
        'US',
        'iv-infusion',
        { registration: 'investigational', routes: ['intravenous'], indNumber: 'IND 7' },
        policy,
      ).decision,
    ).toBe('allowed');
  });

  it('us-cosmetic-topical: a topical cosmetic is a grey-zone warning', () => {
    const r = checkRoute('US', 'topical', { registration: 'cosmetic' });
    expect(rules(r)).toEqual(['us-cosmetic-topical']);
    expect(r.decision).toBe('warn');
    expect(r.needsIndNumber).toBe(false);
    expect(reason(r, 'us-cosmetic-topical')?.sources).toEqual(['FDA-PSN-2019']);
    expect(reason(r, 'us-cosmetic-topical')?.message).toMatch(/not confirmed/);
  });

  it('us-cosmetic-after-procedure: a cosmetic after needling or a device is a warning', () => {
    for (const modality of ['microneedling-topical', 'laser-topical', 'radiofrequency-topical'] as const) {
      const r = check('US', modality, { registration: 'cosmetic' });
      expect(rules(r), modality).toEqual(['us-cosmetic-after-procedure']);
      expect(r.decision).toBe('warn');
      expect(r.needsIndNumber).toBe(false);
    }
  });

  it('us-unregistered: an unregistered product is a warning', () => {
    const r = check('US', 'microneedling-topical', { registration: 'unregistered' });
    expect(rules(r)).toEqual(['us-unregistered']);
    expect(r.decision).toBe('warn');
  });

  it('discloses FDA status and MedWatch', () => {
    const r = check('US', 'microneedling-topical', { origin: HUMAN });
    expect(r.disclosures.find((d) => d.id === 'fda-not-approved')?.sources).toEqual(['FDA-PSN-2019']);
    expect(r.disclosures.find((d) => d.id === 'medwatch')?.sources).toEqual(['FDA-MEDWATCH']);
    const approved = check('US', 'iv-infusion', { registration: 'approved', routes: ['intravenous'] });
    expect(disclosureIds(approved)).toContain('medwatch');
    expect(disclosureIds(approved)).not.toContain('fda-not-approved');
    expect(disclosureIds(check('KR', 'laser-topical'))).not.toContain('medwatch');
  });
});

describe('checkRegulatory: decisions', () => {
  it('worstDecision picks block over warn over allowed', () => {
    const r = (decision: 'allowed' | 'warn' | 'block') => ({
      rule: 'x',
      decision,
      message: 'm',
      sources: ['S0'],
    });
    expect(worstDecision([])).toBe('allowed');
    expect(worstDecision([r('allowed'), r('warn')])).toBe('warn');
    expect(worstDecision([r('warn'), r('block'), r('allowed')])).toBe('block');
  });

  it('every rule id fires somewhere in a sweep of inputs, except the unknown-modality guard', () => {
    const fired = new Set<string>();
    for (const jurisdiction of JURISDICTIONS)
      for (const route of ROUTES)
        for (const origin of ['plant', HUMAN] as const)
          for (const registration of REGISTRATIONS)
            for (const indNumber of [undefined, 'IND 1'])
              for (const routes of [[], ['topical'], [...ROUTES]] as const) {
                const r = checkRoute(jurisdiction, route, {
                  origin,
                  registration,
                  routes: [...routes],
                  ...(indNumber ? { indNumber } : {}),
                });
                for (const x of r.reasons) fired.add(x.rule);
              }
    const expected = REGULATORY_RULES.filter((id) => id !== 'unknown-modality');
    expect([...fired].sort()).toEqual([...expected].sort());
  });

  it('checkRegulatory gives the same answer as checkRegulatoryRoute on the modality route', () => {
    for (const jurisdiction of JURISDICTIONS)
      for (const modality of MODALITY_IDS)
        for (const registration of REGISTRATIONS) {
          const over = { registration, origin: HUMAN, routes: ['topical' as const] };
          const route = findModality(modality)!.route;
          expect(check(jurisdiction, modality, over)).toEqual(checkRoute(jurisdiction, route, over));
        }
  });

  it('an unknown modality is blocked rather than throwing', () => {
    const r = checkRegulatory({
      product: product(),
      modality: 'cryo-topical' as ModalityId,
      jurisdiction: 'US',
    });
    expect(r.decision).toBe('block');
    expect(rules(r)).toContain('unknown-modality');
  });
});

// ---------------------------------------------------------------------------------------------

interface ArbInput extends RegulatoryInput {
  /** A random route, to run the route-level check on as well. */
  route: Route;
}

const arbInput: fc.Arbitrary<ArbInput> = fc
  .record({
    product: fc.record({
      name: fc.option(fc.string({ minLength: 1, maxLength: 20 }), { nil: undefined }),
      origin: fc.constantFrom(...PRODUCT_ORIGINS),
      registration: fc.constantFrom(...REGISTRATIONS),
      routes: fc.subarray([...ROUTES]),
      indNumber: fc.option(fc.oneof(fc.constant('IND 012345'), fc.string({ minLength: 1, maxLength: 12 })), {
        nil: undefined,
      }),
      components: fc.option(fc.array(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 3 }), {
        nil: undefined,
      }),
    }),
    modality: fc.constantFrom(...MODALITY_IDS),
    route: fc.constantFrom(...ROUTES),
    jurisdiction: fc.constantFrom(...JURISDICTIONS),
    policy: fc.option(fc.record({ blockUnapprovedInjection: fc.boolean() }), { nil: undefined }),
  })
  .map(({ product: raw, modality, route, jurisdiction, policy }) => {
    const parsed = consultationProfileSchema.parse({ ...BASELINE, modality, jurisdiction, product: raw });
    return { product: parsed.product!, modality, route, jurisdiction, ...(policy ? { policy } : {}) };
  });

/** Both entry points: by catalog modality (and its route) and by a random route. */
function bothChecks(input: ArbInput): [RegulatoryResult, Route][] {
  const { route, ...byModality } = input;
  return [
    [checkRegulatory(byModality), findModality(input.modality)!.route],
    [checkRegulatoryRoute({ ...byModality, route }), route],
  ];
}

describe('checkRegulatory: properties', () => {
  it('never throws; the decision is the worst reason; every source and id is known', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        for (const [r] of bothChecks(input)) {
          const worst = r.reasons.reduce((w, x) => Math.max(w, REGULATORY_DECISIONS.indexOf(x.decision)), 0);
          expect(r.decision).toBe(REGULATORY_DECISIONS[worst]);
          expect(r.reasons.length).toBeGreaterThan(0);
          for (const x of r.reasons) {
            expect(REGULATORY_RULES).toContain(x.rule);
            expect(x.sources.length).toBeGreaterThan(0);
            for (const s of x.sources) expect(isKnownSource(s), s).toBe(true);
          }
          for (const d of r.disclosures) {
            expect(REGULATORY_DISCLOSURES).toContain(d.id);
            expect(d.sources.length).toBeGreaterThan(0);
            for (const s of d.sources) expect(isKnownSource(s), s).toBe(true);
          }
          const ids = r.disclosures.map((d) => d.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const always of ['regulatory-status', 'evidence-limited', 'results-vary', 'product-origin']) {
            expect(ids).toContain(always);
          }
          if (input.jurisdiction === 'US') expect(ids).toContain('medwatch');
          expect(r.needsIndNumber).toBe(
            r.reasons.some(
              (x) => x.rule === 'us-unapproved-injection' || x.rule === 'investigational-without-ind',
            ),
          );
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('holds the must-hold rules for every random input', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        for (const [r, route] of bothChecks(input)) {
          const { registration, origin } = input.product;
          if (
            input.jurisdiction === 'KR' &&
            registration === 'cosmetic' &&
            NEEDLE_OR_INJECTION_ROUTES.includes(route)
          ) {
            expect(r.decision).toBe('block');
          }
          if (
            (input.jurisdiction === 'EU' || input.jurisdiction === 'UK') &&
            origin.startsWith('human-') &&
            (registration === 'cosmetic' || registration === 'unregistered')
          ) {
            expect(r.decision).toBe('block');
          }
          if (
            input.jurisdiction === 'US' &&
            registration !== 'approved' &&
            INJECTION_ROUTES.includes(route) &&
            !(registration === 'investigational' && input.product.indNumber?.trim())
          ) {
            expect(r.needsIndNumber).toBe(true);
            expect(r.decision).toBe(input.policy?.blockUnapprovedInjection ? 'block' : 'warn');
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});
