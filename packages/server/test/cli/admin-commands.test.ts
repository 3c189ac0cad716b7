import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbConfig, openDatabase } from '../../src/db/connect';
import { buildApp } from '../../src/http/app';
import { cli } from '../helpers/cli';
import { engines, PG_URL } from '../helpers/engines';

function storageConfig(args: string[]): DbConfig {
  if (args[0] === '--database-url') {
    return { engine: 'postgres', url: PG_URL, schema: new URL(args[1]!).searchParams.get('schema')! };
  }
  return { engine: 'sqlite', file: join(args[1]!, 'exoclinic.sqlite') };
}

const dir = mkdtempSync(join(tmpdir(), 'exoclinic-cli-'));
const passwordFile = join(dir, 'pw.txt');
writeFileSync(passwordFile, 'a strong owner password\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(engines)('init, migrate, backup and restore on %s', (engine) => {
  let storage: string[];
  let schema = '';
  let otherSchema = '';
  beforeAll(async () => {
    if (engine === 'sqlite') {
      storage = ['--data', join(dir, `data-${randomBytes(3).toString('hex')}`)];
      return;
    }
    schema = `cli_${randomBytes(5).toString('hex')}`;
    otherSchema = `cli_${randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    storage = ['--database-url', `${PG_URL}?schema=${schema}`];
  });
  afterAll(async () => {
    if (engine !== 'postgres') return;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.query(`drop schema if exists ${otherSchema} cascade`);
    await c.end();
  });

  const tag = randomBytes(3).toString('hex');
  const ownerA = `owner.a.${tag}@example.org`;

  it('migrate creates the schema, then has nothing to do', async () => {
    const first = await cli(['migrate', ...storage]);
    // Every migration is applied in name order, the first one first.
    expect(first).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^applied: 0001_initial(, \d{4}_\w+)*\n$/),
    });
    expect((await cli(['migrate', ...storage])).stdout).toBe('schema is up to date\n');
  });

  it('init creates two clinics in one database; owners sign in to their own', async () => {
    const a = await cli([
      'init',
      ...storage,
      '--tenant',
      'Clinic A',
      '--owner-email',
      ownerA,
      '--owner-password-file',
      passwordFile,
    ]);
    expect(a.code, a.stderr).toBe(0);
    const b = await cli([
      'init',
      ...storage,
      '--tenant',
      'Clinic B',
      '--owner-email',
      `owner.b.${tag}@example.org`,
      '--owner-password-file',
      passwordFile,
      '--jurisdiction',
      'KR',
      '--currency',
      'KRW',
      '--time-zone',
      'Asia/Seoul',
    ]);
    expect(b.code, b.stderr).toBe(0);
    const again = await cli([
      'init',
      ...storage,
      '--tenant',
      'Clinic C',
      '--owner-email',
      ownerA,
      '--owner-password-file',
      passwordFile,
    ]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already signs in');

    const db = await openDatabase(storageConfig(storage));
    const app = await buildApp({ db });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: ownerA, password: 'a strong owner password' },
      });
      expect(login.statusCode).toBe(200);
      const cookie = `exo_session=${login.cookies[0]!.value}`;
      const session = (await app.inject({ url: '/api/v1/auth/session', headers: { cookie } })).json();
      expect(session.user.role).toBe('owner');
      const templates = (await app.inject({ url: '/api/v1/consent-templates', headers: { cookie } })).json()
        .items;
      expect(templates).toHaveLength(1);
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('bad options exit 2 and name every bad field', async () => {
    const bad = await cli([
      'init',
      ...storage,
      '--owner-email',
      'nope',
      '--jurisdiction',
      'FR',
      '--owner-password-file',
      passwordFile,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--tenant');
    expect(bad.stderr).toContain('--owner-email');
    expect(bad.stderr).toContain('--jurisdiction');
    const short = join(dir, 'short.txt');
    writeFileSync(short, 'short');
    const weak = await cli([
      'init',
      ...storage,
      '--tenant',
      'X',
      '--owner-email',
      `x.${tag}@example.org`,
      '--owner-password-file',
      short,
    ]);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('at least 10 characters');
    const missing = await cli([
      'init',
      ...storage,
      '--tenant',
      'X',
      '--owner-email',
      `x.${tag}@example.org`,
      '--owner-password-file',
      join(dir, 'none'),
    ]);
    expect(missing).toMatchObject({ code: 2 });
    expect((await cli(['backup', ...storage])).code).toBe(2);
    expect((await cli(['serve', ...storage, '--port', 'eighty'])).code).toBe(2);
  });

  it('a backup restores to the same records', async () => {
    const backup = join(dir, `backup-${engine}-${tag}.bin`);
    const res = await cli(['backup', ...storage, '--out', backup]);
    expect(res.code, res.stderr).toBe(0);

    const snapshot = async (args: string[]) => {
      const db = await openDatabase(storageConfig(args));
      try {
        const tenants = await db.kysely
          .selectFrom('tenants')
          .select(['tenant_id', 'name'])
          .orderBy('name')
          .execute();
        const users = await db.kysely.selectFrom('login_directory').selectAll().orderBy('email').execute();
        const templates = await db.kysely
          .selectFrom('consent_templates')
          .select(['template_id', 'body'])
          .orderBy('template_id')
          .execute();
        return { tenants, users, templates };
      } finally {
        await db.close();
      }
    };
    const before = await snapshot(storage);
    expect(before.tenants.map((t) => t.name)).toEqual(['Clinic A', 'Clinic B']);

    let target: string[];
    if (engine === 'sqlite') {
      target = ['--data', join(dir, `restored-${tag}`)];
    } else {
      // Restore into the same schema after losing it: the dump recreates it.
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      target = storage;
    }
    const restored = await cli(['restore', ...target, '--from', backup]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(await snapshot(target)).toEqual(before);
    // The restored database is a working one: the owner can still be created elsewhere, and migrate is a no-op.
    expect((await cli(['migrate', ...target])).stdout).toBe('schema is up to date\n');
    if (engine === 'sqlite') {
      const refused = await cli(['restore', ...target, '--from', backup]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--force');
    }
  });
});
