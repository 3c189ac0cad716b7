import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findConsent, toConsentView } from './repository';

/** One consent with its text, disclosures, signature and witness. */
export async function readConsent(ctx: UseCaseContext, consentId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await findConsent(tx, ctx, consentId);
    await recordAudit(tx, ctx, {
      action: 'consent.read',
      patientId: row.patient_id,
      entity: 'consent',
      entityId: row.consent_id,
    });
    return toConsentView(row);
  });
}
