import { findInstrument, proportionInterval } from '@exoclinic/core';
import { sql } from 'kysely';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';

/**
 * Outcome by protocol, indication and instrument: one GROUP BY over `outcome_latest` (each
 * course's baseline and latest score, kept by recordOutcome with the core's pairing rule), the
 * same figures as the core's `summariseOutcomesByProtocol`, with Wilson 95% intervals.
 */
export async function outcomesByProtocol(ctx: UseCaseContext) {
  const rows = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .selectFrom('outcome_latest')
      .select((eb) => [
        sql<string>`coalesce(protocol_id, '(none)')`.as('protocol_id'),
        'indication',
        'instrument_id',
        eb.fn.sum<number>('paired').as('n'),
        sql<number | null>`avg(case when paired = 1 then latest - coalesce(baseline, 0) end)`.as(
          'mean_change',
        ),
        sql<number | null>`avg(case when paired = 1 then improvement end)`.as('mean_improvement'),
        sql<number>`sum(case when paired = 1 and improved = 1 then 1 else 0 end)`.as('improved'),
        sql<number>`sum(case when paired = 1 and reaches_mcid = 1 then 1 else 0 end)`.as('reaching'),
        sql<number>`sum(case when latest is null then 1 else 0 end)`.as('no_follow_up'),
        sql<number>`sum(case when latest is not null and paired = 0 then 1 else 0 end)`.as('no_baseline'),
      ])
      .where('tenant_id', '=', ctx.actor.tenantId)
      .groupBy([sql`coalesce(protocol_id, '(none)')`, 'indication', 'instrument_id'])
      .orderBy(sql`coalesce(protocol_id, '(none)')`)
      .orderBy('indication')
      .orderBy('instrument_id')
      .execute(),
  );
  return {
    groups: rows.map((r) => {
      const instrument = findInstrument(r.instrument_id);
      const n = Number(r.n);
      const hasMcid = Boolean(instrument && !instrument.comparative && instrument.mcid);
      return {
        protocolId: r.protocol_id,
        indication: r.indication,
        instrumentId: r.instrument_id,
        n,
        meanChange: r.mean_change === null ? null : Number(r.mean_change),
        meanImprovement: r.mean_improvement === null ? null : Number(r.mean_improvement),
        improved: proportionInterval(Number(r.improved), n),
        reachingMcid: hasMcid ? proportionInterval(Number(r.reaching), n) : null,
        unpaired: { noBaseline: Number(r.no_baseline), noFollowUp: Number(r.no_follow_up) },
      };
    }),
  };
}
