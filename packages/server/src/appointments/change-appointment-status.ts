import { recordAudit } from '../audit/record-audit';
import { withSchedulingWrite } from '../scheduling/write-transaction';
import type { UseCaseContext } from '../shared/context';
import { conflict } from '../shared/errors';
import { type AppointmentView, changeAppointment, findAppointment, toAppointmentView } from './repository';

export type NewStatus = 'checked-in' | 'completed' | 'cancelled' | 'no-show';

const ALLOWED: Record<NewStatus, readonly string[]> = {
  'checked-in': ['booked'],
  completed: ['booked', 'checked-in'],
  cancelled: ['booked'],
  'no-show': ['booked'],
};

/**
 * Check in, complete, cancel or record a no-show. Cancelled and missed appointments free their
 * resources at once and stay on record (rebook one with a reschedule); every change is a history row.
 */
export async function changeAppointmentStatus(
  ctx: UseCaseContext,
  appointmentId: string,
  input: { status: NewStatus; reason?: string | undefined },
): Promise<AppointmentView> {
  return withSchedulingWrite(ctx.db, ctx.actor.tenantId, async (tx) => {
    const current = await findAppointment(tx, ctx, appointmentId);
    if (!ALLOWED[input.status].includes(current.status)) {
      throw conflict(`a ${current.status} appointment cannot become ${input.status}`, {
        currentStatus: current.status,
      });
    }
    const next = await changeAppointment(tx, ctx, current, {
      kind: input.status,
      status: input.status,
      reason: input.reason ?? null,
    });
    await recordAudit(tx, ctx, {
      action: `appointment.${input.status}`,
      patientId: current.patient_id,
      entity: 'appointment',
      entityId: appointmentId,
      ...(input.reason && { detail: { reason: input.reason } }),
    });
    const site = await tx
      .selectFrom('locations')
      .select('time_zone')
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('location_id', '=', next.location_id)
      .executeTakeFirstOrThrow();
    return toAppointmentView(next, site.time_zone);
  });
}
