import { PostgresAdapter } from 'kysely';
import { writeJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import { MAX_HOLD_MS } from '../scheduling/busy-times';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import type { AppointmentRow, HoldRequest, NewAppointment } from './repository';

/** Hold rows for an appointment; a hold longer than the bound the overlap scans rely on is a bug. */
export function holdRows(ctx: UseCaseContext, appointmentId: string, holds: readonly HoldRequest[]) {
  return holds.map((h) => {
    if (!(h.end > h.start && h.end - h.start <= MAX_HOLD_MS))
      throw new RangeError(`a resource hold must last between 0 and 24 h (${h.start}–${h.end})`);
    return {
      tenant_id: ctx.actor.tenantId,
      hold_id: newId(ctx.now),
      appointment_id: appointmentId,
      resource_id: h.resourceId,
      kind: h.kind,
      start_ms: h.start,
      end_ms: h.end,
      active: 1,
    };
  });
}

/**
 * Insert appointments with their first history rows and their holds: three statements however
 * many appointments (a course's sessions go in together). The caller checked the holds are free.
 */
export async function insertAppointments(
  tx: Tx,
  ctx: UseCaseContext,
  list: readonly NewAppointment[],
  reason: string | null = null,
): Promise<AppointmentRow[]> {
  if (list.length === 0) return [];
  const tenantId = ctx.actor.tenantId;
  const rows: AppointmentRow[] = list.map((a) => ({
    tenant_id: tenantId,
    appointment_id: newId(ctx.now),
    course_id: a.courseId,
    plan_id: a.planId,
    patient_id: a.patientId,
    location_id: a.locationId,
    modality: a.modality,
    kind: a.kind,
    follow_up_kind: a.followUpKind ?? null,
    session_index: a.sessionIndex,
    status: 'booked',
    start_ms: a.start,
    end_ms: a.end,
    practitioner_id: a.practitionerId,
    room_id: a.roomId,
    device_ids: writeJson(a.deviceIds),
    window_earliest: a.window?.earliest ?? null,
    window_latest: a.window?.latest ?? null,
    replaces_appointment_id: a.replacesAppointmentId ?? null,
    version: 1,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
  }));
  const holds = rows.flatMap((r, i) => holdRows(ctx, r.appointment_id, list[i]!.holds));
  const history = rows.map((r) => ({
    tenant_id: tenantId,
    appointment_id: r.appointment_id,
    version: r.version,
    change: 'booked',
    status: r.status,
    start_ms: r.start_ms,
    end_ms: r.end_ms,
    practitioner_id: r.practitioner_id,
    room_id: r.room_id,
    device_ids: r.device_ids,
    reason,
    deviation_id: null,
    created_at: ctx.now,
    created_by: ctx.actor.userId,
  }));
  if (tx.getExecutor().adapter instanceof PostgresAdapter && holds.length > 0) {
    // One round trip instead of three while the clinic's booking lock is held (foreign keys
    // between the parts are checked at the end of the statement).
    await tx
      .with('a', (db) => db.insertInto('appointments').values(rows))
      .with('h', (db) => db.insertInto('appointment_history').values(history))
      .insertInto('resource_holds')
      .values(holds)
      .execute();
    return rows;
  }
  await tx.insertInto('appointments').values(rows).execute();
  await tx.insertInto('appointment_history').values(history).execute();
  if (holds.length > 0) await tx.insertInto('resource_holds').values(holds).execute();
  return rows;
}
