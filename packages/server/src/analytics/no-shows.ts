import { proportionInterval } from '@exoclinic/core';
import { sql } from 'kysely';
import { type Tx, withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';

type Counts = { attended: number; no_show: number; cancelled: number; scheduled: number };

/** The clinic books through the scheduling engine: its appointments table exists and holds some in the range. */
async function booksAppointments(
  tx: Tx,
  engine: 'sqlite' | 'postgres',
  tenantId: string,
  from: number,
  to: number,
) {
  const table =
    engine === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from sqlite_master
          where type = 'table' and name = 'appointments'`.execute(tx)
      : await sql<{ n: number }>`select count(*) as n from information_schema.tables
          where table_schema = current_schema() and table_name = 'appointments'`.execute(tx);
  if (Number(table.rows[0]?.n ?? 0) === 0) return false;
  const any = await sql<{ n: number }>`select count(*) as n from (select 1 as one from appointments
    where tenant_id = ${tenantId} and start_ms >= ${from} and start_ms < ${to} limit 1) a`.execute(tx);
  return Number(any.rows[0]?.n ?? 0) > 0;
}

/**
 * No-show rate: no-shows among the visits that were due and not cancelled (the core's
 * `summariseNoShows`). From the scheduling engine's appointments when the clinic books through
 * it; otherwise from the sessions recorded here (check-ins and recorded no-shows). One aggregate
 * query either way.
 */
export async function noShows(
  ctx: UseCaseContext,
  range: { from?: number | undefined; to?: number | undefined },
) {
  const t = ctx.actor.tenantId;
  const from = range.from ?? 0;
  const to = range.to ?? ctx.now + 1;
  return withTenant(ctx.db, t, async (tx) => {
    const fromAppointments = await booksAppointments(tx, ctx.db.engine, t, from, to);
    const r = fromAppointments
      ? await sql<Counts>`
          select
            sum(case when status in ('checked-in', 'completed') then 1 else 0 end) as attended,
            sum(case when status = 'no-show' then 1 else 0 end) as no_show,
            sum(case when status = 'cancelled' then 1 else 0 end) as cancelled,
            sum(case when status = 'booked' then 1 else 0 end) as scheduled
          from appointments
          where tenant_id = ${t} and start_ms >= ${from} and start_ms < ${to}`.execute(tx)
      : await sql<Counts>`
          select
            sum(case when status in ('checked_in', 'charted', 'signed') then 1 else 0 end) as attended,
            sum(case when status = 'no_show' then 1 else 0 end) as no_show,
            sum(case when status = 'cancelled' then 1 else 0 end) as cancelled,
            0 as scheduled
          from treatment_sessions
          where tenant_id = ${t}
            and coalesce(scheduled_for, checked_in_at, created_at) >= ${from}
            and coalesce(scheduled_for, checked_in_at, created_at) < ${to}`.execute(tx);
    const row = r.rows[0];
    const attended = Number(row?.attended ?? 0);
    const noShow = Number(row?.no_show ?? 0);
    return {
      source: fromAppointments ? 'appointments' : 'sessions',
      from,
      to,
      attended,
      noShows: noShow,
      cancelled: Number(row?.cancelled ?? 0),
      scheduled: Number(row?.scheduled ?? 0),
      rate: proportionInterval(noShow, attended + noShow),
    };
  });
}
