import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { readPatientName } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { conflict, unprocessable } from '../shared/errors';
import { foldForSearch } from '../shared/text';
import { findConsent, toConsentView } from './repository';

/**
 * The patient signs by typing their name; the time and network address are recorded. Signed on a
 * clinic device, the signed-in staff member is the witness; signed in the portal, a staff member
 * witnesses afterwards.
 */
export async function signConsent(
  ctx: UseCaseContext,
  consentId: string,
  input: { typedName: string; userAgent: string | null },
) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const consent = await findConsent(tx, ctx, consentId);
    if (consent.status !== 'pending') throw conflict('the consent is already signed');
    const patientName = await readPatientName(tx, ctx, consent.patient_id);
    if (foldForSearch(input.typedName) !== foldForSearch(patientName)) {
      throw unprocessable('the typed name must be the patient’s full name', [
        { path: 'body.typedName', message: 'does not match the patient’s name' },
      ]);
    }
    const byStaff = ctx.actor.role !== 'patient';
    const row = await tx
      .updateTable('consents')
      .set({
        status: byStaff ? 'witnessed' : 'signed',
        signed_name: input.typedName.trim(),
        signed_at: ctx.now,
        signed_ip: ctx.ip,
        signed_user_agent: input.userAgent?.slice(0, 300) ?? null,
        ...(byStaff && { witnessed_by: ctx.actor.userId, witnessed_at: ctx.now }),
      })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('consent_id', '=', consentId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'consent.sign',
      patientId: consent.patient_id,
      entity: 'consent',
      entityId: consentId,
      detail: { witnessed: byStaff },
    });
    return toConsentView(row);
  });
}

export async function witnessConsent(ctx: UseCaseContext, consentId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const consent = await findConsent(tx, ctx, consentId);
    if (consent.status !== 'signed') {
      throw conflict(
        consent.status === 'pending' ? 'the patient has not signed yet' : 'the consent is already witnessed',
      );
    }
    const row = await tx
      .updateTable('consents')
      .set({ status: 'witnessed', witnessed_by: ctx.actor.userId, witnessed_at: ctx.now })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('consent_id', '=', consentId)
      .where('status', '=', 'signed')
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'consent.witness',
      patientId: consent.patient_id,
      entity: 'consent',
      entityId: consentId,
    });
    return toConsentView(row);
  });
}
