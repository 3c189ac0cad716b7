import { proportionInterval } from '@exoclinic/core';
import { sql } from 'kysely';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { bounds, isBounded } from './period';
import type { Period } from './schemas';

/** A course with no session attended for this long, and its series unfinished, is counted as stopped. */
export const STOPPED_AFTER_DAYS = 180;

/**
 * Series completion by protocol: of the courses that are over (completed, withdrawn, or idle for
 * STOPPED_AFTER_DAYS), the share that received every planned session of the initial series; the
 * core's definition (`summariseSeriesCompletion`), one GROUP BY over the course progress that
 * check-in and charting keep (one row per course). With a period: the courses whose last
 * session (attended, else recorded) fell in it, each judged as of now.
 */
export async function seriesCompletion(ctx: UseCaseContext, period: Period = {}) {
  const t = ctx.actor.tenantId;
  const cutoff = ctx.now - STOPPED_AFTER_DAYS * 86_400_000;
  const { from, to } = bounds(period);
  const rows = await withTenant(ctx.db, t, (tx) => {
    let q = tx
      .selectFrom('course_progress as c')
      .innerJoin('plans as p', (j) =>
        j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.plan_id', '=', 'c.plan_id'),
      )
      .select([
        sql<string>`coalesce(c.protocol_id, '(none)')`.as('protocol_id'),
        sql<number>`sum(case when c.completed >= c.planned then 1 else 0 end)`.as('completed'),
        // The last session attended (a missed visit does not keep a course going).
        sql<number>`sum(case when c.completed < c.planned and (p.status = 'withdrawn' or coalesce(c.last_attended_at, c.last_recorded_at) < ${cutoff}) then 1 else 0 end)`.as(
          'stopped',
        ),
        sql<number>`sum(case when c.completed < c.planned and p.status <> 'withdrawn' and coalesce(c.last_attended_at, c.last_recorded_at) >= ${cutoff} then 1 else 0 end)`.as(
          'in_progress',
        ),
      ])
      .where('c.tenant_id', '=', t);
    if (isBounded(period)) {
      const last = sql<number>`coalesce(c.last_attended_at, c.last_recorded_at)`;
      q = q.where(last, '>=', from).where(last, '<', to);
    }
    return q
      .groupBy(sql`coalesce(c.protocol_id, '(none)')`)
      .orderBy(sql`coalesce(c.protocol_id, '(none)')`)
      .execute();
  });
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
