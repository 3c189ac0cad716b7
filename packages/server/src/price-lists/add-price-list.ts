import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { type PriceListView, toPriceList } from './repository';
import type { PriceListInput } from './schemas';

/** A new price list for quotes: prices per session in minor units of one currency. */
export async function addPriceList(ctx: UseCaseContext, input: PriceListInput): Promise<PriceListView> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .insertInto('price_lists')
      .values({
        tenant_id: ctx.actor.tenantId,
        price_list_id: newId(ctx.now),
        name: input.name,
        currency: input.currency,
        content: writeJson({ isExample: input.isExample, entries: input.entries }),
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return toPriceList(row);
}
