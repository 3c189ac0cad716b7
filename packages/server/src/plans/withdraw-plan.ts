import { changeAppointment } from '../appointments/repository';
import { recordAudit } from '../audit/record-audit';
import { withSchedulingWrite } from '../scheduling/write-transaction';
import type { UseCaseContext } from '../shared/context';
import { conflict, DomainError } from '../shared/errors';
import { findPlan, findVersion, type PlanView, toPlanView } from './repository';

/**
 * Withdraw a plan: the patient declined it, or the clinic decided against it. It stays on record
 * (versions, quotes, consents) with who withdrew it, when and why, and stops being the patient's
 * current plan. A plan with sessions still booked is withdrawn only when the caller asks for those
 * appointments to be cancelled with it, in the same transaction; a session in progress (checked
 * in) must be finished or cancelled first.
 */
export async function withdrawPlan(
  ctx: UseCaseContext,
  planId: string,
  input: { reason: string; cancelBookedSessions?: boolean | undefined },
): Promise<PlanView> {
  return withSchedulingWrite(ctx.db, ctx.actor.tenantId, async (tx) => {
    const header = await findPlan(tx, ctx, planId);
    if (header.status === 'withdrawn') throw conflict('the plan is already withdrawn');
    const open = await tx
      .selectFrom('appointments')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', planId)
      .where('status', 'in', ['booked', 'checked-in'])
      .orderBy('start_ms')
      .execute();
    const inProgress = open.filter((a) => a.status === 'checked-in');
    if (inProgress.length > 0) {
      throw conflict('a session of this plan is in progress: finish or cancel it first', {
        appointmentIds: inProgress.map((a) => a.appointment_id),
      });
    }
    if (open.length > 0 && !input.cancelBookedSessions) {
      throw new DomainError(
        409,
        'booked-sessions',
        'Sessions still booked',
        `${open.length} session(s) of this plan are booked: withdraw with cancelBookedSessions to cancel them too`,
        { appointmentIds: open.map((a) => a.appointment_id) },
      );
    }
    for (const appointment of open) {
      await changeAppointment(tx, ctx, appointment, {
        kind: 'cancelled',
        status: 'cancelled',
        reason: `plan withdrawn: ${input.reason}`,
      });
      await recordAudit(tx, ctx, {
        action: 'appointment.cancelled',
        patientId: appointment.patient_id,
        entity: 'appointment',
        entityId: appointment.appointment_id,
        detail: { reason: 'plan withdrawn' },
      });
    }
    const updated = await tx
      .updateTable('plans')
      .set({
        status: 'withdrawn',
        withdrawn_at: ctx.now,
        withdrawn_by: ctx.actor.userId,
        withdrawal_reason: input.reason,
        updated_at: ctx.now,
      })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', planId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'plan.withdraw',
      patientId: header.patient_id,
      entity: 'plan',
      entityId: planId,
      detail: { reason: input.reason, cancelledAppointments: open.length },
    });
    return toPlanView(updated, await findVersion(tx, ctx, planId, updated.current_version));
  });
}
