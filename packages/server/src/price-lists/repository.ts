import type { PriceList } from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { PriceListsTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import { notFound } from '../shared/errors';
import type { TenantId } from '../shared/ids';
import type { PriceListInput } from './schemas';

export type PriceListView = PriceList & { createdAt: number };

export function toPriceList(r: Selectable<PriceListsTable>): PriceListView {
  const content = readJson<Pick<PriceListInput, 'entries' | 'isExample'>>(r.content);
  return {
    id: r.price_list_id,
    name: r.name,
    currency: r.currency as PriceList['currency'],
    isExample: content.isExample,
    entries: content.entries as PriceList['entries'],
    createdAt: r.created_at,
  };
}

/** One of the clinic's price lists, as stored. */
export async function findPriceList(tx: Tx, tenantId: TenantId, priceListId: string) {
  const row = await tx
    .selectFrom('price_lists')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('price_list_id', '=', priceListId)
    .executeTakeFirst();
  if (!row) throw notFound('price list');
  return row;
}
