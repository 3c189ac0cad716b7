import { recordAudit } from '../audit/record-audit';
import { findClinic } from '../clinic/repository';
import { readTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { loadSessionLookups, type PatientSession, toPatientSession } from './patient-session-view';

export interface PatientSessions {
  clinic: { name: string; phone: string | null; email: string | null };
  noticeHours: number;
  items: PatientSession[];
}

/** A patient's sessions as the patient reads them (oldest first), with how to reach the clinic. */
export async function listPatientSessions(ctx: UseCaseContext, patientId: string): Promise<PatientSessions> {
  return readTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    const [rows, clinic] = await Promise.all([
      tx
        .selectFrom('appointments')
        .selectAll()
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where('patient_id', '=', patientId)
        .orderBy('start_ms')
        .orderBy('appointment_id')
        .execute(),
      findClinic(tx, ctx.actor.tenantId),
    ]);
    const lookups = await loadSessionLookups(tx, ctx, rows);
    await recordAudit(tx, ctx, {
      action: 'patient-session.list',
      patientId,
      entity: 'appointment',
      entityId: null,
      detail: { count: rows.length },
    });
    return {
      clinic: { name: clinic.name, phone: clinic.phone, email: clinic.email },
      noticeHours: clinic.patient_change_notice_hours,
      items: rows.map((r) => toPatientSession(r, lookups, clinic.patient_change_notice_hours)),
    };
  });
}
