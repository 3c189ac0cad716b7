import pg from 'pg';

// The PostgreSQL chores every benchmark shares: is a server there, and a schema of its own.

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One statement on a short-lived connection. */
async function run(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** True when the server answers within two seconds. */
export async function pgAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

export const createSchema = (schema: string) => run(`create schema ${schema}`);
export const dropSchema = (schema: string) => run(`drop schema if exists ${schema} cascade`);
