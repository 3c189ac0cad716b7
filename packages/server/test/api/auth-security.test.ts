import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from '../../src/auth/passwords';
import type { EpochMs } from '../../src/shared/ids';
import {
  aPatient,
  inject,
  PASSWORD,
  type SeededClinic,
  seedClinic,
  signIn,
  testApp,
} from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';

describe('passwords', () => {
  it('hashes with scrypt at the production cost and verifies only the right password', async () => {
    const stored = await hashPassword('a long enough password', DEFAULT_SCRYPT);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('a long enough password', stored)).toBe(true);
    expect(await verifyPassword('a long enough passworD', stored)).toBe(false);
    expect(stored).not.toBe(await hashPassword('a long enough password', DEFAULT_SCRYPT));
  });
});

describe.each(engines)('authentication and security on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let now = Date.now();
  const clock = () => now as EpochMs;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock, trustProxy: true });
    clinic = await seedClinic(t.db, 'Security clinic');
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    inject(app, { method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, headers });

  it('sets an HttpOnly SameSite session cookie, Secure behind TLS', async () => {
    const plain = await login(clinic.emails.admin, PASSWORD);
    expect(plain.statusCode).toBe(200);
    const c = plain.cookies.find((x) => x.name === 'exo_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(c.secure).toBeFalsy();
    expect(plain.json().csrfToken).toMatch(/^[\w-]{43}$/);
    const tls = await login(clinic.emails.admin, PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(tls.cookies.find((x) => x.name === 'exo_session')!.secure).toBe(true);
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    const unknown = await login('nobody@example.org', PASSWORD);
    const wrong = await login(clinic.emails.admin, 'wrong password!');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses a cookie-authenticated write without the CSRF token; bearer writes need none', async () => {
    const desk = await signIn(app, clinic.emails.front_desk);
    const noToken = await inject(app, {
      method: 'POST',
      url: '/api/v1/patients',
      headers: { cookie: desk.cookie },
      payload: aPatient(),
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().type).toContain('csrf');
    const wrong = await desk.send('POST', '/api/v1/patients', aPatient(), { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect((await desk.send('POST', '/api/v1/patients', aPatient())).statusCode).toBe(201);
    // Reads need no token.
    expect((await desk.get('/api/v1/patients')).statusCode).toBe(200);

    const token = (
      await desk.send('POST', '/api/v1/auth/tokens', { name: 'kiosk', scopes: ['patients.write'] })
    ).json().token;
    const bearer = await inject(app, {
      method: 'POST',
      url: '/api/v1/patients',
      headers: { authorization: `Bearer ${token}` },
      payload: aPatient(),
    });
    expect(bearer.statusCode).toBe(201);
  });

  it('locks an account after five failures, then lets it in once the lock expires', async () => {
    const email = clinic.emails.practitioner;
    for (let i = 0; i < 5; i++) expect((await login(email, `wrong ${i} password`)).statusCode).toBe(401);
    const locked = await login(email, PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().type).toContain('account-locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    now += 16 * 60 * 1000;
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
    const owner = await signIn(app, clinic.emails.owner);
    const users = (await owner.get('/api/v1/users')).json().items;
    const userId = users.find((u: { email: string }) => u.email === email).id;
    const failed = (await owner.get(`/api/v1/audit?action=auth.login_failed&actorUserId=${userId}`)).json()
      .items;
    expect(failed.length).toBe(5);
    expect(
      (await owner.get(`/api/v1/audit?action=auth.login_locked&actorUserId=${userId}`)).json().items.length,
    ).toBe(1);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const limited = await testApp(t.db, { loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (
          await inject(limited, {
            method: 'POST',
            url: '/api/v1/auth/login',
            payload: { email: 'x@example.org', password: 'whatever' },
          })
        ).statusCode,
      );
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    await limited.close();
  });

  it('bearer tokens are hashed at rest, limited to their scopes and to their owner’s role', async () => {
    const desk = await signIn(app, clinic.emails.front_desk);
    const created = await desk.send('POST', '/api/v1/auth/tokens', {
      name: 'reader',
      scopes: ['patients.read'],
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const stored = await t.db.kysely
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.split('_').at(-1));

    const bearer = (method: 'GET' | 'POST', url: string, payload?: object) =>
      inject(app, {
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload && { payload }),
      });
    expect((await bearer('GET', '/api/v1/patients')).statusCode).toBe(200);
    const write = await bearer('POST', '/api/v1/patients', aPatient());
    expect(write.statusCode).toBe(403);
    expect(write.json().type).toContain('insufficient-scope');
    // A token does not mint tokens.
    expect(
      (await bearer('POST', '/api/v1/auth/tokens', { name: 'x', scopes: ['patients.read'] })).statusCode,
    ).toBe(403);
    // Nor can a token carry what its owner's role lacks.
    const wider = await desk.send('POST', '/api/v1/auth/tokens', { name: 'x', scopes: ['audit.read'] });
    expect(wider.statusCode).toBe(422);
    expect(wider.json().errors[0].path).toBe('body.scopes');

    expect((await desk.send('DELETE', `/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
    expect((await bearer('GET', '/api/v1/patients')).statusCode).toBe(401);
    expect(
      (await inject(app, { url: '/api/v1/patients', headers: { authorization: 'Bearer exo_garbage' } }))
        .statusCode,
    ).toBe(401);
  });

  it('logout and deactivation end sessions; expired sessions are refused', async () => {
    const admin = await signIn(app, clinic.emails.admin);
    expect((await admin.send('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await admin.get('/api/v1/auth/session')).statusCode).toBe(401);

    const owner = await signIn(app, clinic.emails.owner);
    const desk = await signIn(app, clinic.emails.front_desk);
    const users = (await owner.get('/api/v1/users')).json().items;
    const deskUser = users.find((u: { role: string }) => u.role === 'front_desk');
    expect((await owner.send('PATCH', `/api/v1/users/${deskUser.id}`, { active: false })).statusCode).toBe(
      200,
    );
    expect((await desk.get('/api/v1/patients')).statusCode).toBe(401);
    expect((await login(clinic.emails.front_desk, PASSWORD)).statusCode).toBe(401);
    await owner.send('PATCH', `/api/v1/users/${deskUser.id}`, { active: true });

    const later = await signIn(app, clinic.emails.front_desk);
    now += 13 * 60 * 60 * 1000;
    expect((await later.get('/api/v1/patients')).statusCode).toBe(401);
  });

  it('an unauthenticated API call is a 401 problem', async () => {
    const res = await app.inject('/api/v1/patients');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });
});
