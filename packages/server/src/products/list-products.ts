import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { type ProductView, toProductView } from './repository';

/** The clinic's products by name, with origin, supplier and registration per jurisdiction. */
export async function listProducts(ctx: UseCaseContext): Promise<ProductView[]> {
  const tenantId = ctx.actor.tenantId;
  const rows = await withTenant(ctx.db, tenantId, (tx) =>
    tx.selectFrom('products').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute(),
  );
  return rows.map(toProductView);
}
