import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { type LocationView, toLocationView } from './repository';

/** One location of the clinic. */
export async function readLocation(ctx: UseCaseContext, locationId: string): Promise<LocationView> {
  const tenantId = ctx.actor.tenantId;
  const row = await withTenant(ctx.db, tenantId, (tx) =>
    tx
      .selectFrom('locations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('location_id', '=', locationId)
      .executeTakeFirst(),
  );
  if (!row) throw notFound('location');
  return toLocationView(row);
}
