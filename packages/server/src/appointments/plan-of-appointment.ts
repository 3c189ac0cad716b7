import type { Plan } from '@exoclinic/core';
import { readJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import { findVersion } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import type { AppointmentRow } from './repository';

/** The plan version an appointment follows: its course's version, else the accepted (or current) one. */
export async function planOfAppointment(tx: Tx, ctx: UseCaseContext, a: AppointmentRow): Promise<Plan> {
  let version: number | null = null;
  if (a.course_id) {
    const course = await tx
      .selectFrom('course_bookings')
      .select('plan_version')
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('course_id', '=', a.course_id)
      .executeTakeFirstOrThrow();
    version = course.plan_version;
  } else {
    const plan = await tx
      .selectFrom('plans')
      .select(['accepted_version', 'current_version'])
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', a.plan_id)
      .executeTakeFirstOrThrow();
    version = plan.accepted_version ?? plan.current_version;
  }
  return readJson<Plan>((await findVersion(tx, ctx, a.plan_id, version)).plan);
}
