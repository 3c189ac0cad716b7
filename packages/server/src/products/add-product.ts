import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { type ProductView, toProductView } from './repository';
import type { ProductInput } from './schemas';

/** A new product the clinic uses, at version 1. */
export async function addProduct(ctx: UseCaseContext, input: ProductInput): Promise<ProductView> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .insertInto('products')
      .values({
        tenant_id: ctx.actor.tenantId,
        product_id: newId(ctx.now),
        name: input.name,
        supplier: input.supplier,
        origin: input.origin,
        registrations: writeJson(input.registrations),
        components: writeJson(input.components),
        version: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return toProductView(row);
}
