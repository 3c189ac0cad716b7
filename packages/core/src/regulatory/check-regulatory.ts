import { findModality } from '../catalog/modalities';
import type { ClinicPolicy, Product } from '../profile';
import type { Jurisdiction, ModalityId, ProductOrigin, Registration, Route, SourceKey } from '../types';
import {
  type Disclosure,
  REGULATORY_DECISIONS,
  type RegulatoryDecision,
  type RegulatoryReason,
  type RegulatoryResult,
} from './types';

// Regulatory check of one product given by one modality in one jurisdiction (DOMAIN.md §12).
// Every rule returns at most one reason; the worst reason decides. Disclosures are the statements
// the consent form must carry for that product and place.

export interface RegulatoryInput {
  product: Product;
  modality: ModalityId;
  jurisdiction: Jurisdiction;
  policy?: ClinicPolicy;
}

/** The same check written against a route directly (for a route no catalog modality uses yet). */
export interface RegulatoryRouteInput {
  product: Product;
  route: Route;
  jurisdiction: Jurisdiction;
  policy?: ClinicPolicy;
}

export const REGULATORY_RULES = [
  'unknown-modality',
  'approved-route',
  'off-label-route',
  'investigational-with-ind',
  'investigational-without-ind',
  'kr-cosmetic-needle-or-injection',
  'kr-cosmetic-after-device',
  'kr-cosmetic-topical',
  'kr-unregistered',
  'eu-uk-human-cosmetic',
  'eu-uk-human-unregistered',
  'eu-uk-cosmetic-beyond-topical',
  'eu-uk-cosmetic-topical',
  'eu-uk-unregistered',
  'us-unapproved-injection',
  'us-cosmetic-topical',
  'us-cosmetic-after-procedure',
  'us-unregistered',
] as const;
export type RegulatoryRuleId = (typeof REGULATORY_RULES)[number];

export const REGULATORY_DISCLOSURES = [
  'regulatory-status',
  'fda-not-approved',
  'medwatch',
  'kr-cosmetic-topical-only',
  'kr-advertising-wording',
  'eu-uk-not-licensed',
  'investigational-use',
  'evidence-limited',
  'results-vary',
  'product-origin',
] as const;
export type DisclosureId = (typeof REGULATORY_DISCLOSURES)[number];

/** Routes that put the product under the skin, into a joint or into a vein. */
export const INJECTION_ROUTES: readonly Route[] = ['intradermal', 'intra-articular', 'intravenous'];
/** Routes that break the skin with needles or inject (the Korean cosmetic rule). */
export const NEEDLE_OR_INJECTION_ROUTES: readonly Route[] = ['topical-after-needling', ...INJECTION_ROUTES];

interface Ctx {
  product: Product;
  jurisdiction: Jurisdiction;
  policy: ClinicPolicy | undefined;
  /** The modality asked for, when the check started from one. */
  modalityId: ModalityId | undefined;
  /** Undefined only when the modality is unknown to the catalog. */
  route: Route | undefined;
  human: boolean;
}

interface RuleOutcome {
  reason: RegulatoryReason;
  needsIndNumber?: boolean;
}

interface RegulatoryRule {
  id: RegulatoryRuleId;
  check: (ctx: Ctx) => RuleOutcome | undefined;
}

export function isHumanDerived(origin: ProductOrigin): boolean {
  return origin.startsWith('human-');
}

const JURISDICTION_NAME: Record<Jurisdiction, string> = {
  US: 'the United States',
  KR: 'South Korea',
  EU: 'the European Union',
  UK: 'the United Kingdom',
};

const REGISTRATION_TEXT: Record<Registration, string> = {
  approved: 'an approved medicine or biological product',
  investigational: 'an investigational product',
  cosmetic: 'a cosmetic',
  unregistered: 'not registered with the regulator',
};

const ORIGIN_TEXT: Record<ProductOrigin, string> = {
  'human-umbilical-cord-msc': 'human umbilical-cord mesenchymal stem cells',
  'human-adipose-msc': 'human adipose (fat) mesenchymal stem cells',
  'human-bone-marrow-msc': 'human bone-marrow mesenchymal stem cells',
  'human-foreskin-msc': 'human foreskin-derived stem cells',
  'human-other': 'human cells or tissue',
  plant: 'plants',
  animal: 'animal material',
};

