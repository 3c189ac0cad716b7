import { adviseConsultation, parseConsultationProfile } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { readJson, writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import { findProduct } from '../products/repository';
import type { ProductRegistration } from '../products/schemas';
import type { UseCaseContext } from '../shared/context';
import { DomainError, notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import { type ConsultationView, tenantPolicy, toConsultationView } from './repository';

export interface ConsultationInput {
  /** The core's consultation profile, without identity; `jurisdiction` defaults to the clinic's. */
  profile: Record<string, unknown>;
  /** A product of the clinic: its registration in the profile's jurisdiction fills `profile.product`. */
  productId?: string | undefined;
  locationId?: string | undefined;
}

export const invalidProfile = (problems: { path: string; message: string }[]) =>
  new DomainError(
    400,
    'validation',
    'Invalid request',
    `${problems.length} field(s) of the profile are invalid`,
    {
      errors: problems.map((p) => ({ path: `body.profile.${p.path}`, message: p.message })),
    },
  );

/** Screen the patient and check the product's regulatory standing; store both with the profile. */
export async function recordConsultation(
  ctx: UseCaseContext,
  patientId: string,
  input: ConsultationInput,
): Promise<ConsultationView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    const tenant = await tx
      .selectFrom('tenants')
      .select(['jurisdiction'])
      .where('tenant_id', '=', ctx.actor.tenantId)
      .executeTakeFirstOrThrow();
    const raw: Record<string, unknown> = { jurisdiction: tenant.jurisdiction, ...input.profile };
    if (input.productId) {
      if (raw.product !== undefined) {
        throw new DomainError(400, 'validation', 'Invalid request', 'name the product once', {
          errors: [{ path: 'body.profile.product', message: 'leave out when productId is given' }],
        });
      }
      const product = await findProduct(tx, ctx.actor.tenantId, input.productId);
      const reg = readJson<ProductRegistration[]>(product.registrations).find(
        (r) => r.jurisdiction === raw.jurisdiction,
      );
      const components = readJson<string[]>(product.components);
      raw.product = {
        name: product.name,
        origin: product.origin,
        registration: reg?.registration ?? 'unregistered',
        routes: reg?.routes ?? [],
        ...(reg?.indNumber && { indNumber: reg.indNumber }),
        ...(components.length > 0 && { components }),
      };
    }
    if (input.locationId) {
      const loc = await tx
        .selectFrom('locations')
        .select('location_id')
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where('location_id', '=', input.locationId)
        .executeTakeFirst();
      if (!loc) throw notFound('location');
    }
    const parsed = parseConsultationProfile(raw);
    if (!parsed.ok) throw invalidProfile(parsed.problems);
    const profile = parsed.value;
    const advice = adviseConsultation(profile, { policy: await tenantPolicy(tx, ctx) });
    const row = await tx
      .insertInto('consultations')
      .values({
        tenant_id: ctx.actor.tenantId,
        consultation_id: newId(ctx.now),
        patient_id: patientId,
        location_id: input.locationId ?? null,
        product_id: input.productId ?? null,
        indication: profile.indication,
        modality: profile.modality,
        jurisdiction: profile.jurisdiction,
        verdict: advice.screening.verdict,
        regulatory_decision: advice.regulatory?.decision ?? null,
        bookable: advice.blockedBy.length === 0 ? 1 : 0,
        profile: writeJson(profile),
        screening: writeJson(advice.screening),
        regulatory: writeJson(advice.regulatory),
        blocked_by: writeJson(advice.blockedBy),
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'consultation.create',
      patientId,
      entity: 'consultation',
      entityId: row.consultation_id,
      detail: { verdict: row.verdict, regulatory: row.regulatory_decision, blockedBy: advice.blockedBy },
    });
    return toConsultationView(row);
  });
}
