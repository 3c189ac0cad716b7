import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict } from '../shared/errors';
import { newId } from '../shared/ids';
import { findProduct, type LotView, toLotView } from './repository';

/** Record a lot of a product as received: its lot number (once per product), expiry and quantity. */
export async function receiveLot(
  ctx: UseCaseContext,
  productId: string,
  input: { lotNumber: string; expiresOn: string; quantity: number; unit: string },
): Promise<LotView> {
  const tenantId = ctx.actor.tenantId;
  const row = await withTenant(ctx.db, tenantId, async (tx) => {
    await findProduct(tx, tenantId, productId);
    const dup = await tx
      .selectFrom('product_lots')
      .select('lot_id')
      .where('tenant_id', '=', tenantId)
      .where('product_id', '=', productId)
      .where('lot_number', '=', input.lotNumber)
      .executeTakeFirst();
    if (dup)
      throw conflict('this lot number is already recorded for the product', {
        errors: [{ path: 'body.lotNumber', message: 'already exists' }],
      });
    return tx
      .insertInto('product_lots')
      .values({
        tenant_id: tenantId,
        lot_id: newId(ctx.now),
        product_id: productId,
        lot_number: input.lotNumber,
        expires_on: input.expiresOn,
        quantity: input.quantity,
        unit: input.unit,
        created_at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return toLotView(row, ctx.now);
}