const ROUTE_TEXT: Record<Route, string> = {
  topical: 'applied to intact skin',
  'topical-after-needling': 'applied to skin after microneedling',
  'topical-after-device': 'applied to skin after a laser or radiofrequency device',
  intradermal: 'injected into the skin',
  'intra-articular': 'injected into a joint or tendon',
  intravenous: 'given by intravenous infusion',
};

/** The regulator sources behind a jurisdiction's status statement. */
const STATUS_SOURCES: Record<Jurisdiction, SourceKey[]> = {
  US: ['FDA-PSN-2019'],
  KR: ['KR-MFDS'],
  EU: ['EU-1223-2009', 'EU-2001-83'],
  UK: ['UK-MHRA-2025'],
};

const reason = (
  rule: RegulatoryRuleId,
  decision: RegulatoryDecision,
  message: string,
  sources: SourceKey[],
): RegulatoryReason => ({ rule, decision, message, sources });

const routeText = (ctx: Ctx) => (ctx.route ? ROUTE_TEXT[ctx.route] : 'given by an unknown route');
const isInjection = (route: Route | undefined) => route !== undefined && INJECTION_ROUTES.includes(route);
const hasInd = (p: Product) => p.indNumber !== undefined && p.indNumber.trim().length > 0;

// ---------------------------------------------------------------------------------------------
// Rules for every jurisdiction

const unknownModality: RegulatoryRule = {
  id: 'unknown-modality',
  check: (ctx) =>
    ctx.route === undefined
      ? {
          reason: reason(
            'unknown-modality',
            'block',
            `The treatment "${ctx.modalityId ?? 'unknown'}" is not in the catalog, so its route cannot be checked against the product's registration.`,
            ['EXOCLINIC-MODEL'],
          ),
        }
      : undefined,
};

const approvedRoute: RegulatoryRule = {
  id: 'approved-route',
  check: (ctx) =>
    ctx.product.registration === 'approved' && ctx.route && ctx.product.routes.includes(ctx.route)
      ? {
          reason: reason(
            'approved-route',
            'allowed',
            `The product is recorded as approved in ${JURISDICTION_NAME[ctx.jurisdiction]} for use ${routeText(ctx)}.`,
            STATUS_SOURCES[ctx.jurisdiction],
          ),
        }
      : undefined,
};

const offLabelRoute: RegulatoryRule = {
  id: 'off-label-route',
  check: (ctx) => {
    const { registration, routes } = ctx.product;
    if (registration !== 'approved' && registration !== 'investigational') return undefined;
    if (!ctx.route || routes.includes(ctx.route)) return undefined;
    return {
      reason: reason(
        'off-label-route',
        'warn',
        `The product's ${registration === 'approved' ? 'approval' : 'investigational authorisation'} does not cover use ${routeText(ctx)}. Using it this way is off-label: record the clinical reason and tell the patient.`,
        STATUS_SOURCES[ctx.jurisdiction],
      ),
    };
  },
};

const investigationalWithInd: RegulatoryRule = {
  id: 'investigational-with-ind',
  check: (ctx) =>
    ctx.product.registration === 'investigational' && hasInd(ctx.product)
      ? {
          reason: reason(
            'investigational-with-ind',
            'allowed',
            `The product is investigational and an authorisation number is recorded (${ctx.product.indNumber?.trim()}). Use it only within that study's protocol and consent.`,
            ctx.jurisdiction === 'US' ? ['FDA-PSN-2019'] : STATUS_SOURCES[ctx.jurisdiction],
          ),
        }
      : undefined,
};

const investigationalWithoutInd: RegulatoryRule = {
  id: 'investigational-without-ind',
  check: (ctx) =>
    ctx.product.registration === 'investigational' && !hasInd(ctx.product)
      ? {
          reason: reason(
            'investigational-without-ind',
            'warn',
            'The product is recorded as investigational but no authorisation number (IND or the national equivalent) is on file. Record it before treating.',
            ctx.jurisdiction === 'US' ? ['FDA-PSN-2019'] : STATUS_SOURCES[ctx.jurisdiction],
          ),
          needsIndNumber: true,
        }
      : undefined,
};

