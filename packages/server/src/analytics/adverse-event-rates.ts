import { proportionInterval } from '@exoclinic/core';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';

type Counts = { affected: number | string; events: number | string; serious: number | string };

/**
 * Adverse-event rate per product and per lot: of the sessions that used it, the share with at
 * least one adverse event attributed to it (an event counts for the lots it names, or for every
 * lot of its session when it names none), the core's definition (`summariseAdverseEventRates`),
 * in aggregate queries: exposures by index-only scans, attribution from the few event links out.
 */
export async function adverseEventRates(ctx: UseCaseContext) {
  const t = ctx.actor.tenantId;
  return withTenant(ctx.db, t, async (tx) => {
    const db = tx as unknown as Kysely<Database>;
    const attributed = () =>
      db
        .selectFrom('adverse_event_sessions as aes')
        .innerJoin('adverse_events as ae', (j) =>
          j
            .onRef('ae.tenant_id', '=', 'aes.tenant_id')
            .onRef('ae.adverse_event_id', '=', 'aes.adverse_event_id'),
        )
        .innerJoin('session_lots as sl', (j) =>
          j.onRef('sl.tenant_id', '=', 'aes.tenant_id').onRef('sl.session_id', '=', 'aes.session_id'),
        )
        .where('aes.tenant_id', '=', t)
        .where(({ or, not, exists, selectFrom }) =>
          or([
            not(
              exists(
                selectFrom('adverse_event_lots as x')
                  .select('x.lot_id')
                  .whereRef('x.tenant_id', '=', 'aes.tenant_id')
                  .whereRef('x.adverse_event_id', '=', 'aes.adverse_event_id'),
              ),
            ),
            exists(
              selectFrom('adverse_event_lots as x')
                .select('x.lot_id')
                .whereRef('x.tenant_id', '=', 'aes.tenant_id')
                .whereRef('x.adverse_event_id', '=', 'aes.adverse_event_id')
                .whereRef('x.lot_id', '=', 'sl.lot_id'),
            ),
          ]),
        );
    // biome-ignore lint/suspicious/noExplicitAny: the joined tables' builder type is long and adds nothing here
    const stats = (eb: ExpressionBuilder<any, any>) => [
      eb.fn.count('sl.session_id').distinct().as('affected'),
      eb.fn.count('ae.adverse_event_id').distinct().as('events'),
      sql<number>`count(distinct case when ae.serious = 1 then ae.adverse_event_id end)`.as('serious'),
    ];
    const lotEvents = (await attributed()
      .select((eb) => ['sl.lot_id', ...stats(eb)])
      .groupBy('sl.lot_id')
      .execute()) as unknown as (Counts & { lot_id: string })[];
    const productEvents = (await attributed()
      .select((eb) => ['sl.product_id', ...stats(eb)])
      .groupBy('sl.product_id')
      .execute()) as unknown as (Counts & { product_id: string })[];
    // Exposures: index-only scans of session_lots (tenant, lot, session) and (tenant, product, session).
    const lotExposure = await db
      .selectFrom('session_lots')
      .select((eb) => ['lot_id', eb.fn.countAll<number>().as('sessions')])
      .where('tenant_id', '=', t)
      .groupBy('lot_id')
      .execute();
    const productExposure = await db
      .selectFrom('session_lots')
      .select((eb) => ['product_id', eb.fn.count<number>('session_id').distinct().as('sessions')])
      .where('tenant_id', '=', t)
      .groupBy('product_id')
      .execute();
    const lots = new Map(
      (
        await db
          .selectFrom('product_lots')
          .select(['lot_id', 'product_id', 'lot_number'])
          .where('tenant_id', '=', t)
          .execute()
      ).map((l) => [l.lot_id, l]),
    );
    const names = new Map(
      (
        await db.selectFrom('products').select(['product_id', 'name']).where('tenant_id', '=', t).execute()
      ).map((p) => [p.product_id, p.name]),
    );
    const byLotEvents = new Map(lotEvents.map((r) => [r.lot_id, r]));
    const byProductEvents = new Map(productEvents.map((r) => [r.product_id, r]));
    const rate = (exposures: number, e: Counts | undefined) => ({
      exposures,
      affectedSessions: Number(e?.affected ?? 0),
      events: Number(e?.events ?? 0),
      seriousEvents: Number(e?.serious ?? 0),
      rate: proportionInterval(Number(e?.affected ?? 0), exposures),
    });
    const key = (a: string | null, b: string) => `${a ?? ''}|${b}`;
    return {
      byProduct: productExposure
        .map((p) => ({
          productId: p.product_id,
          productName: names.get(p.product_id) ?? null,
          ...rate(Number(p.sessions), byProductEvents.get(p.product_id)),
        }))
        .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0)),
      byLot: lotExposure
        .map((l) => ({
          productId: lots.get(l.lot_id)?.product_id ?? null,
          lotId: l.lot_id,
          lotNumber: lots.get(l.lot_id)?.lot_number ?? null,
          ...rate(Number(l.sessions), byLotEvents.get(l.lot_id)),
        }))
        .sort((a, b) => (key(a.productId, a.lotId) < key(b.productId, b.lotId) ? -1 : 1)),
    };
  });
}
