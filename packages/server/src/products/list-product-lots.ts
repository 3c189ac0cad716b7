import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findProduct, type LotView, toLotView } from './repository';

/** A product's lots, soonest expiry first, each with whether it has expired or been recalled. */
export async function listProductLots(ctx: UseCaseContext, productId: string): Promise<LotView[]> {
  const tenantId = ctx.actor.tenantId;
  const rows = await withTenant(ctx.db, tenantId, async (tx) => {
    await findProduct(tx, tenantId, productId);
    // The recall itself names no patient: the picker learns it here, not from the recipients.
    return tx
      .selectFrom('product_lots as l')
      .leftJoin('lot_recalls as r', (j) =>
        j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.lot_id', '=', 'l.lot_id'),
      )
      .selectAll('l')
      .select(['r.recalled_at', 'r.reason', 'r.reference'])
      .where('l.tenant_id', '=', tenantId)
      .where('l.product_id', '=', productId)
      .orderBy('l.expires_on')
      .orderBy('l.lot_id')
      .execute();
  });
  return rows.map((r) => toLotView(r, ctx.now, r));
}