// ---------------------------------------------------------------------------------------------
// South Korea: clinic exosome products are cosmetics, for the skin surface only

const krCosmeticNeedleOrInjection: RegulatoryRule = {
  id: 'kr-cosmetic-needle-or-injection',
  check: (ctx) =>
    ctx.jurisdiction === 'KR' &&
    ctx.product.registration === 'cosmetic' &&
    ctx.route !== undefined &&
    NEEDLE_OR_INJECTION_ROUTES.includes(ctx.route)
      ? {
          reason: reason(
            'kr-cosmetic-needle-or-injection',
            'block',
            `A cosmetic registration in Korea covers applying the product to the skin surface only. Using it ${routeText(ctx)} falls outside that registration; a doctor's licence has been suspended for injecting a topical product.`,
            ['KR-MFDS', 'KR-LICENCE-2025'],
          ),
        }
      : undefined,
};

const krCosmeticAfterDevice: RegulatoryRule = {
  id: 'kr-cosmetic-after-device',
  check: (ctx) =>
    ctx.jurisdiction === 'KR' &&
    ctx.product.registration === 'cosmetic' &&
    ctx.route === 'topical-after-device'
      ? {
          reason: reason(
            'kr-cosmetic-after-device',
            'warn',
            'A cosmetic registration in Korea covers applying the product to the skin surface. After a laser or radiofrequency device it is still applied on the skin, but on skin the device has disrupted; whether that stays within the registration is not settled. Keep the use and any claims cosmetic.',
            ['KR-MFDS'],
          ),
        }
      : undefined,
};

const krCosmeticTopical: RegulatoryRule = {
  id: 'kr-cosmetic-topical',
  check: (ctx) =>
    ctx.jurisdiction === 'KR' && ctx.product.registration === 'cosmetic' && ctx.route === 'topical'
      ? {
          reason: reason(
            'kr-cosmetic-topical',
            'allowed',
            'Applying a registered cosmetic to the skin surface is within its Korean registration.',
            ['KR-MFDS'],
          ),
        }
      : undefined,
};

const krUnregistered: RegulatoryRule = {
  id: 'kr-unregistered',
  check: (ctx) =>
    ctx.jurisdiction === 'KR' && ctx.product.registration === 'unregistered'
      ? {
          reason: reason(
            'kr-unregistered',
            'block',
            'The product has no registration with the Korean Ministry of Food and Drug Safety and may not be used in the clinic.',
            ['KR-MFDS'],
          ),
        }
      : undefined,
};

// ---------------------------------------------------------------------------------------------
// EU and UK: nothing of human origin in cosmetics; no licensed exosome medicine for aesthetics

const euUkHumanCosmetic: RegulatoryRule = {
  id: 'eu-uk-human-cosmetic',
  check: (ctx) =>
    (ctx.jurisdiction === 'EU' || ctx.jurisdiction === 'UK') &&
    ctx.human &&
    ctx.product.registration === 'cosmetic'
      ? {
          reason: reason(
            'eu-uk-human-cosmetic',
            'block',
            `Cosmetics law in ${JURISDICTION_NAME[ctx.jurisdiction]} forbids ingredients of human origin, so a human-derived exosome product cannot lawfully be a cosmetic.` +
              (ctx.jurisdiction === 'UK' ? ' Nor is it licensed by the MHRA for aesthetic use.' : ''),
            ctx.jurisdiction === 'UK' ? ['EU-1223-2009', 'UK-MHRA-2025'] : ['EU-1223-2009'],
          ),
        }
      : undefined,
};

