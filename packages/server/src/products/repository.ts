import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { ProductLotsTable, ProductsTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import { notFound } from '../shared/errors';
import type { TenantId } from '../shared/ids';
import type { ProductInput } from './schemas';

export function toProductView(r: Selectable<ProductsTable>) {
  return {
    id: r.product_id,
    name: r.name,
    supplier: r.supplier,
    origin: r.origin as ProductInput['origin'],
    registrations: readJson<ProductInput['registrations']>(r.registrations),
    components: readJson<string[]>(r.components),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type ProductView = ReturnType<typeof toProductView>;

const todayUtc = (now: number) => new Date(now).toISOString().slice(0, 10);
export type LotRecall = { recalled_at: number | null; reason: string | null; reference: string | null };
const NOT_RECALLED: LotRecall = { recalled_at: null, reason: null, reference: null };

export const toLotView = (
  r: Selectable<ProductLotsTable>,
  now: number,
  recall: LotRecall = NOT_RECALLED,
) => ({
  id: r.lot_id,
  productId: r.product_id,
  lotNumber: r.lot_number,
  expiresOn: r.expires_on,
  expired: r.expires_on < todayUtc(now),
  quantity: r.quantity,
  unit: r.unit,
  recalled: recall.recalled_at !== null,
  recalledAt: recall.recalled_at,
  recallReason: recall.reason,
  recallReference: recall.reference,
  createdAt: r.created_at,
});
export type LotView = ReturnType<typeof toLotView>;

/** One of the clinic's products, as stored. */
export async function findProduct(tx: Tx, tenantId: TenantId, productId: string) {
  const row = await tx
    .selectFrom('products')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('product_id', '=', productId)
    .executeTakeFirst();
  if (!row) throw notFound('product');
  return row;
}
