import { findModality, type Plan, type SessionModality } from '@exoclinic/core';
import { readJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import { findPlan, findVersion } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { DomainError } from '../shared/errors';

export interface BookablePlan {
  planId: string;
  patientId: string;
  version: number;
  plan: Plan;
  /** Where the consultation took place: the default site. */
  consultationLocationId: string | null;
}

/** The accepted version of a plan: only an accepted plan is booked. */
export async function loadBookablePlan(tx: Tx, ctx: UseCaseContext, planId: string): Promise<BookablePlan> {
  const header = await findPlan(tx, ctx, planId);
  if (header.status !== 'accepted' || header.accepted_version === null) {
    throw new DomainError(
      409,
      'plan-not-accepted',
      'Plan not accepted',
      'only an accepted plan can be booked: accept the plan first',
    );
  }
  const version = await findVersion(tx, ctx, planId, header.accepted_version);
  const consultation = await tx
    .selectFrom('consultations')
    .select('location_id')
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('consultation_id', '=', header.consultation_id)
    .executeTakeFirst();
  return {
    planId,
    patientId: header.patient_id,
    version: header.accepted_version,
    plan: readJson<Plan>(version.plan),
    consultationLocationId: consultation?.location_id ?? null,
  };
}

export type SessionKind = 'initial' | 'maintenance' | 'follow-up';

// A review (outcome or safety follow-up) is a consultation, not a treatment: a practitioner and a
// room for at most half an hour. The clinic's own model, labelled as such.
const REVIEW_SEGMENT = {
  kind: 'procedure' as const,
  label: 'Follow-up review',
  minutes: { min: 20, max: 30 },
  needs: [{ kind: 'practitioner' as const }, { kind: 'room' as const }],
  sources: ['EXOCLINIC-MODEL'],
};

/** What one appointment of this kind occupies: the modality's segments, or a review. */
export function sessionModalityFor(plan: Plan, kind: SessionKind): SessionModality {
  const modality = findModality(plan.modality);
  if (!modality)
    throw new DomainError(
      422,
      'unknown-modality',
      'Unknown modality',
      `the plan's modality ${plan.modality} is not in the catalog`,
    );
  if (kind === 'follow-up') return { id: modality.id, segments: [REVIEW_SEGMENT] as never };
  return modality;
}
