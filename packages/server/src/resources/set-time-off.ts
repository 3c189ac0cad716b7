import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { findResourceView } from './repository';
import type { ResourceView } from './schemas';

export interface TimeOffResult extends ResourceView {
  /** Live appointments that now fall in time off: the front desk moves them. */
  affectedAppointments: { id: string; start: number; end: number }[];
}

/** Replace a resource's time off (leave, device service). Existing bookings are reported, not moved. */
export async function setTimeOff(
  ctx: UseCaseContext,
  resourceId: string,
  periods: { start: number; end: number; reason?: string | null | undefined }[],
): Promise<TimeOffResult> {
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    await findResourceView(tx, tenantId, resourceId);
    await tx
      .deleteFrom('resource_time_off')
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', resourceId)
      .execute();
    if (periods.length > 0) {
      await tx
        .insertInto('resource_time_off')
        .values(
          periods.map((p) => ({
            tenant_id: tenantId,
            time_off_id: newId(ctx.now),
            resource_id: resourceId,
            start_ms: p.start,
            end_ms: p.end,
            reason: p.reason ?? null,
            created_at: ctx.now,
            created_by: ctx.actor.userId,
          })),
        )
        .execute();
    }
    const affected = new Map<string, { id: string; start: number; end: number }>();
    if (periods.length > 0) {
      const from = Math.min(...periods.map((p) => p.start));
      const to = Math.max(...periods.map((p) => p.end));
      const holds = await tx
        .selectFrom('resource_holds as h')
        .innerJoin('appointments as a', (j) =>
          j.onRef('a.tenant_id', '=', 'h.tenant_id').onRef('a.appointment_id', '=', 'h.appointment_id'),
        )
        .select(['a.appointment_id', 'a.start_ms', 'a.end_ms', 'h.start_ms as hs', 'h.end_ms as he'])
        .where('h.tenant_id', '=', tenantId)
        .where('h.resource_id', '=', resourceId)
        .where('h.active', '=', 1)
        .where('a.status', '=', 'booked')
        .where('h.start_ms', '<', to)
        .where('h.end_ms', '>', from)
        .execute();
      for (const h of holds) {
        if (periods.some((p) => h.hs < p.end && h.he > p.start))
          affected.set(h.appointment_id, { id: h.appointment_id, start: h.start_ms, end: h.end_ms });
      }
    }
    await tx
      .updateTable('resources')
      .set({ updated_at: ctx.now })
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', resourceId)
      .execute();
    return {
      ...(await findResourceView(tx, tenantId, resourceId)),
      affectedAppointments: [...affected.values()],
    };
  });
}
