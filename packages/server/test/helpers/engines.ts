import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, type DbConfig, type Engine, openDatabase } from '../../src/db/connect';
import { migrateToLatest } from '../../src/db/migrate';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgUp = await postgresAnswers();
if (!pgUp) {
  if (process.env.EXOCLINIC_REQUIRE_PG === '1') {
    throw new Error(`PostgreSQL is required (EXOCLINIC_REQUIRE_PG=1) but does not answer at ${PG_URL}`);
  }
  console.warn(
    `\n!!!!!!!! PostgreSQL does not answer at ${PG_URL}: the PostgreSQL storage and API suites are SKIPPED !!!!!!!!\n`,
  );
}

/** The engines this machine can run; every storage and API suite runs `describe.each(engines)`. */
export const engines: Engine[] = pgUp ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  db: Db;
  config: DbConfig;
  /** Open another handle on the same database (e.g. the CLI or a second server). */
  reopen(): Promise<Db>;
  drop(): Promise<void>;
}

/** A fresh, migrated database: a temp SQLite file, or a PostgreSQL schema of its own. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'exoclinic-test-'));
    const config: DbConfig = { engine: 'sqlite', file: join(dir, 'exoclinic.sqlite') };
    const db = await openDatabase(config);
    await migrateToLatest(db);
    return {
      db,
      config,
      reopen: () => openDatabase(config),
      async drop() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const config: DbConfig = { engine: 'postgres', url: PG_URL, schema, poolSize: 5 };
  const db = await openDatabase(config);
  await migrateToLatest(db);
  return {
    db,
    config,
    reopen: () => openDatabase(config),
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
