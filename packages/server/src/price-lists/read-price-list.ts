import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findPriceList, type PriceListView, toPriceList } from './repository';

/** One of the clinic's price lists. */
export async function readPriceList(ctx: UseCaseContext, priceListId: string): Promise<PriceListView> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    findPriceList(tx, ctx.actor.tenantId, priceListId),
  );
  return toPriceList(row);
}
