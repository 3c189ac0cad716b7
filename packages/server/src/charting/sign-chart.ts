import { changeAppointment, findAppointment } from '../appointments/repository';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { courseContext } from '../outcomes/course-context';
import { refreshMaintenanceDue } from '../outcomes/personalise-course';
import { findPlan } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { conflict } from '../shared/errors';
import {
  findChartVersion,
  findSession,
  type SessionView,
  toChartVersionView,
  toSessionView,
} from './repository';

/** Sign the version the clinician read: it is locked from then on. */
export async function signChart(
  ctx: UseCaseContext,
  sessionId: string,
  version: number,
): Promise<SessionView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const session = await findSession(tx, ctx, sessionId);
    if (session.status === 'signed') throw conflict('the chart is already signed');
    if (session.chart_version === null) throw conflict('chart the session before signing it');
    if (session.chart_version !== version) {
      throw conflict(`the chart is at version ${session.chart_version}, not ${version}: read it again`);
    }
    await tx
      .updateTable('chart_versions')
      .set({ status: 'signed', signed_at: ctx.now, signed_by: ctx.actor.userId })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('session_id', '=', sessionId)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .execute();
    const updated = await tx
      .updateTable('treatment_sessions')
      .set({ status: 'signed', signed_at: ctx.now })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('session_id', '=', sessionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A session booked through scheduling: signing its chart completes the appointment.
    if (session.appointment_id) {
      const appointment = await findAppointment(tx, ctx, session.appointment_id);
      if (appointment.status === 'booked' || appointment.status === 'checked-in') {
        await changeAppointment(tx, ctx, appointment, {
          kind: 'completed',
          status: 'completed',
          reason: null,
        });
      }
    }
    // A signed session moves the series' last day: the maintenance date moves with it.
    const plan = await findPlan(tx, ctx, session.plan_id);
    const course = await courseContext(tx, ctx, plan);
    await refreshMaintenanceDue(tx, ctx, { ...course, planId: plan.plan_id, patientId: plan.patient_id });
    await recordAudit(tx, ctx, {
      action: 'chart.sign',
      patientId: session.patient_id,
      entity: 'session',
      entityId: sessionId,
      detail: { version },
    });
    return toSessionView(updated, toChartVersionView(await findChartVersion(tx, ctx, sessionId, version)));
  });
}
