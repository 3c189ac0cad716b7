import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { digitsOnly, foldForSearch } from '../shared/text';
import { toPatientView } from './repository';
import type { PatientInput, PatientView } from './schemas';

export function patientColumns(p: PatientInput) {
  return {
    given_name: p.givenName,
    family_name: p.familyName,
    sort_name: foldForSearch(`${p.familyName} ${p.givenName}`),
    search_name: foldForSearch(`${p.givenName} ${p.familyName}`),
    date_of_birth: p.dateOfBirth,
    sex: p.sex,
    phone: p.phone ?? null,
    phone_digits: p.phone ? digitsOnly(p.phone) : null,
    email: p.email ?? null,
    email_lower: p.email ? p.email.toLowerCase() : null,
    address: p.address ?? null,
  };
}

export async function createPatient(ctx: UseCaseContext, input: PatientInput): Promise<PatientView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await tx
      .insertInto('patients')
      .values({
        tenant_id: ctx.actor.tenantId,
        patient_id: newId(ctx.now),
        ...patientColumns(input),
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'patient.create',
      patientId: row.patient_id,
      entity: 'patient',
      entityId: row.patient_id,
    });
    return toPatientView(row);
  });
}
