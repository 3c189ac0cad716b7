import { addDays, compileSessionShape, type EpochMs, localDateOf } from '@exoclinic/core';
import {
  type AppointmentView,
  assertHoldsFree,
  insertAppointment,
  toAppointmentView,
} from '../appointments/repository';
import { recordAudit } from '../audit/record-audit';
import type { UseCaseContext } from '../shared/context';
import { conflict, DomainError, unprocessable } from '../shared/errors';
import { dueItemFor } from './appointment-windows';
import { loadBookablePlan, sessionModalityFor } from './bookable-plan';
import { loadClinicCalendar } from './clinic-calendar';
import { checkChosenSession, zoneOf } from './course-request';
import type { ChosenSession } from './schemas';
import { withSchedulingWrite } from './write-transaction';

/** Book one maintenance session or follow-up of a plan, no earlier than its window opens. */
export async function bookAppointment(
  ctx: UseCaseContext,
  planId: string,
  input: { kind: 'maintenance' | 'follow-up'; followUpKind?: string | undefined; session: ChosenSession },
): Promise<AppointmentView> {
  return withSchedulingWrite(ctx.db, ctx.actor.tenantId, async (tx) => {
    const bp = await loadBookablePlan(tx, ctx, planId);
    const zone = await zoneOf(tx, ctx, bp.consultationLocationId);
    const item = await dueItemFor(tx, ctx, bp, zone, input.kind, input.followUpKind);
    if (item.bookedAppointmentId)
      throw conflict(`this ${item.label.toLowerCase()} is already booked`, {
        appointmentId: item.bookedAppointmentId,
      });
    if (input.session.start < ctx.now)
      throw unprocessable('an appointment is booked in the future', [
        { path: 'body.session.start', message: 'is in the past' },
      ]);
    const day = localDateOf(input.session.start as EpochMs, zone);
    if (day < item.earliest) {
      // The safety review's "not before" is a clinical rule, not a preference.
      throw new DomainError(422, 'too-early', 'Too early', `${item.label} is not before ${item.earliest}`, {
        errors: [{ path: 'body.session.start', message: `is before ${item.earliest}` }],
      });
    }
    const modality = sessionModalityFor(bp.plan, input.kind);
    const calendar = await loadClinicCalendar(tx, ctx.actor.tenantId, {
      preferLocationId: bp.consultationLocationId,
      firstDay: addDays(day, -1),
      lastDay: addDays(day, 1),
    });
    const shape = compileSessionShape(modality, calendar.sites[0]!.cleaningMinutes);
    const checked = checkChosenSession(calendar, modality, shape, input.session, 'body.session');
    await assertHoldsFree(tx, ctx.actor.tenantId, checked.holds);
    const row = await insertAppointment(tx, ctx, {
      courseId: item.courseId,
      planId,
      patientId: bp.patientId,
      locationId: checked.slot.locationId,
      modality: bp.plan.modality,
      kind: input.kind,
      followUpKind: input.kind === 'follow-up' ? (item.followUpKind ?? 'safety-review') : null,
      sessionIndex: null,
      start: checked.slot.start,
      end: checked.slot.end,
      practitionerId: checked.slot.practitionerId,
      roomId: checked.slot.roomId,
      deviceIds: checked.slot.deviceIds,
      window: { earliest: item.earliest, latest: item.latest ?? item.due },
      holds: checked.holds,
    });
    await recordAudit(tx, ctx, {
      action: `appointment.book.${input.kind}`,
      patientId: bp.patientId,
      entity: 'appointment',
      entityId: row.appointment_id,
    });
    return toAppointmentView(row, calendar.timeZone);
  });
}
