import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { type PriceListView, toPriceList } from './repository';

/** The clinic's price lists, by name. */
export async function listPriceLists(ctx: UseCaseContext): Promise<PriceListView[]> {
  const tenantId = ctx.actor.tenantId;
  const rows = await withTenant(ctx.db, tenantId, (tx) =>
    tx.selectFrom('price_lists').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute(),
  );
  return rows.map(toPriceList);
}
