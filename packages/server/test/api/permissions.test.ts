import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, roleMay } from '../../src/auth/permissions';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { exampleBody, needsBody, openApiPath } from '../helpers/routes';

describe.each(engines)('permission matrix, every route × every role, on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Matrix clinic');
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('the route registry and the OpenAPI document list the same API routes', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    const fromDoc = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((k) => k.includes(' /api/v1/'))
      .sort();
    const fromApp = app.exo.routes.map((r) => `${r.method} ${openApiPath(r.url)}`).sort();
    expect(fromApp).toEqual(fromDoc);
    expect(fromApp.length).toBeGreaterThan(30);
  });

  it('every permission of the matrix guards at least one route', () => {
    const used = new Set(app.exo.routes.map((r) => r.permission));
    for (const p of Object.keys(PERMISSIONS)) expect(used, p).toContain(p);
  });

  for (const role of ROLES) {
    it(`${role}: 403 exactly where the matrix says no`, async () => {
      let caller: Caller = await signIn(app, clinic.emails[role]);
      // Logout last: it ends the session the other calls use.
      const routes = app.exo.routes
        .filter((r) => r.permission !== null)
        .sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
      const mismatches: string[] = [];
      for (const route of routes) {
        const key = `${route.method} ${openApiPath(route.url)}`;
        const url = route.url.replace(/:(\w+)/g, () => randomUUID());
        const body = needsBody(route.method)
          ? exampleBody(key, { priceListId: randomUUID(), templateId: randomUUID() })
          : undefined;
        const res =
          route.method === 'GET'
            ? await caller.get(url)
            : await caller.send(route.method as 'POST', url, body, { 'if-match': '"1"' });
        const allowed = roleMay(role, route.permission!);
        const ok = allowed ? res.statusCode !== 403 && res.statusCode !== 401 : res.statusCode === 403;
        if (!ok) mismatches.push(`${key}: ${res.statusCode} (${allowed ? 'allowed' : 'forbidden'})`);
        if (res.statusCode === 403) expect(res.json().type).toMatch(/forbidden$/);
        if (route.url.endsWith('/logout') && allowed) caller = await signIn(app, clinic.emails[role]);
      }
      expect(mismatches).toEqual([]);
    });
  }
});