const euUkHumanUnregistered: RegulatoryRule = {
  id: 'eu-uk-human-unregistered',
  check: (ctx) =>
    (ctx.jurisdiction === 'EU' || ctx.jurisdiction === 'UK') &&
    ctx.human &&
    ctx.product.registration === 'unregistered'
      ? {
          reason: reason(
            'eu-uk-human-unregistered',
            'block',
            ctx.jurisdiction === 'UK'
              ? 'A human-derived exosome product without a licence: exosome products are not licensed by the MHRA for aesthetic use, and human-derived ones cannot be cosmetics.'
              : 'A human-derived exosome product without an EU marketing authorisation: it cannot be a cosmetic, and a medicine may not be supplied without authorisation.',
            ctx.jurisdiction === 'UK' ? ['UK-MHRA-2025', 'EU-1223-2009'] : ['EU-2001-83', 'EU-1223-2009'],
          ),
        }
      : undefined,
};

const euUkCosmeticBeyondTopical: RegulatoryRule = {
  id: 'eu-uk-cosmetic-beyond-topical',
  check: (ctx) =>
    (ctx.jurisdiction === 'EU' || ctx.jurisdiction === 'UK') &&
    !ctx.human &&
    ctx.product.registration === 'cosmetic' &&
    ctx.route !== undefined &&
    ctx.route !== 'topical'
      ? {
          reason: reason(
            'eu-uk-cosmetic-beyond-topical',
            'warn',
            `A plant- or animal-derived exosome cosmetic is allowed only as a skin-surface product at non-pharmacological levels. Using it ${routeText(ctx)} goes beyond cosmetic use.`,
            ctx.jurisdiction === 'UK' ? ['EU-1223-2009', 'UK-MHRA-2025'] : ['EU-1223-2009'],
          ),
        }
      : undefined,
};

const euUkCosmeticTopical: RegulatoryRule = {
  id: 'eu-uk-cosmetic-topical',
  check: (ctx) =>
    (ctx.jurisdiction === 'EU' || ctx.jurisdiction === 'UK') &&
    !ctx.human &&
    ctx.product.registration === 'cosmetic' &&
    ctx.route === 'topical'
      ? {
          reason: reason(
            'eu-uk-cosmetic-topical',
            'allowed',
            'A plant- or animal-derived exosome cosmetic applied to intact skin is within cosmetic use.',
            ['EU-1223-2009'],
          ),
        }
      : undefined,
};

const euUkUnregistered: RegulatoryRule = {
  id: 'eu-uk-unregistered',
  check: (ctx) =>
    (ctx.jurisdiction === 'EU' || ctx.jurisdiction === 'UK') &&
    !ctx.human &&
    ctx.product.registration === 'unregistered'
      ? {
          reason: reason(
            'eu-uk-unregistered',
            'warn',
            'The product is recorded with no cosmetic notification and no marketing authorisation. Confirm its legal status with the supplier before use.',
            ctx.jurisdiction === 'UK' ? ['UK-MHRA-2025', 'EU-1223-2009'] : ['EU-2001-83', 'EU-1223-2009'],
          ),
        }
      : undefined,
};

// ---------------------------------------------------------------------------------------------
// United States: exosomes that treat a condition are drugs and biologics needing FDA review

const usUnapprovedInjection: RegulatoryRule = {
  id: 'us-unapproved-injection',
  check: (ctx) => {
    const { product } = ctx;
    if (ctx.jurisdiction !== 'US' || product.registration === 'approved' || !isInjection(ctx.route)) {
      return undefined;
    }
    // Use under a recorded IND is lawful research use; the investigational rules cover it.
    if (product.registration === 'investigational' && hasInd(product)) return undefined;
    const block = ctx.policy?.blockUnapprovedInjection === true;
    return {
      reason: reason(
        'us-unapproved-injection',
        block ? 'block' : 'warn',
        `The product is not FDA-approved and would be ${routeText(ctx)}. FDA treats such use as an unapproved drug or biologic that needs an IND: record the IND number before treating.` +
          (block ? " The clinic's policy blocks injecting unapproved products." : ''),
        ['FDA-PSN-2019', 'FDA-WL-2025'],
      ),
      needsIndNumber: true,
    };
  },
};

