import type {
  ConsultationProfile,
  Disclosure,
  Plan,
  RegulatoryResult,
  ScreeningResult,
} from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { ConsultationsTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

export interface ConsultationView {
  id: string;
  patientId: string;
  locationId: string | null;
  productId: string | null;
  profile: ConsultationProfile;
  screening: ScreeningResult;
  regulatory: RegulatoryResult | null;
  blockedBy: string[];
  bookable: boolean;
  disclosures: Disclosure[];
  createdAt: number;
  createdBy: string;
}

export function toConsultationView(r: Selectable<ConsultationsTable>): ConsultationView {
  const regulatory = readJson<RegulatoryResult | null>(r.regulatory);
  return {
    id: r.consultation_id,
    patientId: r.patient_id,
    locationId: r.location_id,
    productId: r.product_id,
    profile: readJson<ConsultationProfile>(r.profile),
    screening: readJson<ScreeningResult>(r.screening),
    regulatory,
    blockedBy: readJson<string[]>(r.blocked_by),
    bookable: r.bookable === 1,
    disclosures: regulatory?.disclosures ?? [],
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export async function findConsultation(tx: Tx, ctx: UseCaseContext, consultationId: string) {
  const row = await tx
    .selectFrom('consultations')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  if (!row) throw notFound('consultation');
  assertMayReachPatient(ctx, row.patient_id);
  return row;
}

export async function tenantPolicy(
  tx: Tx,
  ctx: UseCaseContext,
): Promise<{ blockUnapprovedInjection: boolean }> {
  const t = await tx
    .selectFrom('tenants')
    .select(['policy'])
    .where('tenant_id', '=', ctx.actor.tenantId)
    .executeTakeFirstOrThrow();
  return { blockUnapprovedInjection: false, ...readJson<{ blockUnapprovedInjection?: boolean }>(t.policy) };
}

export type { Plan };
