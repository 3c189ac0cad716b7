import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findProduct, type ProductView, toProductView } from './repository';

/** One of the clinic's products. */
export async function readProduct(ctx: UseCaseContext, productId: string): Promise<ProductView> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    findProduct(tx, ctx.actor.tenantId, productId),
  );
  return toProductView(row);
}
