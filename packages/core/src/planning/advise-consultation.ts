import type { Protocol } from '../catalog/protocols';
import type { ClinicPolicy, ConsultationProfile, PractitionerOverride } from '../profile';
import { checkRegulatory } from '../regulatory/check-regulatory';
import type { Disclosure, RegulatoryResult } from '../regulatory/types';
import { screenPatient } from '../screening/screen-patient';
import { NOT_BOOKABLE_VERDICTS, type ScreeningResult } from '../screening/types';
import { planCourse } from './plan-course';
import type { Plan } from './types';

export interface ConsultationAdvice {
  screening: ScreeningResult;
  /** Null when no product was named. */
  regulatory: RegulatoryResult | null;
  /** Null when screening or regulation stops the course and no override was given. */
  plan: Plan | null;
  bookable: boolean;
  /** What stops the course (`screening:defer`, `regulatory:block`); kept even when overridden. */
  blockedBy: string[];
  disclosures: Disclosure[];
  problems: { path: string; message: string }[];
}

export interface AdviseOptions {
  override?: PractitionerOverride;
  policy?: ClinicPolicy;
  clinicProtocols?: readonly Protocol[];
  horizonMonths?: number;
}

/**
 * The whole consultation decision: screen the patient, check the product's regulatory standing
 * for the route, and plan the course. A `defer` or `contraindicated` screening, or a `block`
 * regulatory decision, gives no plan unless a practitioner overrides it with a reason; the
 * override then travels with the plan.
 */
export function adviseConsultation(
  profile: ConsultationProfile,
  options: AdviseOptions = {},
): ConsultationAdvice {
  const screening = screenPatient(profile);
  const regulatory = profile.product
    ? checkRegulatory({
        product: profile.product,
        modality: profile.modality,
        jurisdiction: profile.jurisdiction,
        ...(options.policy ? { policy: options.policy } : {}),
      })
    : null;

  const blockedBy: string[] = [];
  if (NOT_BOOKABLE_VERDICTS.includes(screening.verdict)) blockedBy.push(`screening:${screening.verdict}`);
  if (regulatory?.decision === 'block') blockedBy.push('regulatory:block');

  const overridden = blockedBy.length > 0 && options.override !== undefined;
  const disclosures = regulatory?.disclosures ?? [];
  if (blockedBy.length > 0 && !overridden) {
    return { screening, regulatory, plan: null, bookable: false, blockedBy, disclosures, problems: [] };
  }
  const planned = planCourse(profile, {
    ...(options.clinicProtocols ? { clinicProtocols: options.clinicProtocols } : {}),
    ...(options.horizonMonths ? { horizonMonths: options.horizonMonths } : {}),
    ...(overridden && options.override
      ? { override: { ...options.override, overrides: [...blockedBy] } }
      : {}),
  });
  if (!planned.ok) {
    return {
      screening,
      regulatory,
      plan: null,
      bookable: false,
      blockedBy,
      disclosures,
      problems: planned.problems,
    };
  }
  return { screening, regulatory, plan: planned.plan, bookable: true, blockedBy, disclosures, problems: [] };
}
