import type { Tx } from '../db/tenant';
import { type DueItem, dueItems } from '../maintenance-recall/due-windows';
import type { UseCaseContext } from '../shared/context';
import { DomainError } from '../shared/errors';
import type { BookablePlan } from './bookable-plan';

/** The window a maintenance session or a follow-up of this plan may be booked in (projected from booked sessions). */
export async function dueItemFor(
  tx: Tx,
  ctx: UseCaseContext,
  bp: BookablePlan,
  timeZone: string,
  kind: 'maintenance' | 'follow-up',
  followUpKind: string | undefined,
): Promise<DueItem & { courseId: string | null }> {
  const appointments = await tx
    .selectFrom('appointments')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('plan_id', '=', bp.planId)
    .execute();
  const course = await tx
    .selectFrom('course_bookings')
    .select('course_id')
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('plan_id', '=', bp.planId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const items = dueItems(bp.plan, appointments, timeZone, true);
  const wanted = kind === 'maintenance' ? 'maintenance' : (followUpKind ?? 'safety-review');
  const item = items.find((i) =>
    kind === 'maintenance' ? i.kind === 'maintenance' : i.followUpKind === wanted,
  );
  if (!item) {
    throw new DomainError(
      409,
      'nothing-due',
      'Nothing due',
      kind === 'maintenance'
        ? 'no maintenance is due: the plan has none, or its initial series is not booked'
        : `the plan has no ${wanted} follow-up, or its initial series is not booked`,
    );
  }
  return { ...item, courseId: course?.course_id ?? null };
}
