import { PostgresAdapter, sql } from 'kysely';
import type { Tx } from '../db/tenant';
import type { TenantId } from '../shared/ids';

/** No hold is longer than this (checked where holds are written): a start bound keeps scans short. */
export const MAX_HOLD_MS = 86_400_000;

/**
 * Every resource's busy time in [from, to): active holds and time off, as flat [start, end, …]
 * lists per resource. The holds are what a booking must read under its write lock, and on a busy
 * clinic they are thousands of rows: the database folds them into one text per resource, so no
 * object is built per hold (Cal.com's lesson), and the start bound keeps it an index range scan.
 */
export async function loadBusyTimes(
  tx: Tx,
  tenantId: TenantId,
  range: { from: number; to: number; ignoreAppointments?: readonly string[] },
): Promise<Map<string, number[]>> {
  const { from, to } = range;
  const postgres = tx.getExecutor().adapter instanceof PostgresAdapter;
  // "s,e,s,e…" per resource.
  const spans = () =>
    postgres
      ? sql<string>`string_agg(start_ms::text || ',' || end_ms::text, ',')`
      : sql<string>`group_concat(start_ms || ',' || end_ms, ',')`;
  let holds = tx
    .selectFrom('resource_holds')
    .select(['resource_id', spans().as('spans')])
    .where('tenant_id', '=', tenantId)
    .where('active', '=', 1)
    .where('start_ms', '>=', from - MAX_HOLD_MS)
    .where('start_ms', '<', to)
    .where('end_ms', '>', from)
    .groupBy('resource_id');
  if (range.ignoreAppointments && range.ignoreAppointments.length > 0)
    holds = holds.where('appointment_id', 'not in', [...range.ignoreAppointments]);
  // Time off rides along in the same statement: one round trip under the lock, not two.
  const timeOff = tx
    .selectFrom('resource_time_off')
    .select(['resource_id', spans().as('spans')])
    .where('tenant_id', '=', tenantId)
    .where('start_ms', '<', to)
    .where('end_ms', '>', from)
    .groupBy('resource_id');
  const rows = await holds.unionAll(timeOff).execute();
  const busy = new Map<string, number[]>();
  for (const r of rows) {
    const list = busy.get(r.resource_id) ?? [];
    for (const part of r.spans.split(',')) list.push(+part);
    busy.set(r.resource_id, list);
  }
  return busy;
}
