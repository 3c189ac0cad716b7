import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { preconditionFailed } from '../shared/errors';
import { patientColumns } from './create-patient';
import { findPatient, toPatientView } from './repository';
import type { PatientInput, PatientPatch, PatientView } from './schemas';

/** Optimistic concurrency: the caller names the version it read; a stale write changes nothing. */
export async function updatePatient(
  ctx: UseCaseContext,
  patientId: string,
  expectedVersion: number,
  patch: PatientPatch,
): Promise<PatientView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const current = await findPatient(tx, ctx, patientId);
    if (current.version !== expectedVersion) {
      throw preconditionFailed(
        `the patient is at version ${current.version}, not ${expectedVersion}: read it again`,
      );
    }
    const merged: PatientInput = {
      givenName: current.given_name,
      familyName: current.family_name,
      dateOfBirth: current.date_of_birth,
      sex: current.sex as PatientInput['sex'],
      phone: current.phone,
      email: current.email,
      address: current.address,
      ...patch,
    };
    const row = await tx
      .updateTable('patients')
      .set({ ...patientColumns(merged), version: current.version + 1, updated_at: ctx.now })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('patient_id', '=', patientId)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw preconditionFailed('the patient changed meanwhile: read it again');
    await recordAudit(tx, ctx, {
      action: 'patient.update',
      patientId,
      entity: 'patient',
      entityId: patientId,
      detail: { fields: Object.keys(patch), version: row.version },
    });
    return toPatientView(row);
  });
}
