import { startOfLocalDay } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { readJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { assertMayReachPatient, findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { unprocessable } from '../shared/errors';
import { type AppointmentView, findAppointment, siteZones, toAppointmentView } from './repository';

export interface HistoryEntry {
  version: number;
  change: string;
  status: string;
  start: number;
  end: number;
  practitionerId: string | null;
  roomId: string | null;
  deviceIds: string[];
  reason: string | null;
  deviationId: string | null;
  at: number;
  by: string;
}

/** One appointment with every version it went through. */
export async function readAppointment(
  ctx: UseCaseContext,
  appointmentId: string,
): Promise<AppointmentView & { history: HistoryEntry[] }> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await findAppointment(tx, ctx, appointmentId);
    const [history, zones] = await Promise.all([
      tx
        .selectFrom('appointment_history')
        .selectAll()
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where('appointment_id', '=', appointmentId)
        .orderBy('version')
        .execute(),
      siteZones(tx, ctx.actor.tenantId),
    ]);
    await recordAudit(tx, ctx, {
      action: 'appointment.read',
      patientId: row.patient_id,
      entity: 'appointment',
      entityId: appointmentId,
    });
    return {
      ...toAppointmentView(row, zones.get(row.location_id) ?? 'UTC'),
      history: history.map((h) => ({
        version: h.version,
        change: h.change,
        status: h.status,
        start: h.start_ms,
        end: h.end_ms,
        practitionerId: h.practitioner_id,
        roomId: h.room_id,
        deviceIds: readJson<string[]>(h.device_ids),
        // Reasons are the staff's notes (a cancellation, a deviation): a patient sees what changed.
        reason: ctx.actor.role === 'patient' ? null : h.reason,
        deviationId: h.deviation_id,
        at: h.created_at,
        // Staff accounts are the clinic's business: a patient sees "clinic" or their own change.
        by: ctx.actor.role === 'patient' && h.created_by !== ctx.actor.userId ? 'clinic' : h.created_by,
      })),
    };
  });
}

/** A patient's appointments, oldest first. */
export async function listPatientAppointments(
  ctx: UseCaseContext,
  patientId: string,
): Promise<AppointmentView[]> {
  assertMayReachPatient(ctx, patientId);
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    const [rows, zones] = await Promise.all([
      tx
        .selectFrom('appointments')
        .selectAll()
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where('patient_id', '=', patientId)
        .orderBy('start_ms')
        .orderBy('appointment_id')
        .execute(),
      siteZones(tx, ctx.actor.tenantId),
    ]);
    await recordAudit(tx, ctx, {
      action: 'appointment.list',
      patientId,
      entity: 'appointment',
      entityId: null,
      detail: { count: rows.length },
    });
    return rows.map((r) => toAppointmentView(r, zones.get(r.location_id) ?? 'UTC'));
  });
}

/** The day sheet: appointments in a range of local days, for a site, a practitioner or a room. */
export async function listAppointments(
  ctx: UseCaseContext,
  q: {
    from: string;
    to: string;
    location?: string | undefined;
    resource?: string | undefined;
    includeCancelled?: boolean;
  },
): Promise<DaySheetEntry[]> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const zones = await siteZones(tx, ctx.actor.tenantId);
    const zone = (q.location && zones.get(q.location)) || [...zones.values()][0] || 'UTC';
    if (q.to < q.from)
      throw unprocessable('the range ends before it starts', [
        { path: 'querystring.to', message: 'is before from' },
      ]);
    const fromMs = startOfLocalDay(q.from as never, zone);
    const toMs = startOfLocalDay(q.to as never, zone) + 86_400_000 + 3_600_000;
    let query = tx
      .selectFrom('appointments')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('start_ms', '>=', fromMs)
      .where('start_ms', '<', toMs);
    if (q.location) query = query.where('location_id', '=', q.location);
    if (!q.includeCancelled) query = query.where('status', 'not in', ['cancelled']);
    if (ctx.actor.role === 'patient') query = query.where('patient_id', '=', ctx.actor.patientId ?? '-');
    if (q.resource) {
      const resource = q.resource;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('resource_holds as h')
            .select('h.hold_id')
            .whereRef('h.tenant_id', '=', 'appointments.tenant_id')
            .whereRef('h.appointment_id', '=', 'appointments.appointment_id')
            .where('h.resource_id', '=', resource),
        ),
      );
    }
    const rows = await query.orderBy('start_ms').orderBy('appointment_id').limit(2000).execute();
    const inRange = rows.filter((r) => {
      const d = toAppointmentView(r, zones.get(r.location_id) ?? zone).local.date;
      return d >= q.from && d <= q.to;
    });
    const patientIds = [...new Set(inRange.map((r) => r.patient_id))];
    await recordAudit(tx, ctx, {
      action: 'appointment.search',
      patientId: null,
      entity: 'appointment',
      entityId: null,
      detail: { patientIds, from: q.from, to: q.to },
    });
    // What a day sheet shows beside each appointment: whose it is, its course's length and, once
    // treated, its session; read here in three queries rather than by the page per patient.
    const names = new Map<string, string>();
    const sessions = new Map<string, string>();
    const seriesOf = new Map<string, number>();
    if (inRange.length > 0) {
      for (const p of await tx
        .selectFrom('patients')
        .select(['patient_id', 'given_name', 'family_name'])
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where('patient_id', 'in', patientIds)
        .execute())
        names.set(p.patient_id, `${p.given_name} ${p.family_name}`);
      for (const x of await tx
        .selectFrom('treatment_sessions')
        .select(['session_id', 'appointment_id'])
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where(
          'appointment_id',
          'in',
          inRange.map((r) => r.appointment_id),
        )
        .execute())
        if (x.appointment_id) sessions.set(x.appointment_id, x.session_id);
      const courseIds = [...new Set(inRange.flatMap((r) => (r.course_id ? [r.course_id] : [])))];
      if (courseIds.length > 0)
        for (const c of await tx
          .selectFrom('appointments')
          .select((eb) => ['course_id', eb.fn.max('session_index').as('sessions')])
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('course_id', 'in', courseIds)
          .where('kind', '=', 'initial')
          .groupBy('course_id')
          .execute())
          if (c.course_id && c.sessions !== null) seriesOf.set(c.course_id, Number(c.sessions));
    }
    return inRange.map((r) => ({
      ...toAppointmentView(r, zones.get(r.location_id) ?? 'UTC'),
      patientName: names.get(r.patient_id) ?? '',
      sessionId: sessions.get(r.appointment_id) ?? null,
      seriesPlanned: r.course_id ? (seriesOf.get(r.course_id) ?? null) : null,
    }));
  });
}

/** A day sheet's line: the appointment, the patient's name and its session once one is charted. */
export interface DaySheetEntry extends AppointmentView {
  patientName: string;
  sessionId: string | null;
  /** Sessions in the initial series of its course (booked all at once), if it belongs to one. */
  seriesPlanned: number | null;
}
