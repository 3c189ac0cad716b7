import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { type LocationView, toLocationView } from './repository';

/** Rename a location, move its time zone or change its address: only the fields given change. */
export async function changeLocation(
  ctx: UseCaseContext,
  locationId: string,
  input: { name?: string | undefined; timeZone?: string | undefined; address?: string | null | undefined },
): Promise<LocationView> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .updateTable('locations')
      .set({
        ...(input.name !== undefined && { name: input.name }),
        ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
        ...(input.address !== undefined && { address: input.address }),
        updated_at: ctx.now,
      })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('location_id', '=', locationId)
      .returningAll()
      .executeTakeFirst(),
  );
  if (!row) throw notFound('location');
  return toLocationView(row);
}
