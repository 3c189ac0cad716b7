import { type EpochMs, localDateOf } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { writeCalendar } from '../calendars/ics';
import { title as appointmentTitle } from '../calendars/read-feed';
import { findClinic } from '../clinic/repository';
import { readTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findOwnAppointment } from './patient-change-window';
import { loadSessionLookups } from './patient-session-view';

export interface AppointmentCalendarFile {
  fileName: string;
  body: string;
}

/**
 * One appointment as an iCalendar file to add to one's own calendar. Its UID is the one the
 * patient's calendar feed uses and its SEQUENCE follows the appointment's version, so the file of
 * a moved or cancelled session, opened again, updates the event already imported.
 */
export async function writeAppointmentCalendar(
  ctx: UseCaseContext,
  appointmentId: string,
): Promise<AppointmentCalendarFile> {
  return readTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await findOwnAppointment(tx, ctx, appointmentId);
    const [lookups, clinic] = await Promise.all([
      loadSessionLookups(tx, ctx, [row]),
      findClinic(tx, ctx.actor.tenantId),
    ]);
    const site = lookups.sites.get(row.location_id);
    const practitioner = row.practitioner_id ? lookups.practitioners.get(row.practitioner_id) : undefined;
    const series =
      row.course_id && row.kind === 'initial' ? (lookups.courseSizes.get(row.course_id) ?? null) : null;
    const cancelled = row.status === 'cancelled' || row.status === 'no-show';
    const reach = [clinic.phone, clinic.email].filter(Boolean).join(' or ');
    const description = [
      practitioner ? `With ${practitioner}.` : null,
      `To change the time, use the patient portal${reach ? ` or contact ${clinic.name} (${reach})` : ''}.`,
    ]
      .filter(Boolean)
      .join('\n');
    const body = writeCalendar(clinic.name, [
      {
        uid: `${row.appointment_id}@exoclinic`,
        stamp: row.updated_at,
        start: row.start_ms,
        end: row.end_ms,
        summary: `${appointmentTitle(row, series)} · ${clinic.name}`,
        ...(site && { location: site.address ? `${site.name}, ${site.address}` : site.name }),
        description,
        status: cancelled ? 'CANCELLED' : 'CONFIRMED',
        sequence: row.version - 1,
      },
    ]);
    await recordAudit(tx, ctx, {
      action: 'appointment.calendar.read',
      patientId: row.patient_id,
      entity: 'appointment',
      entityId: row.appointment_id,
    });
    const date = localDateOf(row.start_ms as EpochMs, site?.timeZone ?? 'UTC');
    return { fileName: `session-${date}.ics`, body };
  });
}
