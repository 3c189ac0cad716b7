import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/auth/permissions';
import { type Db, type Engine, openDatabase } from '../../src/db/connect';
import { migrations } from '../../src/db/migrate';
import { withTenant } from '../../src/db/tenant';
import { newId, type TenantId } from '../../src/shared/ids';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, PG_URL, type TestDatabase } from '../helpers/engines';

const V = '/api/v1';

describe.each(engines)('clinic settings on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let other: SeededClinic;
  let owner: Caller;
  let admin: Caller;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Settings clinic');
    other = await seedClinic(t.db, 'Other clinic');
    owner = await signIn(app, clinic.emails.owner);
    admin = await signIn(app, clinic.emails.admin);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const readAs = async (caller: Caller) => {
    const res = await caller.get(`${V}/clinic`);
    expect(res.statusCode).toBe(200);
    return res;
  };

  it('every signed-in role, the patient too, reads its own clinic’s settings with an ETag', async () => {
    for (const role of ROLES) {
      const res = await readAs(await signIn(app, clinic.emails[role]));
      expect(res.json(), role).toEqual({
        id: clinic.tenantId,
        name: 'Settings clinic',
        jurisdiction: 'US',
        timeZone: 'America/New_York',
        locale: 'en-US',
        currency: 'USD',
        phone: null,
        email: null,
        patientChangeNoticeHours: 24,
        version: 1,
        updatedAt: expect.any(Number),
      });
      expect(res.headers.etag).toBe('"1"');
    }
    expect((await app.inject({ method: 'GET', url: `${V}/clinic` })).statusCode).toBe(401);
  });

  it('only the owner and admins change the settings', async () => {
    for (const role of ['practitioner', 'front_desk', 'patient'] as const) {
      const caller = await signIn(app, clinic.emails[role]);
      const res = await caller.send('PATCH', `${V}/clinic`, { name: 'Taken over' }, { 'if-match': '"1"' });
      expect(res.statusCode, role).toBe(403);
    }
    expect((await readAs(owner)).json()).toMatchObject({ name: 'Settings clinic', version: 1 });
  });

  it('refuses bad values with a 422 naming every bad field, and changes nothing', async () => {
    const before = (await readAs(owner)).json();
    const res = await admin.send(
      'PATCH',
      `${V}/clinic`,
      {
        name: '   ',
        timeZone: 'Mars/Olympus_Mons',
        locale: 'not a locale!',
        currency: 'usd',
        phone: 'call me',
        email: 'nowhere',
        patientChangeNoticeHours: 200,
      },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json();
    const paths = problem.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      [
        'body.currency',
        'body.email',
        'body.locale',
        'body.name',
        'body.patientChangeNoticeHours',
        'body.phone',
        'body.timeZone',
      ].sort(),
    );
    const byPath = Object.fromEntries(
      problem.errors.map((e: { path: string; message: string }) => [e.path, e.message]),
    );
    expect(byPath['body.timeZone']).toMatch(/IANA/);
    expect(byPath['body.locale']).toMatch(/BCP 47/);
    expect(byPath['body.currency']).toMatch(/ISO 4217/);
    expect(byPath['body.patientChangeNoticeHours']).toMatch(/168 hours/);

    // An unknown currency in the right shape, and a field that is no setting, are named too.
    const unknown = await admin.send(
      'PATCH',
      `${V}/clinic`,
      { currency: 'XYZ', jurisdiction: 'KR' },
      { 'if-match': '"1"' },
    );
    expect(unknown.statusCode).toBe(422);
    expect(
      unknown
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.currency', 'body.jurisdiction']);
    const empty = await admin.send('PATCH', `${V}/clinic`, {}, { 'if-match': '"1"' });
    expect(empty.statusCode).toBe(422);

    expect((await readAs(owner)).json()).toEqual(before);
    const audit = (await owner.get(`${V}/audit?action=clinic.update`)).json();
    expect(audit.items).toEqual([]);
  });

  it('needs If-Match, refuses a stale version, then saves, canonicalises and audits the change', async () => {
    const body = { locale: 'ko-kr', timeZone: 'Asia/Seoul', currency: 'KRW', phone: '+82 2-555-0100' };
    expect((await admin.send('PATCH', `${V}/clinic`, body)).statusCode).toBe(428);
    const stale = await admin.send('PATCH', `${V}/clinic`, body, { 'if-match': '"7"' });
    expect(stale.statusCode).toBe(412);
    expect((await readAs(owner)).json()).toMatchObject({ locale: 'en-US', version: 1 });

    const ok = await admin.send('PATCH', `${V}/clinic`, body, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({
      locale: 'ko-KR',
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      phone: '+82 2-555-0100',
      email: null,
      name: 'Settings clinic',
      version: 2,
    });
    const patient = await signIn(app, clinic.emails.patient);
    expect((await readAs(patient)).json()).toMatchObject({ locale: 'ko-KR', currency: 'KRW', version: 2 });

    const audit = (await owner.get(`${V}/audit?action=clinic.update`)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorRole: 'admin',
      entity: 'clinic',
      entityId: clinic.tenantId,
      patientId: null,
      detail: {
        version: 2,
        changes: {
          locale: { from: 'en-US', to: 'ko-KR' },
          timeZone: { from: 'America/New_York', to: 'Asia/Seoul' },
          currency: { from: 'USD', to: 'KRW' },
          phone: { from: null, to: '+82 2-555-0100' },
        },
      },
    });

    // Clearing the contact back to nothing is a change like any other.
    const cleared = await owner.send('PATCH', `${V}/clinic`, { phone: null }, { 'if-match': '"2"' });
    expect(cleared.json()).toMatchObject({ phone: null, version: 3 });
  });

  it('a clinic sees and changes only its own settings', async () => {
    const mine = (await readAs(owner)).json();
    const theirs = await signIn(app, other.emails.owner);
    const res = await theirs.send(
      'PATCH',
      `${V}/clinic`,
      { name: 'Other clinic, renamed', email: 'desk@other.example' },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: other.tenantId, name: 'Other clinic, renamed' });
    // Their change touched their clinic only; our read is what it was.
    expect((await readAs(owner)).json()).toEqual(mine);
    expect((await readAs(theirs)).json().id).toBe(other.tenantId);
    const ourAudit = JSON.stringify((await owner.get(`${V}/audit?action=clinic.update`)).json());
    expect(ourAudit).not.toContain(other.tenantId);
  });

  it('clinics made before the settings existed get their jurisdiction’s locale and a first version', async () => {
    const fresh = await unmigratedDatabase(engine);
    try {
      const names = Object.keys(migrations(fresh.db));
      const before = names[names.indexOf('0026_clinic_settings') - 1]!;
      const migrator = new Migrator({
        db: fresh.db.kysely,
        provider: { getMigrations: async () => migrations(fresh.db) },
        ...(fresh.schema ? { migrationTableSchema: fresh.schema } : {}),
      });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const made = 1_700_000_000_000;
      const ids: Record<string, string> = {};
      for (const jurisdiction of ['US', 'KR', 'EU', 'UK']) {
        const id = newId();
        ids[jurisdiction] = id;
        await withTenant(fresh.db, id as TenantId, (tx) =>
          sql`insert into tenants (tenant_id, name, jurisdiction, currency, time_zone, policy, created_at)
            values (${id}, ${`Old ${jurisdiction}`}, ${jurisdiction}, 'USD', 'UTC', '{}', ${made})`.execute(
            tx,
          ),
        );
      }
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const expected = { US: 'en-US', KR: 'ko-KR', EU: 'en-IE', UK: 'en-GB' } as Record<string, string>;
      for (const [jurisdiction, id] of Object.entries(ids)) {
        const row = await withTenant(fresh.db, id as TenantId, (tx) =>
          tx.selectFrom('tenants').selectAll().where('tenant_id', '=', id).executeTakeFirstOrThrow(),
        );
        expect(row, jurisdiction).toMatchObject({
          locale: expected[jurisdiction],
          phone: null,
          email: null,
          version: 1,
          updated_at: made,
        });
      }
    } finally {
      await fresh.drop();
    }
  });
});

/** A database with no tables yet, to migrate step by step. */
async function unmigratedDatabase(
  engine: Engine,
): Promise<{ db: Db; schema: string | null; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'exoclinic-clinic-'));
    const db = await openDatabase({ engine: 'sqlite', file: join(dir, 'old.sqlite') });
    return {
      db,
      schema: null,
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
  const db = await openDatabase({ engine: 'postgres', url: PG_URL, schema, poolSize: 2 });
  return {
    db,
    schema,
    async drop() {
      await db.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
