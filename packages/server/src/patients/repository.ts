import type { Selectable } from 'kysely';
import type { PatientsTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import type { PatientView } from './schemas';

export function toPatientView(r: Selectable<PatientsTable>): PatientView {
  return {
    id: r.patient_id,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex,
    phone: r.phone,
    email: r.email,
    address: r.address,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A portal account reaches its own record only; anything else looks absent, like another clinic's. */
export function assertMayReachPatient(ctx: UseCaseContext, patientId: string): void {
  if (ctx.actor.role === 'patient' && ctx.actor.patientId !== patientId) throw notFound('patient');
}

export async function findPatient(tx: Tx, ctx: UseCaseContext, patientId: string) {
  assertMayReachPatient(ctx, patientId);
  const row = await tx
    .selectFrom('patients')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('patient_id', '=', patientId)
    .executeTakeFirst();
  if (!row) throw notFound('patient');
  return row;
}

/** The patient's full name as the clinic's papers write it (given name, then family name). */
export async function readPatientName(tx: Tx, ctx: UseCaseContext, patientId: string): Promise<string> {
  const p = await tx
    .selectFrom('patients')
    .select(['given_name', 'family_name'])
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('patient_id', '=', patientId)
    .executeTakeFirstOrThrow();
  return `${p.given_name} ${p.family_name}`;
}
