import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/connect';
import type { Database } from '../db/schema';
import { type Tx, withTenant } from '../db/tenant';
import { DomainError } from '../shared/errors';
import type { TenantId } from '../shared/ids';

export const resourceConflict = (detail: string, extra: Record<string, unknown> = {}) =>
  new DomainError(409, 'resource-conflict', 'Resource already booked', detail, extra);

/**
 * A booking write: its overlap checks and its inserts see no other writer in between.
 * SQLite: `BEGIN IMMEDIATE` takes the database's write lock before the first read, so two
 * processes on one file serialize here (within one process Kysely's single connection already
 * does). PostgreSQL: writes of one clinic queue on a transaction-scoped advisory lock, and the
 * exclusion constraint on active holds stays the wall (any writer, any path); its violation
 * (23P01), like the unique index on live sessions, becomes a 409 problem.
 */
export function withSchedulingWrite<T>(db: Db, tenantId: TenantId, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return readThenWrite(
    db,
    tenantId,
    async () => undefined,
    (tx) => fn(tx),
  );
}

/**
 * A booking write whose reads of what bookings do not change (the plan, the clinic's resources
 * and hours) run before the write lock, so the lock is held only for reading the holds, solving
 * and writing. PostgreSQL: one transaction, the advisory lock taken between the two phases (read
 * committed: every statement after it sees the bookings committed before it). SQLite: both phases
 * inside `BEGIN IMMEDIATE` on the one pinned connection.
 */
export async function readThenWrite<R, T>(
  db: Db,
  tenantId: TenantId,
  read: (tx: Tx) => Promise<R>,
  write: (tx: Tx, read: R) => Promise<T>,
): Promise<T> {
  try {
    if (db.engine === 'postgres') {
      return await withTenant(db, tenantId, async (tx) => {
        const before = await read(tx);
        // Bookings of one clinic queue here, so each solves against the bookings before it
        // instead of racing them into the constraint (lock waits, deadlocks, wasted solves).
        await sql`select pg_advisory_xact_lock(hashtextextended(${`exoclinic.scheduling:${tenantId}`}, 0))`.execute(
          tx,
        );
        return write(tx, before);
      });
    }
    return await db.kysely.connection().execute(async (conn: Kysely<Database>) => {
      await sql`begin immediate`.execute(conn);
      try {
        // One pinned connection inside BEGIN IMMEDIATE: a transaction in all but Kysely's type.
        // The reads go inside too: this process has one connection, so reading before the lock
        // gains nothing and would queue each read behind every other request (the bench's p99).
        const tx = conn as unknown as Tx;
        const result = await write(tx, await read(tx));
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === '23P01')
      throw resourceConflict('another booking took one of these resources at this time: choose another slot');
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new DomainError(
        409,
        'already-booked',
        'Already booked',
        'this session or course is already booked',
      );
    }
    throw error;
  }
}
