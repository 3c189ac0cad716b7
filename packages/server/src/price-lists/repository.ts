import type { PriceList } from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { PriceListsTable } from '../db/schema';
import type { PriceListInput } from './schemas';

export function toPriceList(r: Selectable<PriceListsTable>): PriceList & { createdAt: number } {
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
