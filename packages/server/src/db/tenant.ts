import { type Kysely, sql, type Transaction } from 'kysely';
import { ID_PATTERN, type TenantId } from '../shared/ids';
import type { Db } from './connect';
import type { Database } from './schema';

export type Tx = Transaction<Database>;

/**
 * Run one use case in one transaction scoped to a clinic. Repositories still filter on
 * `tenant_id` themselves (first wall); on PostgreSQL the transaction also switches to the
 * application role with `app.tenant_id` set, so row-level security is the second wall.
 */
export async function withTenant<T>(db: Db, tenantId: TenantId, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.engine === 'postgres') return withPostgresTenant(db, tenantId, fn);
  return db.kysely.transaction().execute(fn);
}

const ROLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * PostgreSQL: BEGIN and the clinic's settings travel as one simple-protocol message (one round
 * trip instead of two; on this kind of machine each round trip to the server costs more than the
 * statements themselves). That protocol takes no parameters, so the values are written into the
 * text: a tenant id is checked to be a UUID and the role a plain name first.
 */
async function withPostgresTenant<T>(db: Db, tenantId: TenantId, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!ID_PATTERN.test(tenantId)) throw new Error('a tenant id must be a UUID');
  if (db.rlsRole !== null && !ROLE_NAME.test(db.rlsRole))
    throw new Error('the row-security role must be a plain name');
  const role = db.rlsRole ? `, set_config('role', '${db.rlsRole}', true)` : '';
  const begin = `begin; select set_config('app.tenant_id', '${tenantId}', true)${role}`;
  return db.kysely.connection().execute(async (conn) => {
    let result: T;
    try {
      // BEGIN inside the try: when the settings fail after BEGIN ran, the connection must not go
      // back to the pool inside an aborted transaction.
      await sql.raw(begin).execute(conn);
      // One pinned connection inside BEGIN: a transaction in all but Kysely's type.
      result = await fn(conn as unknown as Tx);
    } catch (error) {
      // The use case's own error is what the caller hears; a failed rollback leaves a connection
      // that pg's pool discards once it cannot run queries.
      await sql
        .raw('rollback')
        .execute(conn)
        .catch(() => {});
      throw error;
    }
    const done = await sql.raw<{ command?: string }>('commit').execute(conn);
    // PostgreSQL answers COMMIT of a transaction that already failed with ROLLBACK, not an error.
    if (done.rows[0]?.command === 'ROLLBACK') throw new Error('the transaction failed and was rolled back');
    return result;
  });
}

/**
 * A read-only use case. On PostgreSQL it is a tenant transaction like any other (row-level
 * security needs it); on SQLite, whose one connection answers statements one at a time, a read
 * that needs no snapshot across statements skips BEGIN/COMMIT.
 */
export async function readTenant<T>(db: Db, tenantId: TenantId, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.engine === 'sqlite') return fn(db.kysely as unknown as Tx);
  return withTenant(db, tenantId, fn);
}

/** Work that is not one clinic's (the sign-in directory, readiness). */
export function global(db: Db): Kysely<Database> {
  return db.kysely;
}
