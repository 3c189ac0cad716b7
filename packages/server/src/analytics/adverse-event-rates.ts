import { proportionInterval } from '@exoclinic/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { bounds, isBounded } from './period';
import type { Period } from './schemas';

type Counts = { affected: number | string; events: number | string; serious: number | string };

/**
 * Adverse-event rate per product and per lot: of the sessions that used it, the share with at
 * least one adverse event attributed to it (an event counts for the lots it names, or for every
 * lot of its session when it names none), the core's definition (`summariseAdverseEventRates`):
 * exposures from the counters charting keeps, attribution from the few event links outwards.
 * With a period: the sessions checked in during it (exposures counted from their charted lots)
 * and the events linked to those sessions, whenever the events began.
 */
export async function adverseEventRates(ctx: UseCaseContext, period: Period = {}) {
  const t = ctx.actor.tenantId;
  const bounded = isBounded(period);
  const { from, to } = bounds(period);
  return withTenant(ctx.db, t, async (tx) => {
    const db = tx as unknown as Kysely<Database>;
    /** Sessions of the period only (their check-in), when one was asked for. */
    const sessionInPeriod = (sessionId: 'aes.session_id' | 'sl.session_id') =>
      sql<boolean>`exists (select 1 from treatment_sessions ts where ts.tenant_id = ${t}
        and ts.session_id = ${sql.ref(sessionId)} and ts.checked_in_at >= ${from} and ts.checked_in_at < ${to})`;
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
        .$if(bounded, (q) => q.where(sessionInPeriod('aes.session_id')))
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
    // The attributed (event, session, lot) rows are few (events × their sessions' lots): fetched
    // once and counted here. On PostgreSQL the planner is kept to index lookups from those few
    // links (a hash join would read every session's lots).
    if (ctx.db.engine === 'postgres') await sql`set local enable_hashjoin = off`.execute(tx);
    const rows = await attributed()
      .select(['sl.session_id', 'sl.lot_id', 'sl.product_id', 'ae.adverse_event_id', 'ae.serious'])
      .execute();
    const count = () => ({
      affected: new Set<string>(),
      events: new Set<string>(),
      serious: new Set<string>(),
    });
    const byLot = new Map<string, ReturnType<typeof count>>();
    const byProduct = new Map<string, ReturnType<typeof count>>();
    for (const r of rows) {
      for (const [map, key] of [
        [byLot, r.lot_id],
        [byProduct, r.product_id],
      ] as const) {
        let c = map.get(key);
        if (!c) {
          c = count();
          map.set(key, c);
        }
        c.affected.add(r.session_id);
        c.events.add(r.adverse_event_id);
        if (r.serious === 1) c.serious.add(r.adverse_event_id);
      }
    }
    const counts = (c: ReturnType<typeof count> | undefined): Counts | undefined =>
      c && { affected: c.affected.size, events: c.events.size, serious: c.serious.size };
    // Exposures: the counters the charting transaction keeps, or for a period the sessions of
    // that period that used each lot and product.
    const lotExposure = bounded
      ? await db
          .selectFrom('session_lots as sl')
          .select(['sl.lot_id', sql<number>`count(distinct sl.session_id)`.as('sessions')])
          .where('sl.tenant_id', '=', t)
          .where(sessionInPeriod('sl.session_id'))
          .groupBy('sl.lot_id')
          .execute()
      : await db
          .selectFrom('lot_exposure')
          .select(['lot_id', 'sessions'])
          .where('tenant_id', '=', t)
          .where('sessions', '>', 0)
          .execute();
    const productExposure = bounded
      ? await db
          .selectFrom('session_lots as sl')
          .select(['sl.product_id', sql<number>`count(distinct sl.session_id)`.as('sessions')])
          .where('sl.tenant_id', '=', t)
          .where(sessionInPeriod('sl.session_id'))
          .groupBy('sl.product_id')
          .execute()
      : await db
          .selectFrom('product_exposure')
          .select(['product_id', 'sessions'])
          .where('tenant_id', '=', t)
          .where('sessions', '>', 0)
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
    const byLotEvents = new Map([...byLot].map(([k, c]) => [k, counts(c)]));
    const byProductEvents = new Map([...byProduct].map(([k, c]) => [k, counts(c)]));
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
