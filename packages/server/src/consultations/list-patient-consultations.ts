import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { type ConsultationView, toConsultationView } from './repository';

/** A patient's consultations, newest first, each with its screening and regulatory results. */
export async function listPatientConsultations(
  ctx: UseCaseContext,
  patientId: string,
): Promise<ConsultationView[]> {
  const rows = await withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    const rows = await tx
      .selectFrom('consultations')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .orderBy('consultation_id', 'desc')
      .execute();
    await recordAudit(tx, ctx, {
      action: 'consultation.list',
      patientId,
      entity: 'consultation',
      entityId: null,
      detail: { count: rows.length },
    });
    return rows;
  });
  return rows.map(toConsultationView);
}