const usCosmeticTopical: RegulatoryRule = {
  id: 'us-cosmetic-topical',
  check: (ctx) =>
    ctx.jurisdiction === 'US' && ctx.product.registration === 'cosmetic' && ctx.route === 'topical'
      ? {
          reason: reason(
            'us-cosmetic-topical',
            'warn',
            'Topical exosome cosmetics are a grey zone in the US: whether FDA regards a given product as a cosmetic or as an unapproved drug is not confirmed. Make no claim that it treats a condition.',
            ['FDA-PSN-2019'],
          ),
        }
      : undefined,
};

const usCosmeticAfterProcedure: RegulatoryRule = {
  id: 'us-cosmetic-after-procedure',
  check: (ctx) =>
    ctx.jurisdiction === 'US' &&
    ctx.product.registration === 'cosmetic' &&
    (ctx.route === 'topical-after-needling' || ctx.route === 'topical-after-device')
      ? {
          reason: reason(
            'us-cosmetic-after-procedure',
            'warn',
            `The product is a cosmetic and would be ${routeText(ctx)}, which carries it through the skin barrier. FDA may regard this as use of an unapproved drug or biologic; its position on this use is not confirmed.`,
            ['FDA-PSN-2019'],
          ),
        }
      : undefined,
};

const usUnregistered: RegulatoryRule = {
  id: 'us-unregistered',
  check: (ctx) =>
    ctx.jurisdiction === 'US' && ctx.product.registration === 'unregistered'
      ? {
          reason: reason(
            'us-unregistered',
            'warn',
            'The product is recorded with no US status at all (not approved, not under an IND, not marketed as a cosmetic). Confirm its status with the supplier before use.',
            ['FDA-PSN-2019', 'FDA-WL-2025'],
          ),
        }
      : undefined,
};

/** Every rule, in the order their reasons are listed. */
const RULE_LIST: readonly RegulatoryRule[] = [
  unknownModality,
  approvedRoute,
  offLabelRoute,
  investigationalWithInd,
  investigationalWithoutInd,
  krCosmeticNeedleOrInjection,
  krCosmeticAfterDevice,
  krCosmeticTopical,
  krUnregistered,
  euUkHumanCosmetic,
  euUkHumanUnregistered,
  euUkCosmeticBeyondTopical,
  euUkCosmeticTopical,
  euUkUnregistered,
  usUnapprovedInjection,
  usCosmeticTopical,
  usCosmeticAfterProcedure,
  usUnregistered,
];

// ---------------------------------------------------------------------------------------------
// Disclosures

const disclosure = (id: DisclosureId, text: string, sources: SourceKey[]): Disclosure => ({
  id,
  text,
  sources,
});

