import { addDays, type EpochMs, findSlots, type LocalDate, localDateOf, type Minutes } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { findClinic } from '../clinic/repository';
import { readTenant } from '../db/tenant';
import { type SessionKind, sessionModalityFor } from '../scheduling/bookable-plan';
import { loadClinicCalendar } from '../scheduling/clinic-calendar';
import { localTime } from '../scheduling/present-time';
import type { UseCaseContext } from '../shared/context';
import {
  type ChangeRefusal,
  findOwnAppointment,
  type LocalWindow,
  loadChangeGround,
  noticeMs,
  refusalDetail,
} from './patient-change-window';
import { loadSessionLookups, type PatientSession, toPatientSession } from './patient-session-view';

const MAX_DAYS = 42;

export interface OwnRescheduleTimes {
  session: PatientSession;
  /** Null when the patient can change it; else why not (they call the clinic). */
  refusal: { code: ChangeRefusal; detail: string } | null;
  window: LocalWindow | null;
  noticeHours: number;
  clinic: { name: string; phone: string | null };
  /** Free starts at the same site inside the window (its first 42 days), past the notice period, earliest first. */
  times: { start: number; end: number; local: { date: string; time: string } }[];
}

/**
 * The times a patient may move their own session to: the same site, the days that keep every gap
 * of the course with no other session moving, not within the notice period, free for the
 * practitioner, room and device the session needs. Or the reason they cannot, to call the clinic.
 */
export async function findOwnRescheduleTimes(
  ctx: UseCaseContext,
  appointmentId: string,
): Promise<OwnRescheduleTimes> {
  return readTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const current = await findOwnAppointment(tx, ctx, appointmentId);
    const ground = await loadChangeGround(tx, ctx, current);
    const [lookups, clinic] = await Promise.all([
      loadSessionLookups(tx, ctx, [current]),
      findClinic(tx, ctx.actor.tenantId),
    ]);
    let times: OwnRescheduleTimes['times'] = [];
    if (!ground.refusal && ground.window) {
      const notBefore = ctx.now + noticeMs(ground.noticeHours);
      const firstPossible = localDateOf(notBefore as EpochMs, ground.timeZone);
      // Local dates compare as text (YYYY-MM-DD).
      const firstDay = [ground.window.earliest, firstPossible as LocalDate].sort()[1]!;
      // A maintenance window can span months: the first weeks of it are what a phone can show.
      const cap = addDays(firstDay, MAX_DAYS - 1);
      const lastDay = [ground.window.latest, cap].sort()[0]!;
      if (firstDay <= lastDay) {
        const calendar = await loadClinicCalendar(tx, ctx.actor.tenantId, {
          locationIds: [current.location_id],
          firstDay,
          lastDay,
          ignoreAppointments: [current.appointment_id],
        });
        const site = calendar.sites[0]!;
        times = findSlots({
          modality: sessionModalityFor(ground.plan!, current.kind as SessionKind),
          resources: calendar.resources,
          timeZone: calendar.timeZone,
          firstDay,
          lastDay,
          stepMinutes: site.stepMinutes as Minutes,
          cleaningMinutes: site.cleaningMinutes as Minutes,
          notBefore: notBefore as EpochMs,
        })
          .filter((s) => s.start !== current.start_ms)
          .map((s) => ({
            start: s.start,
            end: s.end,
            local: {
              date: localDateOf(s.start, calendar.timeZone),
              time: localTime(s.start, calendar.timeZone),
            },
          }));
      }
    }
    await recordAudit(tx, ctx, {
      action: 'appointment.reschedule-times.list',
      patientId: current.patient_id,
      entity: 'appointment',
      entityId: current.appointment_id,
      detail: { times: times.length, refusal: ground.refusal },
    });
    return {
      session: toPatientSession(current, lookups, ground.noticeHours),
      refusal: ground.refusal
        ? { code: ground.refusal, detail: refusalDetail(ground.refusal, ground.noticeHours) }
        : null,
      window: ground.window,
      noticeHours: ground.noticeHours,
      clinic: { name: clinic.name, phone: clinic.phone },
      times,
    };
  });
}
