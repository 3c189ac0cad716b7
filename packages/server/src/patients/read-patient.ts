import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findPatient, toPatientView } from './repository';
import type { PatientView } from './schemas';

export async function readPatient(ctx: UseCaseContext, patientId: string): Promise<PatientView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await findPatient(tx, ctx, patientId);
    await recordAudit(tx, ctx, { action: 'patient.read', patientId, entity: 'patient', entityId: patientId });
    return toPatientView(row);
  });
}
