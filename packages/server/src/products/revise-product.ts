import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { type ProductView, toProductView } from './repository';
import type { ProductInput } from './schemas';

/** Replace a product's description (supplier, origin, registrations, components); its version goes up. */
export async function reviseProduct(
  ctx: UseCaseContext,
  productId: string,
  input: ProductInput,
): Promise<ProductView> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .updateTable('products')
      .set((eb) => ({
        name: input.name,
        supplier: input.supplier,
        origin: input.origin,
        registrations: writeJson(input.registrations),
        components: writeJson(input.components),
        version: eb('version', '+', 1),
        updated_at: ctx.now,
      }))
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('product_id', '=', productId)
      .returningAll()
      .executeTakeFirst(),
  );
  if (!row) throw notFound('product');
  return toProductView(row);
}
