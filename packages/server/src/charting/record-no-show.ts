import type { Plan } from '@exoclinic/core';
import { changeAppointment, findAppointment } from '../appointments/repository';
import { recordAudit } from '../audit/record-audit';
import { readJson, writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { findPlan, findVersion } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { conflict, notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import { moveCourseProgress } from './course-progress';
import { type SessionView, toSessionView } from './repository';

/**
 * A planned session the patient did not come to. When it was booked through scheduling, the
 * appointment is marked a no-show in the same transaction.
 */
export async function recordNoShow(
  ctx: UseCaseContext,
  planId: string,
  input: { scheduledFor: number; appointmentId?: string | undefined; sessionIndex?: number | undefined },
): Promise<SessionView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const header = await findPlan(tx, ctx, planId);
    if (header.status !== 'accepted' || header.accepted_version === null) {
      throw conflict('only an accepted plan has sessions to miss');
    }
    const version = await findVersion(tx, ctx, planId, header.accepted_version);
    const plan = readJson<Plan>(version.plan);
    // Booked through scheduling: the appointment becomes a no-show too and frees its resources.
    if (input.appointmentId) {
      const appointment = await findAppointment(tx, ctx, input.appointmentId);
      if (appointment.plan_id !== planId) throw notFound('appointment');
      if (appointment.status !== 'booked') {
        throw conflict(`a ${appointment.status} appointment cannot become a no-show`);
      }
      await changeAppointment(tx, ctx, appointment, { kind: 'no-show', status: 'no-show', reason: null });
    }
    const row = await tx
      .insertInto('treatment_sessions')
      .values({
        tenant_id: ctx.actor.tenantId,
        session_id: newId(ctx.now),
        patient_id: header.patient_id,
        plan_id: planId,
        plan_version: version.version,
        appointment_id: input.appointmentId ?? null,
        location_id: null,
        session_index: input.sessionIndex ?? null,
        series_planned: plan.initialSeries.sessions,
        protocol_id: version.protocol_id,
        indication: plan.indication,
        status: 'no_show',
        scheduled_for: input.scheduledFor,
        checked_in_at: null,
        checked_in_by: null,
        screened_at: null,
        check_in: writeJson({}),
        chart_version: null,
        signed_at: null,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await moveCourseProgress(tx, row, 'recorded', ctx.now);
    await recordAudit(tx, ctx, {
      action: 'session.no_show',
      patientId: header.patient_id,
      entity: 'session',
      entityId: row.session_id,
      detail: { planId, scheduledFor: input.scheduledFor },
    });
    return toSessionView(row);
  });
}
