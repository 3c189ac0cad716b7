// PATCH /api/v1/users/{id}: managers change a colleague's name, role and active state; the clinic
// always keeps an active owner, even when two owners switch each other off at the same moment.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, PASSWORD, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';

interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: string;
  active: boolean;
}

describe.each(engines)('changing users on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let admin: Caller;
  const ids: Record<string, string> = {};

  const users = async (): Promise<UserView[]> => (await owner.get('/api/v1/users')).json().items;
  const userRow = (id: string) =>
    t.db.kysely
      .selectFrom('users')
      .select(['role', 'active', 'display_name', 'updated_at'])
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
  const patch = (who: Caller, id: string, body: unknown) => who.send('PATCH', `/api/v1/users/${id}`, body);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { publicBaseUrl: 'https://clinic.example' });
    clinic = await seedClinic(t.db, 'Users clinic');
    owner = await signIn(app, clinic.emails.owner);
    admin = await signIn(app, clinic.emails.admin);
    for (const u of await users()) ids[u.role] = u.id;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('an admin renames a colleague and changes their role; the change is audited', async () => {
    const res = await patch(admin, ids.practitioner!, { displayName: 'Dr. Ana Ruiz', role: 'front_desk' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: 'Dr. Ana Ruiz', role: 'front_desk', active: true });
    const audit = (await owner.get(`/api/v1/audit?action=user.change`)).json().items;
    expect(audit[0]).toMatchObject({ entity: 'user', entityId: ids.practitioner });
    expect(audit[0].detail).toEqual({
      displayName: 'Dr. Ana Ruiz',
      role: { from: 'practitioner', to: 'front_desk' },
    });
    // The new role counts from the next request on.
    const moved = await signIn(app, clinic.emails.practitioner);
    expect((await moved.get('/api/v1/auth/session')).json().user.role).toBe('front_desk');
    await patch(admin, ids.practitioner!, { role: 'practitioner' });
  });

  it('bad input names every bad field and changes nothing', async () => {
    const before = await userRow(ids.practitioner!);
    const res = await patch(admin, ids.practitioner!, { displayName: ' ', role: 'patient', active: 'no' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.displayName', 'body.role', 'body.active']));
    expect(await userRow(ids.practitioner!)).toEqual(before);
  });

  it('only an owner touches an owner', async () => {
    const demote = await patch(admin, ids.owner!, { role: 'admin' });
    expect(demote.statusCode).toBe(403);
    const promote = await patch(admin, ids.front_desk!, { role: 'owner' });
    expect(promote.statusCode).toBe(403);
    expect((await userRow(ids.front_desk!)).role).toBe('front_desk');
  });

  it('the last active owner cannot demote or switch off themself (422 naming the field)', async () => {
    const before = await userRow(ids.owner!);
    const demote = await patch(owner, ids.owner!, { role: 'admin' });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().detail).toContain('at least one active owner');
    expect(demote.json().errors).toEqual([{ path: 'body.role', message: 'is the last active owner' }]);
    const off = await patch(owner, ids.owner!, { active: false });
    expect(off.statusCode).toBe(422);
    expect(off.json().errors).toEqual([{ path: 'body.active', message: 'is the last active owner' }]);
    expect(await userRow(ids.owner!)).toEqual(before);
    // Renaming oneself is fine.
    expect((await patch(owner, ids.owner!, { displayName: 'Olivia Owner' })).statusCode).toBe(200);
  });

  it('an admin cannot demote or switch off themself either', async () => {
    const res = await patch(admin, ids.admin!, { role: 'practitioner', active: false });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.role', 'body.active']);
    expect((await userRow(ids.admin!)).active).toBe(1);
  });

  it('switching off ends the sessions; switching on lets the user in again', async () => {
    const desk = await signIn(app, clinic.emails.front_desk);
    const off = await patch(admin, ids.front_desk!, { active: false });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await desk.get('/api/v1/patients')).statusCode).toBe(401);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: clinic.emails.front_desk, password: PASSWORD },
    });
    expect(refused.statusCode).toBe(401);
    expect((await patch(admin, ids.front_desk!, { active: true })).json().active).toBe(true);
    expect((await (await signIn(app, clinic.emails.front_desk)).get('/api/v1/patients')).statusCode).toBe(
      200,
    );
  });

  it('with two owners one may step down; two owners switching each other off at once leave one', async () => {
    expect((await patch(owner, ids.admin!, { role: 'owner' })).statusCode).toBe(200);
    const second = await signIn(app, clinic.emails.admin);
    // Two active owners: each may switch the other off, but not both at the same moment.
    const [a, b] = await Promise.all([
      patch(owner, ids.admin!, { active: false }),
      patch(second, ids.owner!, { active: false }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    // The later one is refused: either its actor was just switched off (401), or it saw the last
    // active owner (422). Never both through.
    expect(codes[0]).toBe(200);
    expect([401, 422]).toContain(codes[1]);
    const owners = (await t.db.kysely
      .selectFrom('users')
      .select(['user_id'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('role', '=', 'owner')
      .where('active', '=', 1)
      .execute()) as { user_id: string }[];
    expect(owners).toHaveLength(1);
    // Back to one owner and one admin, whoever won.
    const winner = owners[0]!.user_id;
    const loser = winner === ids.owner ? ids.admin! : ids.owner!;
    const w = await signIn(app, winner === ids.owner ? clinic.emails.owner : clinic.emails.admin);
    expect((await patch(w, loser, { active: true })).statusCode).toBe(200);
    if (winner !== ids.owner) {
      const o = await signIn(app, clinic.emails.owner);
      expect((await patch(o, ids.admin!, { role: 'admin' })).statusCode).toBe(200);
    } else {
      expect((await patch(w, ids.admin!, { role: 'admin' })).statusCode).toBe(200);
    }
    owner = await signIn(app, clinic.emails.owner);
    expect((await userRow(ids.admin!)).role).toBe('admin');
  });

  it('an invited account is not switched on before its invitee chose a password', async () => {
    const invited = await owner.send('POST', '/api/v1/invitations', {
      email: `new.${Date.now()}@example.org`,
      displayName: 'New Colleague',
      role: 'practitioner',
    });
    expect(invited.statusCode).toBe(201);
    const id = invited.json().userId as string;
    const on = await patch(owner, id, { active: true });
    expect(on.statusCode).toBe(422);
    expect(on.json().errors).toEqual([
      { path: 'body.active', message: 'waits for its invitation to be accepted' },
    ]);
    expect((await userRow(id)).active).toBe(0);
  });

  it('an unknown user is a 404 problem', async () => {
    const res = await patch(owner, '00000000-0000-4000-8000-000000000000', { displayName: 'Nobody' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
