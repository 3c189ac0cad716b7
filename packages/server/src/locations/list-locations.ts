import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { type LocationView, toLocationView } from './repository';

/** The clinic's locations, by name. */
export async function listLocations(ctx: UseCaseContext): Promise<LocationView[]> {
  const tenantId = ctx.actor.tenantId;
  const rows = await withTenant(ctx.db, tenantId, (tx) =>
    tx.selectFrom('locations').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute(),
  );
  return rows.map(toLocationView);
}
