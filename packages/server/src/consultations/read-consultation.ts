import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { type ConsultationView, findConsultation, toConsultationView } from './repository';

/** One consultation with its screening and regulatory results. */
export async function readConsultation(
  ctx: UseCaseContext,
  consultationId: string,
): Promise<ConsultationView> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await findConsultation(tx, ctx, consultationId);
    await recordAudit(tx, ctx, {
      action: 'consultation.read',
      patientId: row.patient_id,
      entity: 'consultation',
      entityId: row.consultation_id,
    });
    return row;
  });
  return toConsultationView(row);
}
