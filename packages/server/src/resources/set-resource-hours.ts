import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { unprocessable } from '../shared/errors';
import { assertLocation, findResourceView } from './repository';
import type { ResourceView, WeeklyHours } from './schemas';

/**
 * Replace a resource's hours. A practitioner's hours say where and when they work (one entry per
 * site); a room's or device's own hours narrow its site's opening hours (none: the site's hours).
 */
export async function setResourceHours(
  ctx: UseCaseContext,
  resourceId: string,
  hours: { locationId: string; weekly: WeeklyHours }[],
): Promise<ResourceView> {
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    const resource = await findResourceView(tx, tenantId, resourceId);
    const seen = new Set<string>();
    for (const [i, h] of hours.entries()) {
      if (seen.has(h.locationId))
        throw unprocessable('one entry per location', [
          { path: `body.hours.${i}.locationId`, message: 'is repeated' },
        ]);
      seen.add(h.locationId);
      if (resource.kind !== 'practitioner' && h.locationId !== resource.locationId) {
        throw unprocessable(`a ${resource.kind} stands at one site`, [
          { path: `body.hours.${i}.locationId`, message: 'is not the site of this resource' },
        ]);
      }
      await assertLocation(tx, tenantId, h.locationId);
    }
    await tx
      .deleteFrom('resource_hours')
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', resourceId)
      .execute();
    if (hours.length > 0) {
      await tx
        .insertInto('resource_hours')
        .values(
          hours.map((h) => ({
            tenant_id: tenantId,
            resource_id: resourceId,
            location_id: h.locationId,
            weekly: writeJson(h.weekly),
          })),
        )
        .execute();
    }
    await tx
      .updateTable('resources')
      .set({ updated_at: ctx.now })
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', resourceId)
      .execute();
    return findResourceView(tx, tenantId, resourceId);
  });
}
