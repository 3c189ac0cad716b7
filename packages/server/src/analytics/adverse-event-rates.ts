import { proportionInterval } from '@exoclinic/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';

/**
 * Adverse-event rate per product and per lot: of the sessions that used it, the share with at
 * least one adverse event attributed to it (an event counts for the lots it names, or for every
 * lot of its session when it names none), the core's definition, in four aggregate queries.
 */
export async function adverseEventRates(ctx: UseCaseContext) {
  const t = ctx.actor.tenantId;
  return withTenant(ctx.db, t, async (tx) => {
    const db = tx as unknown as Kysely<Database>;
    // The attribution rule as one joinable set: (session, lot, product, event, serious).
    const attributed = db
      .selectFrom('session_lots as sl')
      .innerJoin('adverse_event_sessions as aes', (j) =>
        j.onRef('aes.tenant_id', '=', 'sl.tenant_id').onRef('aes.session_id', '=', 'sl.session_id'),
      )
      .innerJoin('adverse_events as ae', (j) =>
        j
          .onRef('ae.tenant_id', '=', 'aes.tenant_id')
          .onRef('ae.adverse_event_id', '=', 'aes.adverse_event_id'),
      )
      .where('sl.tenant_id', '=', t)
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
    const counts = (key: 'lot' | 'product') =>
      attributed
        .select((eb) => [
          'sl.product_id',
          ...(key === 'lot' ? (['sl.lot_id'] as const) : []),
          eb.fn.count<number>('sl.session_id').distinct().as('affected'),
          eb.fn.count<number>('ae.adverse_event_id').distinct().as('events'),
          sql<number>`count(distinct case when ae.serious = 1 then ae.adverse_event_id end)`.as('serious'),
        ])
        .groupBy(key === 'lot' ? ['sl.product_id', 'sl.lot_id'] : ['sl.product_id'])
        .execute();
    const lotExposure = await db
      .selectFrom('session_lots as sl')
      .innerJoin('product_lots as l', (j) =>
        j.onRef('l.tenant_id', '=', 'sl.tenant_id').onRef('l.lot_id', '=', 'sl.lot_id'),
      )
      .select((eb) => ['sl.product_id', 'sl.lot_id', 'l.lot_number', eb.fn.countAll<number>().as('sessions')])
      .where('sl.tenant_id', '=', t)
      .groupBy(['sl.product_id', 'sl.lot_id', 'l.lot_number'])
      .execute();
    const productExposure = await db
      .selectFrom('session_lots as sl')
      .innerJoin('products as p', (j) =>
        j.onRef('p.tenant_id', '=', 'sl.tenant_id').onRef('p.product_id', '=', 'sl.product_id'),
      )
      .select((eb) => [
        'sl.product_id',
        'p.name',
        eb.fn.count<number>('sl.session_id').distinct().as('sessions'),
      ])
      .where('sl.tenant_id', '=', t)
      .groupBy(['sl.product_id', 'p.name'])
      .execute();
    const byLotEvents = new Map(
      (await counts('lot')).map((r) => [`${r.product_id}|${(r as { lot_id?: string }).lot_id}`, r]),
    );
    const byProductEvents = new Map((await counts('product')).map((r) => [r.product_id, r]));
    const rate = (
      exposures: number,
      e: { affected: number; events: number; serious: number } | undefined,
    ) => ({
      exposures,
      affectedSessions: Number(e?.affected ?? 0),
      events: Number(e?.events ?? 0),
      seriousEvents: Number(e?.serious ?? 0),
      rate: proportionInterval(Number(e?.affected ?? 0), exposures),
    });
    return {
      byProduct: productExposure
        .map((p) => ({
          productId: p.product_id,
          productName: p.name,
          ...rate(Number(p.sessions), byProductEvents.get(p.product_id)),
        }))
        .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0)),
      byLot: lotExposure
        .map((l) => ({
          productId: l.product_id,
          lotId: l.lot_id,
          lotNumber: l.lot_number,
          ...rate(Number(l.sessions), byLotEvents.get(`${l.product_id}|${l.lot_id}`)),
        }))
        .sort((a, b) => (a.productId + a.lotId < b.productId + b.lotId ? -1 : 1)),
    };
  });
}
