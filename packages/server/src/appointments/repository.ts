import { type EpochMs, localDateOf, type ResourceHold } from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson, writeJson } from '../db/connect';
import type { AppointmentsTable } from '../db/scheduling-schema';
import type { Tx } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import { MAX_HOLD_MS } from '../scheduling/busy-times';
import { localTime } from '../scheduling/present-time';
import { resourceConflict } from '../scheduling/write-transaction';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import type { TenantId } from '../shared/ids';
import { holdRows, insertAppointments } from './insert-appointments';

export type AppointmentRow = Selectable<AppointmentsTable>;

export interface AppointmentView {
  id: string;
  courseId: string | null;
  planId: string;
  patientId: string;
  locationId: string;
  modality: string;
  kind: 'initial' | 'maintenance' | 'follow-up';
  followUpKind: string | null;
  sessionIndex: number | null;
  status: string;
  start: number;
  end: number;
  /** The clinic's wall clock: the day and time a person reads. */
  local: { date: string; time: string; timeZone: string };
  practitionerId: string | null;
  roomId: string | null;
  deviceIds: string[];
  window: { earliest: string; latest: string } | null;
  replacesAppointmentId: string | null;
  version: number;
  createdAt: number;
  updatedAt: number;
}

export function toAppointmentView(r: AppointmentRow, timeZone: string): AppointmentView {
  return {
    id: r.appointment_id,
    courseId: r.course_id,
    planId: r.plan_id,
    patientId: r.patient_id,
    locationId: r.location_id,
    modality: r.modality,
    kind: r.kind as AppointmentView['kind'],
    followUpKind: r.follow_up_kind,
    sessionIndex: r.session_index,
    status: r.status,
    start: r.start_ms,
    end: r.end_ms,
    local: {
      date: localDateOf(r.start_ms as EpochMs, timeZone),
      time: localTime(r.start_ms, timeZone),
      timeZone,
    },
    practitionerId: r.practitioner_id,
    roomId: r.room_id,
    deviceIds: readJson<string[]>(r.device_ids),
    window:
      r.window_earliest && r.window_latest ? { earliest: r.window_earliest, latest: r.window_latest } : null,
    replacesAppointmentId: r.replaces_appointment_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Time zones of the sites, to show appointments on their own wall clock. */
export async function siteZones(tx: Tx, tenantId: TenantId): Promise<Map<string, string>> {
  const rows = await tx
    .selectFrom('locations')
    .select(['location_id', 'time_zone'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((r) => [r.location_id, r.time_zone]));
}

export async function findAppointment(
  tx: Tx,
  ctx: UseCaseContext,
  appointmentId: string,
): Promise<AppointmentRow> {
  const row = await tx
    .selectFrom('appointments')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('appointment_id', '=', appointmentId)
    .executeTakeFirst();
  if (!row) throw notFound('appointment');
  assertMayReachPatient(ctx, row.patient_id);
  return row;
}

export interface HoldRequest {
  resourceId: string;
  kind: ResourceHold['kind'];
  start: number;
  end: number;
}

/**
 * No active hold of another appointment overlaps these. On SQLite this check, inside the
 * `BEGIN IMMEDIATE` write, is the guarantee; on PostgreSQL it names the clash for the user and the
 * exclusion constraint stays the wall against a race.
 */
export async function assertHoldsFree(
  tx: Tx,
  tenantId: TenantId,
  holds: readonly HoldRequest[],
  ignoreAppointments: readonly string[] = [],
) {
  if (holds.length === 0) return;
  for (let i = 0; i < holds.length; i++) {
    for (let j = i + 1; j < holds.length; j++) {
      const a = holds[i]!;
      const b = holds[j]!;
      if (a.resourceId === b.resourceId && a.start < b.end && b.start < a.end)
        throw resourceConflict('two sessions of this request need the same resource at the same time');
    }
  }
  // One index range scan per hold, joined by UNION ALL: an OR of them lets SQLite's planner fall
  // back to scanning the clinic's holds by start time.
  const overlapping = (h: HoldRequest) => {
    let one = tx
      .selectFrom('resource_holds')
      .select(['resource_id', 'kind', 'start_ms', 'end_ms'])
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', h.resourceId)
      // Holds last a day at most (checked on insert): the lower bound keeps the scan short
      // instead of running over the resource's whole history.
      .where('start_ms', '>', h.start - MAX_HOLD_MS)
      .where('start_ms', '<', h.end)
      .where('end_ms', '>', h.start)
      .where('active', '=', 1);
    if (ignoreAppointments.length > 0) one = one.where('appointment_id', 'not in', [...ignoreAppointments]);
    return one;
  };
  let q = overlapping(holds[0]!);
  for (const h of holds.slice(1)) q = q.unionAll(overlapping(h));
  const clash = await q.limit(1).executeTakeFirst();
  if (clash) {
    throw resourceConflict(
      `the ${clash.kind} ${clash.resource_id} is already booked from ${new Date(clash.start_ms).toISOString()} to ${new Date(clash.end_ms).toISOString()}`,
      { resourceId: clash.resource_id, start: clash.start_ms, end: clash.end_ms },
    );
  }
}

export interface NewAppointment {
  courseId: string | null;
  planId: string;
  patientId: string;
  locationId: string;
  modality: string;
  kind: AppointmentView['kind'];
  followUpKind?: string | null;
  sessionIndex: number | null;
  start: number;
  end: number;
  practitionerId: string | null;
  roomId: string | null;
  deviceIds: string[];
  window: { earliest: string; latest: string } | null;
  replacesAppointmentId?: string | null;
  holds: HoldRequest[];
}

/** Insert an appointment, its first history row and its holds. The caller checked the holds are free. */
export async function insertAppointment(
  tx: Tx,
  ctx: UseCaseContext,
  a: NewAppointment,
  reason: string | null = null,
): Promise<AppointmentRow> {
  const [row] = await insertAppointments(tx, ctx, [a], reason);
  return row!;
}

async function insertHolds(
  tx: Tx,
  ctx: UseCaseContext,
  appointmentId: string,
  holds: readonly HoldRequest[],
) {
  if (holds.length === 0) return;
  await tx
    .insertInto('resource_holds')
    .values(holdRows(ctx, appointmentId, holds))
    .execute();
}

export async function writeHistory(
  tx: Tx,
  ctx: UseCaseContext,
  row: Pick<
    AppointmentRow,
    | 'appointment_id'
    | 'version'
    | 'status'
    | 'start_ms'
    | 'end_ms'
    | 'practitioner_id'
    | 'room_id'
    | 'device_ids'
  >,
  change: string,
  reason: string | null,
  deviationId: string | null,
) {
  await tx
    .insertInto('appointment_history')
    .values({
      tenant_id: ctx.actor.tenantId,
      appointment_id: row.appointment_id,
      version: row.version,
      change,
      status: row.status,
      start_ms: row.start_ms,
      end_ms: row.end_ms,
      practitioner_id: row.practitioner_id,
      room_id: row.room_id,
      device_ids: typeof row.device_ids === 'string' ? row.device_ids : writeJson(row.device_ids),
      reason,
      deviation_id: deviationId,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
    })
    .execute();
}

/** Change an appointment: a new version with a history row, never an update without one. */
export async function changeAppointment(
  tx: Tx,
  ctx: UseCaseContext,
  current: AppointmentRow,
  change: {
    kind: string;
    status?: string;
    move?: {
      start: number;
      end: number;
      practitionerId: string | null;
      roomId: string | null;
      deviceIds: string[];
      holds: HoldRequest[];
      locationId: string;
    };
    window?: { earliest: string; latest: string } | null;
    reason: string | null;
    deviationId?: string | null;
  },
): Promise<AppointmentRow> {
  const tenantId = ctx.actor.tenantId;
  const next: AppointmentRow = {
    ...current,
    version: current.version + 1,
    status: change.status ?? current.status,
    updated_at: ctx.now,
    ...(change.move && {
      start_ms: change.move.start,
      end_ms: change.move.end,
      practitioner_id: change.move.practitionerId,
      room_id: change.move.roomId,
      device_ids: writeJson(change.move.deviceIds),
      location_id: change.move.locationId,
    }),
    ...(change.window !== undefined && {
      window_earliest: change.window?.earliest ?? null,
      window_latest: change.window?.latest ?? null,
    }),
  };
  const updated = await tx
    .updateTable('appointments')
    .set({
      version: next.version,
      status: next.status,
      start_ms: next.start_ms,
      end_ms: next.end_ms,
      practitioner_id: next.practitioner_id,
      room_id: next.room_id,
      device_ids: typeof next.device_ids === 'string' ? next.device_ids : writeJson(next.device_ids),
      location_id: next.location_id,
      window_earliest: next.window_earliest,
      window_latest: next.window_latest,
      updated_at: ctx.now,
    })
    .where('tenant_id', '=', tenantId)
    .where('appointment_id', '=', current.appointment_id)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw resourceConflict('the appointment changed meanwhile: read it again');
  await writeHistory(tx, ctx, next, change.kind, change.reason, change.deviationId ?? null);
  const releases = change.move || next.status === 'cancelled' || next.status === 'no-show';
  if (releases) {
    await tx
      .updateTable('resource_holds')
      .set({ active: 0 })
      .where('tenant_id', '=', tenantId)
      .where('appointment_id', '=', current.appointment_id)
      .where('active', '=', 1)
      .execute();
  }
  if (change.move) await insertHolds(tx, ctx, current.appointment_id, change.move.holds);
  return next;
}
