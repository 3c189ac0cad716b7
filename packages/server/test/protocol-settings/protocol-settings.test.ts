import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../src/db/tenant';
import type { TenantId } from '../../src/shared/ids';
import { aPatient, type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { skinProfile } from '../helpers/profiles';

const URL = '/api/v1/settings/protocols';

interface Choice {
  offered: string[];
  default: string;
  catalogDefault: string;
  customised: boolean;
}
interface View {
  indications: Record<string, Choice>;
  updatedAt: number | null;
  updatedBy: string | null;
}

const hairS1 = {
  'hair-loss': { offered: ['hair-loss/S1', 'hair-loss/default'], default: 'hair-loss/S1' },
  joint: { offered: ['joint/KNEE-CM'], default: 'joint/KNEE-CM' },
};

describe.each(engines)('clinic protocol preferences on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let a: SeededClinic;
  let b: SeededClinic;
  let owner: Caller;
  let admin: Caller;

  const auditRows = (tenantId: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'protocol-settings.update')
      .execute();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    a = await seedClinic(t.db, 'Protocol clinic A');
    b = await seedClinic(t.db, 'Protocol clinic B');
    owner = await signIn(app, a.emails.owner);
    admin = await signIn(app, a.emails.admin);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('a clinic that chose nothing follows the catalog: every plannable protocol, the catalog default', async () => {
    const res = await owner.get(URL);
    expect(res.statusCode).toBe(200);
    const view = res.json() as View;
    expect(view.updatedAt).toBeNull();
    expect(view.indications['hair-loss']).toEqual({
      offered: ['hair-loss/default', 'hair-loss/S1', 'hair-loss/S3'],
      default: 'hair-loss/default',
      catalogDefault: 'hair-loss/default',
      customised: false,
    });
    // The reference-only study gives no series to plan from: it is not offered.
    expect(view.indications['hair-loss']!.offered).not.toContain('hair-loss/APS-2024');
    expect(Object.keys(view.indications)).toContain('skin-rejuvenation');
  });

  it('saves a valid choice, audited, readable by every staff role', async () => {
    const res = await owner.send('PUT', URL, { indications: hairS1 });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json() as View;
    expect(saved.indications['hair-loss']).toEqual({
      offered: ['hair-loss/S1', 'hair-loss/default'],
      default: 'hair-loss/S1',
      catalogDefault: 'hair-loss/default',
      customised: true,
    });
    expect(saved.indications.joint).toMatchObject({
      default: 'joint/KNEE-CM',
      catalogDefault: 'joint/default',
    });
    expect(saved.indications['skin-rejuvenation']!.customised).toBe(false);
    expect(saved.updatedAt).toEqual(expect.any(Number));

    const audits = await auditRows(a.tenantId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ patient_id: null, entity: 'protocol_settings', ip: '127.0.0.1' });
    expect(audits[0]!.request_id).toBe(res.headers['x-request-id']);

    for (const role of ['owner', 'admin', 'practitioner', 'front_desk'] as const) {
      const caller = await signIn(app, a.emails[role]);
      const read = await caller.get(URL);
      expect(read.statusCode, role).toBe(200);
      expect((read.json() as View).indications['hair-loss']!.default, role).toBe('hair-loss/S1');
    }
  });

  it('plans with the clinic’s default when nobody names a protocol, and with the named one when someone does', async () => {
    const V = '/api/v1';
    const before = (await owner.get(URL)).json() as View;
    const skin = before.indications['skin-rejuvenation']!;
    const other = skin.offered.find((id) => id !== skin.catalogDefault)!;
    expect(other).toBeTruthy();
    const saved = await owner.send('PUT', URL, {
      indications: { ...hairS1, 'skin-rejuvenation': { offered: skin.offered, default: other } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const patient = (await owner.send('POST', `${V}/patients`, aPatient())).json() as { id: string };
    const consultation = (
      await owner.send('POST', `${V}/patients/${patient.id}/consultations`, { profile: skinProfile() })
    ).json() as { id: string };
    const planned = async (body: Record<string, unknown>) => {
      const res = await owner.send('POST', `${V}/consultations/${consultation.id}/plans`, body);
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { current: { protocolId: string; plan: { protocol: { id: string } } } }).current;
    };
    const byDefault = await planned({});
    expect(byDefault.plan.protocol.id).toBe(other);
    expect(byDefault.protocolId).toBe(other);
    const named = await planned({ protocol: skin.catalogDefault });
    expect(named.plan.protocol.id).toBe(skin.catalogDefault);
    // Back to the catalog's choice: an unchosen indication follows the catalog again.
    await owner.send('PUT', URL, { indications: hairS1 });
    expect((await planned({})).plan.protocol.id).toBe(skin.catalogDefault);
  });

  it('refuses choices that do not match the catalog with 422 naming every bad field, and keeps what was stored', async () => {
    const before = (await owner.get(URL)).json() as View;
    const auditsBefore = (await auditRows(a.tenantId)).length;
    const res = await owner.send('PUT', URL, {
      indications: {
        'hair-loss': { offered: ['hair-loss/S1', 'hair-loss/NOPE', 'joint/S1'], default: 'hair-loss/S3' },
        'skin-rejuvenation': {
          offered: ['skin-rejuvenation/S1', 'skin-rejuvenation/S4', 'skin-rejuvenation/S1'],
          default: 'skin-rejuvenation/S1',
        },
        'not-an-indication': { offered: ['x'], default: 'x' },
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json() as { errors: { path: string; message: string }[] };
    expect(problem.errors.map((e) => e.path).sort()).toEqual(
      [
        'body.indications.hair-loss.default',
        'body.indications.hair-loss.offered.1',
        'body.indications.hair-loss.offered.2',
        'body.indications.not-an-indication',
        'body.indications.skin-rejuvenation.offered.1',
        'body.indications.skin-rejuvenation.offered.2',
      ].sort(),
    );
    const msg = (path: string) => problem.errors.find((e) => e.path === path)?.message;
    expect(msg('body.indications.hair-loss.offered.1')).toMatch(/not a protocol of the catalog/);
    expect(msg('body.indications.hair-loss.offered.2')).toMatch(/protocol for joint/);
    expect(msg('body.indications.hair-loss.default')).toMatch(/not among the offered/);
    expect(msg('body.indications.skin-rejuvenation.offered.1')).toMatch(/reference only/);
    expect(msg('body.indications.skin-rejuvenation.offered.2')).toMatch(/repeated/);

    // A body of the wrong shape is a 400 naming the field.
    const shape = await owner.send('PUT', URL, { indications: { joint: { offered: [], default: 1 } } });
    expect(shape.statusCode).toBe(400);
    expect((shape.json() as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.indications.joint.offered', 'body.indications.joint.default']),
    );

    expect((await owner.get(URL)).json()).toEqual(before);
    expect(await auditRows(a.tenantId)).toHaveLength(auditsBefore);
  });

  it('lets owner and admin write; practitioner, front desk and patients may not', async () => {
    const before = (await owner.get(URL)).json() as View;
    for (const role of ['practitioner', 'front_desk', 'patient'] as const) {
      const caller = await signIn(app, a.emails[role]);
      const res = await caller.send('PUT', URL, { indications: {} });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().type).toMatch(/forbidden$/);
    }
    const portal = await signIn(app, a.emails.patient);
    expect((await portal.get(URL)).statusCode).toBe(403);
    expect((await owner.get(URL)).json()).toEqual(before);

    const res = await admin.send('PUT', URL, {
      indications: { 'hair-loss': { offered: ['hair-loss/S3', 'hair-loss/S1'], default: 'hair-loss/S3' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json() as View;
    expect(view.indications['hair-loss']).toMatchObject({ offered: ['hair-loss/S3', 'hair-loss/S1'] });
    // Left out of the new body: joint is back on the catalog's choice.
    expect(view.indications.joint).toMatchObject({ default: 'joint/default', customised: false });
  });

  it("keeps each clinic's choice to itself", async () => {
    const bOwner = await signIn(app, b.emails.owner);
    const fresh = (await bOwner.get(URL)).json() as View;
    expect(fresh.indications['hair-loss']).toMatchObject({ default: 'hair-loss/default', customised: false });

    const saved = await bOwner.send('PUT', URL, {
      indications: { 'hair-loss': { offered: ['hair-loss/default'], default: 'hair-loss/default' } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(((await owner.get(URL)).json() as View).indications['hair-loss']).toMatchObject({
      offered: ['hair-loss/S3', 'hair-loss/S1'],
      default: 'hair-loss/S3',
    });
    expect(((await bOwner.get(URL)).json() as View).indications['hair-loss']!.offered).toEqual([
      'hair-loss/default',
    ]);
  });

  it('stores rows under a tenant-led key, and on PostgreSQL row-level security hides other clinics', async () => {
    if (engine === 'sqlite') {
      const cols = await sql<{
        name: string;
        pk: number;
      }>`select name, pk from pragma_table_info('protocol_settings')`.execute(t.db.kysely);
      expect(cols.rows.find((c) => c.pk === 1)?.name).toBe('tenant_id');
      return;
    }
    const r = await sql<{ first: string; primary: boolean }>`
      select a.attname as first, i.indisprimary as primary from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
      where i.indrelid = 'protocol_settings'::regclass`.execute(t.db.kysely);
    for (const row of r.rows) expect(row.first).toBe('tenant_id');
    // No tenant filter in the query: only the policy keeps A's row from B.
    const seen = await withTenant(t.db, b.tenantId as TenantId, async (tx) => {
      const rows = await sql<{ tenant_id: string }>`select tenant_id from protocol_settings`.execute(tx);
      return rows.rows.map((x) => x.tenant_id);
    });
    expect(seen).toEqual([b.tenantId]);
  });
});
