import { type EpochMs, localDateOf } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { readJson } from '../db/connect';
import { withSchedulingWrite } from '../scheduling/write-transaction';
import type { UseCaseContext } from '../shared/context';
import { DomainError } from '../shared/errors';
import {
  findOwnAppointment,
  hoursInWords,
  loadChangeGround,
  noticeMs,
  refusalDetail,
} from './patient-change-window';
import { loadSessionLookups, type PatientSession, toPatientSession } from './patient-session-view';
import { moveAppointment } from './reschedule-appointment';

/** Why the clinic has to make this change: the patient is told to call. */
const callTheClinic = (type: string, title: string, detail: string, extra: Record<string, unknown> = {}) =>
  new DomainError(409, type, title, detail, { callClinic: true, ...extra });

/**
 * A patient moves their own booked session to another free time. Only inside the window that keeps
 * every gap of the course with no other session moving, at the same site with the same kinds of
 * resources, and not within the notice period of either the current time or the new one. It is
 * the clinic's reschedule (holds, history row, audit, one write) with the patient's narrower rules
 * checked under the same lock; anything wider answers 409 and the patient calls the clinic.
 */
export async function rescheduleOwnAppointment(
  ctx: UseCaseContext,
  appointmentId: string,
  input: { start: number },
): Promise<{ session: PatientSession }> {
  return withSchedulingWrite(ctx.db, ctx.actor.tenantId, async (tx) => {
    const current = await findOwnAppointment(tx, ctx, appointmentId);
    const ground = await loadChangeGround(tx, ctx, current);
    if (ground.refusal) {
      throw callTheClinic(
        ground.refusal === 'notice-period' ? 'notice-period' : 'not-changeable-online',
        ground.refusal === 'notice-period' ? 'Too close to the session' : 'Cannot be changed online',
        refusalDetail(ground.refusal, ground.noticeHours),
        { reason: ground.refusal },
      );
    }
    if (input.start === current.start_ms) {
      // A retry of a move that already happened changes nothing and answers the same.
      await recordAudit(tx, ctx, {
        action: 'appointment.reschedule-own.unchanged',
        patientId: current.patient_id,
        entity: 'appointment',
        entityId: current.appointment_id,
      });
      return {
        session: toPatientSession(current, await loadSessionLookups(tx, ctx, [current]), ground.noticeHours),
      };
    }
    if (input.start - ctx.now < noticeMs(ground.noticeHours)) {
      const hours = ground.noticeHours;
      throw new DomainError(
        422,
        'notice-period',
        'Too close to the new time',
        hours === 0
          ? 'a session can be moved online only to a time that has not passed'
          : `a session can be moved online only to a time at least ${hoursInWords(hours)} ahead`,
        {
          errors: [
            {
              path: 'body.start',
              message: hours === 0 ? 'has passed' : `is less than ${hoursInWords(hours)} from now`,
            },
          ],
        },
      );
    }
    const window = ground.window!;
    const day = localDateOf(input.start as EpochMs, ground.timeZone);
    if (day < window.earliest || day > window.latest) {
      throw callTheClinic(
        'outside-window',
        'Outside the allowed window',
        `this session can move online only to a day from ${window.earliest} to ${window.latest}; for another day call the clinic`,
        {
          window,
          errors: [
            { path: 'body.start', message: `is on ${day}, outside ${window.earliest}–${window.latest}` },
          ],
        },
      );
    }
    const before = {
      practitioner: current.practitioner_id !== null,
      room: current.room_id !== null,
      devices: readJson<string[]>(current.device_ids).length,
    };
    const result = await moveAppointment(
      tx,
      ctx,
      current,
      { start: input.start, reason: 'moved by the patient in the portal' },
      {
        sameSite: true,
        auditAction: 'appointment.reschedule-own',
        review: ({ slot, reflowed, deviations }) => {
          // The window above keeps these empty; this is the wall should the course change under it.
          if (reflowed.length > 0 || deviations.length > 0)
            throw callTheClinic(
              'not-changeable-online',
              'Cannot be changed online',
              refusalDetail('no-window', ground.noticeHours),
              { reason: 'no-window' },
            );
          const after = {
            practitioner: slot.practitionerId !== null,
            room: slot.roomId !== null,
            devices: slot.deviceIds.length,
          };
          if (
            after.practitioner !== before.practitioner ||
            after.room !== before.room ||
            after.devices !== before.devices
          )
            throw callTheClinic(
              'not-changeable-online',
              'Cannot be changed online',
              'the session would need different kinds of resources at that time: call the clinic',
            );
        },
      },
    );
    const moved = await tx
      .selectFrom('appointments')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('appointment_id', '=', result.appointment.id)
      .executeTakeFirstOrThrow();
    return {
      session: toPatientSession(moved, await loadSessionLookups(tx, ctx, [moved]), ground.noticeHours),
    };
  });
}
