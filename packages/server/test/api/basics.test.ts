import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';

describe.each(engines)('HTTP basics on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Basics');
    owner = await signIn(app, clinic.emails.owner);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('answers health and readiness', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().engine).toBe(engine);
  });

  it('an unknown route is a 404 problem document', async () => {
    const res = await app.inject('/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      status: 404,
      title: 'Not found',
      type: expect.stringContaining('not-found'),
    });
  });

  it('names every bad field of a body, with no stack trace', async () => {
    const res = await owner.send('POST', '/api/v1/patients', {
      givenName: '',
      familyName: 'X',
      dateOfBirth: '2023-02-30',
      sex: 'robot',
      email: 'not-an-email',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['body.dateOfBirth', 'body.email', 'body.givenName', 'body.sex']);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('malformed JSON is a 400 problem', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' },
      payload: '{"givenName": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('an internal failure is a 500 problem without internals', async () => {
    const broken = await buildApp({ db: t.db });
    broken.get('/boom', async () => {
      throw new Error('secret driver detail at /srv/x.ts:12');
    });
    const res = await broken.inject('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret driver detail');
    expect(res.json().detail).toContain(res.headers['x-request-id']);
    await broken.close();
  });

  it('every response carries a request id and security headers', async () => {
    const res = await owner.get('/api/v1/patients');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['strict-transport-security']).toBeDefined();
    // A JSON answer gets the API set: nothing may be loaded, framed or cached.
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
    // A problem answer too, and one for a route that does not exist.
    const missing = await app.inject({ url: '/api/v1/no-such-route' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    // A document (the API docs page) gets helmet's full set.
    const docs = await app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
    expect(docs.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['strict-transport-security']).toBeDefined();
    const echoed = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers['x-request-id']).toBe('abc-123');
  });

  it('publishes OpenAPI 3.1 and the docs page', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/patients/{id}');
    const docs = await app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('every API route of the app names a permission or is public (checked at start)', async () => {
    const bad = await buildApp({ db: t.db });
    expect(() => bad.get('/api/v1/unguarded', async () => 'x')).toThrow(/names no permission/);
    await bad.close();
  });
});
