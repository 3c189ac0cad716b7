import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Engine = 'sqlite' | 'postgres';

export type DbConfig =
  | { engine: 'sqlite'; file: string; synchronous?: 'FULL' | 'NORMAL' }
  | { engine: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Db {
  engine: Engine;
  kysely: Kysely<Database>;
  config: DbConfig;
  /** PostgreSQL: the role tenant transactions switch to so that row-level security applies. */
  rlsRole: string | null;
  /** SQLite: the driver handle (online backup needs it). */
  sqlite: SqliteDatabase.Database | null;
  /**
   * SQLite: a number that changes whenever anything but an audit row is written through this
   * process's one connection, so a read may be remembered until then (see read-cache.ts).
   * PostgreSQL: null (other processes write too; nothing is remembered).
   */
  writeGeneration: (() => number) | null;
  close(): Promise<void>;
}

export const APP_ROLE = 'exoclinic_app';

// int8 (bigint) columns hold epoch-ms and minor units, always well inside 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export async function openDatabase(config: DbConfig): Promise<Db> {
  if (config.engine === 'sqlite') {
    if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
    const handle = new SqliteDatabase(config.file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('busy_timeout = 5000');
    handle.pragma('foreign_keys = ON');
    // FULL (default): a committed clinical record survives power loss, not only a crash of the
    // process. NORMAL keeps every commit across a crash of the process (WAL) and skips the fsync.
    handle.pragma(`synchronous = ${config.synchronous ?? 'FULL'}`);
    const generation = { value: 0 };
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(handle, generation) }),
    });
    return {
      engine: 'sqlite',
      kysely,
      config,
      rlsRole: null,
      sqlite: handle,
      writeGeneration: () => generation.value,
      close: () => kysely.destroy(),
    };
  }
  const schema = config.schema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new Error(`schema '${schema}' must be a plain lower-case name`);
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10, types: pgTypes });
  const kysely = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (conn) => {
        if (schema) await conn.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
      },
    }),
  });
  const db: Db = {
    engine: 'postgres',
    kysely,
    config,
    rlsRole: null,
    sqlite: null,
    writeGeneration: null,
    close: () => kysely.destroy(),
  };
  db.rlsRole = await detectRlsRole(db);
  return db;
}

/** The application role exists and this login may switch to it: tenant transactions will. */
async function detectRlsRole(db: Db): Promise<string | null> {
  const r = await sql<{ ok: boolean | null }>`
    select pg_has_role(current_user, oid, 'MEMBER') as ok from pg_roles where rolname = ${APP_ROLE}`.execute(
    db.kysely,
  );
  return r.rows[0]?.ok ? APP_ROLE : null;
}

export async function refreshRlsRole(db: Db): Promise<void> {
  if (db.engine === 'postgres') db.rlsRole = await detectRlsRole(db);
}

/**
 * Kysely prepares every statement it runs; better-sqlite3 statements are reusable, so keep the
 * prepared ones by their SQL text (queries are parameterised: the set of texts is small).
 * Statements that write (other than audit rows) move `generation` on, before and after they run.
 */
function withStatementCache(
  handle: SqliteDatabase.Database,
  generation: { value: number },
): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(handle, {
    get(target, prop, receiver) {
      if (prop === 'prepare') {
        return (source: string) => {
          let stmt = cache.get(source);
          if (!stmt) {
            stmt = target.prepare(source);
            if (!stmt.readonly && !AUDIT_INSERT.test(source)) countWrites(stmt, generation);
            if (cache.size < 2000) cache.set(source, stmt);
          }
          return stmt;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const AUDIT_INSERT = /^insert into "audit_log"/i;

function countWrites(stmt: SqliteDatabase.Statement, generation: { value: number }): void {
  const s = stmt as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = s[method]!.bind(stmt);
    s[method] = (...args: unknown[]) => {
      generation.value++;
      try {
        return original(...args);
      } finally {
        generation.value++;
      }
    };
  }
}

/** JSON columns come back as text from SQLite and parsed from PostgreSQL jsonb. */
export function readJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}