function disclosuresFor(ctx: Ctx): Disclosure[] {
  const { product, jurisdiction } = ctx;
  const name = product.name ? ` (${product.name})` : '';
  const place = JURISDICTION_NAME[jurisdiction];
  const routes = product.routes.map((r) => ROUTE_TEXT[r]).join('; ');
  const out: Disclosure[] = [];

  out.push(
    disclosure(
      'regulatory-status',
      `In ${place} this product${name} is recorded as ${REGISTRATION_TEXT[product.registration]}.` +
        (product.registration !== 'unregistered' && routes ? ` Its registration covers use ${routes}.` : '') +
        (ctx.route ? ` In this treatment it is ${ROUTE_TEXT[ctx.route]}.` : ''),
      STATUS_SOURCES[jurisdiction],
    ),
  );

  if (product.registration === 'investigational' && hasInd(product)) {
    out.push(
      disclosure(
        'investigational-use',
        `This product is used under investigational authorisation ${product.indNumber?.trim()}. It is still being studied and is not approved; its benefits and risks are not fully known.`,
        jurisdiction === 'US' ? ['FDA-PSN-2019'] : STATUS_SOURCES[jurisdiction],
      ),
    );
  }

  if (jurisdiction === 'US') {
    // An approved product would make the general statement untrue for it; the status line covers it.
    if (product.registration !== 'approved') {
      out.push(
        disclosure(
          'fda-not-approved',
          'The FDA has not approved any exosome product for skin, hair or joint treatment. It regards exosome products used to treat diseases or conditions as drugs and biological products that need its review before use.',
          ['FDA-PSN-2019'],
        ),
      );
    }
    out.push(
      disclosure(
        'medwatch',
        'Side effects or other problems after treatment can be reported to the FDA through its MedWatch programme, by the patient as well as by the clinic.',
        ['FDA-MEDWATCH'],
      ),
    );
  }

  if (jurisdiction === 'KR') {
    if (product.registration === 'cosmetic') {
      out.push(
        disclosure(
          'kr-cosmetic-topical-only',
          'In Korea this product is registered as a cosmetic. That registration covers applying it to the surface of the skin only, not injecting it or delivering it with needles.',
          ['KR-MFDS', 'KR-LICENCE-2025'],
        ),
      );
    }
    if (ctx.human) {
      out.push(
        disclosure(
          'kr-advertising-wording',
          'This product is of human origin. Since January 2025 Korean advertising may not describe human-derived products as "exosome", so the clinic does not use that word for it in its advertising.',
          ['KR-AD-2025'],
        ),
      );
    }
  }

  if ((jurisdiction === 'EU' || jurisdiction === 'UK') && product.registration !== 'approved') {
    out.push(
      disclosure(
        'eu-uk-not-licensed',
        jurisdiction === 'UK'
          ? 'Exosome products are not licensed by the MHRA for aesthetic use, and UK cosmetics law does not allow ingredients of human origin.'
          : 'This product holds no EU marketing authorisation as a medicine, and EU cosmetics law does not allow ingredients of human origin.',
        jurisdiction === 'UK' ? ['UK-MHRA-2025', 'EU-1223-2009'] : ['EU-2001-83', 'EU-1223-2009'],
      ),
    );
  }

  out.push(
    disclosure(
      'evidence-limited',
      'The published evidence for exosome treatments is limited: studies are few and small, many are linked to manufacturers, and treatment protocols are not standardised.',
      ['SHD-2024'],
    ),
    disclosure(
      'results-vary',
      'Results differ from person to person and fade over time; maintenance sessions may be needed to keep them. No particular result can be promised.',
      ['S0', 'S3'],
    ),
    disclosure(
      'product-origin',
      `This product is derived from ${ORIGIN_TEXT[product.origin]}. Quality, purity and concentration differ between suppliers; the clinic records the supplier and batch of every dose given.`,
      ['S4', 'S1'],
    ),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------

const rank = (d: RegulatoryDecision) => REGULATORY_DECISIONS.indexOf(d);

/** The worst of the reasons' decisions; `allowed` when there are none. */
export function worstDecision(reasons: readonly RegulatoryReason[]): RegulatoryDecision {
  let worst: RegulatoryDecision = 'allowed';
  for (const r of reasons) if (rank(r.decision) > rank(worst)) worst = r.decision;
  return worst;
}

function evaluate(ctx: Ctx): RegulatoryResult {
  const reasons: RegulatoryReason[] = [];
  let needsIndNumber = false;
  for (const rule of RULE_LIST) {
    const outcome = rule.check(ctx);
    if (outcome === undefined) continue;
    reasons.push(outcome.reason);
    if (outcome.needsIndNumber) needsIndNumber = true;
  }
  return { decision: worstDecision(reasons), reasons, disclosures: disclosuresFor(ctx), needsIndNumber };
}

/**
 * Checks a product's registration against the route the chosen treatment uses, in the clinic's
 * jurisdiction, and lists what the consent must state. Pure: never throws for valid input.
 */
export function checkRegulatory(input: RegulatoryInput): RegulatoryResult {
  return evaluate({
    product: input.product,
    jurisdiction: input.jurisdiction,
    policy: input.policy,
    modalityId: input.modality,
    route: findModality(input.modality)?.route,
    human: isHumanDerived(input.product.origin),
  });
}

/** `checkRegulatory` for a route rather than a catalog modality. */
export function checkRegulatoryRoute(input: RegulatoryRouteInput): RegulatoryResult {
  return evaluate({
    product: input.product,
    jurisdiction: input.jurisdiction,
    policy: input.policy,
    modalityId: undefined,
    route: input.route,
    human: isHumanDerived(input.product.origin),
  });
}
