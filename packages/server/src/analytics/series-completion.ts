import { proportionInterval } from '@exoclinic/core';
import { sql } from 'kysely';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';

/** A course with no session attended for this long, and its series unfinished, is counted as stopped. */
export const STOPPED_AFTER_DAYS = 180;

/**
 * Series completion by protocol: of the courses that are over (completed, withdrawn, or idle for
 * STOPPED_AFTER_DAYS), the share that received every planned session of the initial series; the
 * core's definition (`summariseSeriesCompletion`), aggregated in SQL: per course over a covering
 * index of the sessions, then per protocol.
 */
export async function seriesCompletion(ctx: UseCaseContext) {
  const t = ctx.actor.tenantId;
  const cutoff = ctx.now - STOPPED_AFTER_DAYS * 86_400_000;
  const rows = await withTenant(ctx.db, t, (tx) =>
    tx
      .selectFrom((db) =>
        db
          .selectFrom('treatment_sessions as s')
          .select([
            's.plan_id',
            sql<string>`coalesce(max(s.protocol_id), '(none)')`.as('protocol_id'),
            sql<number>`max(s.series_planned)`.as('planned'),
            sql<number>`sum(case when s.status in ('charted', 'signed') and coalesce(s.session_index, 1) <= s.series_planned then 1 else 0 end)`.as(
              'completed',
            ),
            // The last session attended (a missed visit does not keep a course going).
            sql<number>`coalesce(max(s.checked_in_at), max(s.created_at))`.as('last_at'),
          ])
          .where('s.tenant_id', '=', t)
          .groupBy('s.plan_id')
          .as('c'),
      )
      .innerJoin('plans as p', (j) => j.on('p.tenant_id', '=', t).onRef('p.plan_id', '=', 'c.plan_id'))
      .select([
        'c.protocol_id',
        sql<number>`sum(case when c.completed >= c.planned then 1 else 0 end)`.as('completed'),
        sql<number>`sum(case when c.completed < c.planned and (p.status = 'withdrawn' or c.last_at < ${cutoff}) then 1 else 0 end)`.as(
          'stopped',
        ),
        sql<number>`sum(case when c.completed < c.planned and p.status <> 'withdrawn' and c.last_at >= ${cutoff} then 1 else 0 end)`.as(
          'in_progress',
        ),
      ])
      .groupBy('c.protocol_id')
      .orderBy('c.protocol_id')
      .execute(),
  );
  const summary = (completed: number, stopped: number, inProgress: number) => ({
    finished: completed + stopped,
    completed,
    inProgress,
    rate: proportionInterval(completed, completed + stopped),
  });
  const byProtocol = rows.map((r) => ({
    protocolId: r.protocol_id,
    ...summary(Number(r.completed), Number(r.stopped), Number(r.in_progress)),
  }));
  const total = (k: 'completed' | 'stopped' | 'in_progress') => rows.reduce((s, r) => s + Number(r[k]), 0);
  return {
    overall: summary(total('completed'), total('stopped'), total('in_progress')),
    byProtocol,
    stoppedAfterDays: STOPPED_AFTER_DAYS,
  };
}
