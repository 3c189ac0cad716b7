import { type Kysely, sql, type Transaction } from 'kysely';
import type { TenantId } from '../shared/ids';
import type { Db } from './connect';
import type { Database } from './schema';

export type Tx = Transaction<Database>;

/**
 * Run one use case in one transaction scoped to a clinic. Repositories still filter on
 * `tenant_id` themselves (first wall); on PostgreSQL the transaction also switches to the
 * application role with `app.tenant_id` set, so row-level security is the second wall.
 */
export async function withTenant<T>(db: Db, tenantId: TenantId, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(async (tx) => {
    if (db.engine === 'postgres') {
      if (db.rlsRole) {
        await sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${db.rlsRole}, true)`.execute(
          tx,
        );
      } else {
        await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
      }
    }
    return fn(tx);
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
