import {
  findInstrument,
  type LocalDate,
  type OutcomeRow,
  proportionInterval,
  summariseOutcomesByProtocol,
} from '@exoclinic/core';
import { sql } from 'kysely';
import { type Tx, withTenant } from '../db/tenant';
import { clinicDay } from '../records/settings';
import type { UseCaseContext } from '../shared/context';
import { bounds, isBounded } from './period';
import type { Period } from './schemas';

/**
 * Outcome by protocol, indication and instrument: one GROUP BY over `outcome_latest` (each
 * course's baseline and latest score, kept by recordOutcome with the core's pairing rule), the
 * same figures as the core's `summariseOutcomesByProtocol`, with Wilson 95% intervals.
 */
export async function outcomesByProtocol(ctx: UseCaseContext, period: Period = {}) {
  if (isBounded(period)) return withTenant(ctx.db, ctx.actor.tenantId, (tx) => inPeriod(tx, ctx, period));
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

/**
 * The courses scored in the period: each course's baseline (whenever it was taken) against its
 * latest follow-up score taken in the period; a course scored in the period with no follow-up in
 * it counts as without follow-up. The period's scores are few: read once and summarised by the
 * core's reference (`summariseOutcomesByProtocol`), grouped by the course's protocol and
 * indication as kept in `outcome_latest`, so a period covering everything gives the same figures.
 */
async function inPeriod(tx: Tx, ctx: UseCaseContext, period: Period) {
  const t = ctx.actor.tenantId;
  const { from, to } = bounds(period);
  const { time_zone: timeZone } = await tx
    .selectFrom('tenants')
    .select('time_zone')
    .where('tenant_id', '=', t)
    .executeTakeFirstOrThrow();
  const scores = await tx
    .selectFrom('outcome_scores as s')
    .innerJoin('outcome_latest as l', (j) =>
      j
        .onRef('l.tenant_id', '=', 's.tenant_id')
        .onRef('l.plan_id', '=', 's.plan_id')
        .onRef('l.instrument_id', '=', 's.instrument_id'),
    )
    .select([
      's.plan_id',
      's.instrument_id',
      's.timepoint',
      's.measured_at',
      's.value',
      'l.protocol_id',
      'l.indication',
    ])
    .where('s.tenant_id', '=', t)
    .where(({ eb, and, or, exists, selectFrom }) =>
      and([
        exists(
          selectFrom('outcome_scores as x')
            .select('x.score_id')
            .whereRef('x.tenant_id', '=', 's.tenant_id')
            .whereRef('x.plan_id', '=', 's.plan_id')
            .whereRef('x.instrument_id', '=', 's.instrument_id')
            .where('x.measured_at', '>=', from)
            .where('x.measured_at', '<', to),
        ),
        or([
          eb('s.timepoint', '=', 'baseline'),
          and([eb('s.measured_at', '>=', from), eb('s.measured_at', '<', to)]),
        ]),
      ]),
    )
    .execute();
  const rows: OutcomeRow[] = scores.map((s) => ({
    courseId: s.plan_id,
    protocolId: s.protocol_id ?? '(none)',
    indication: s.indication,
    instrumentId: s.instrument_id,
    point: s.timepoint as OutcomeRow['point'],
    date: clinicDay(Number(s.measured_at), timeZone) as LocalDate,
    value: Number(s.value),
  }));
  return {
    groups: summariseOutcomesByProtocol(rows).groups.map((g) => ({
      protocolId: g.protocolId,
      indication: g.indication,
      instrumentId: g.instrumentId,
      n: g.n,
      meanChange: g.meanChange,
      meanImprovement: g.meanImprovement,
      improved: g.improved,
      reachingMcid: g.reachingMcid,
      unpaired: g.unpaired,
    })),
  };
}
