import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleMay } from '../../src/auth/permissions';
import { type SeededClinic, seedClinic, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { buildClinicGraph, type ClinicGraph } from '../helpers/graph';
import { exampleBody, idKind, needsBody, openApiPath } from '../helpers/routes';

describe.each(engines)('tenant isolation on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinicA: SeededClinic;
  let clinicB: SeededClinic;
  let a: ClinicGraph;
  let b: ClinicGraph;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinicA = await seedClinic(t.db, 'Clinic A');
    clinicB = await seedClinic(t.db, 'Clinic B');
    a = await buildClinicGraph(app, clinicA);
    b = await buildClinicGraph(app, clinicB);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it("A's owner gets 404 for every id of B on every route that takes an id (from the OpenAPI list)", async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path })),
    );
    const withId = routes.filter((r) => r.path.includes('{id}'));
    expect(withId.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const { method, path } of withId) {
      const key = `${method} ${path}`;
      const kind = idKind(path);
      const bId = b.ids[kind];
      if (!bId)
        throw new Error(`no id of kind '${kind}' in clinic B for ${key}: extend test/helpers/graph.ts`);
      const url = path.replace('{id}', bId);
      const body = needsBody(method)
        ? exampleBody(key, { priceListId: a.priceListId, templateId: a.templateId })
        : undefined;
      // A patient-only route is tried by A's patient (the owner would meet a 403 first).
      const permission = app.exo.routes.find((r) => `${r.method} ${openApiPath(r.url)}` === key)?.permission;
      const caller = permission && !roleMay('owner', permission) ? a.patient : a.owner;
      const res =
        method === 'GET'
          ? await caller.get(url)
          : await caller.send(method as 'POST', url, body, { 'if-match': '"1"' });
      if (res.statusCode !== 404) leaks.push(`${key}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      else expect(res.json().title).toBe('Not found');
    }
    expect(leaks).toEqual([]);
  });

  it("ids of B inside A's request bodies are not found either", async () => {
    const aPlan = a.ids.plans;
    const quote = await a.owner.send('POST', `/api/v1/plans/${aPlan}/quotes`, { priceListId: b.priceListId });
    expect(quote.statusCode).toBe(404);
    const consent = await a.owner.send('POST', `/api/v1/plans/${aPlan}/consents`, {
      templateId: b.templateId,
    });
    expect(consent.statusCode).toBe(404);
    const consultation = await a.owner.send('POST', `/api/v1/patients/${a.ids.patients}/consultations`, {
      profile: {},
      productId: b.ids.products,
    });
    expect(consultation.statusCode).toBe(404);
    const user = await a.owner.send('POST', '/api/v1/users', {
      email: 'portal.b@example.org',
      displayName: 'Cross',
      role: 'patient',
      password: 'long enough pw',
      patientId: b.ids.patients,
    });
    expect(user.statusCode).toBe(404);
  });

  it("lists and the audit log of A show nothing of B, and B's records are untouched", async () => {
    const patients = (await a.owner.get('/api/v1/patients?limit=200'))
      .json()
      .items.map((p: { id: string }) => p.id);
    expect(patients).not.toContain(b.ids.patients);
    expect(patients).toContain(a.ids.patients);
    for (const list of [
      '/api/v1/products',
      '/api/v1/price-lists',
      '/api/v1/locations',
      '/api/v1/users',
      '/api/v1/consent-templates',
      '/api/v1/auth/tokens',
    ]) {
      const body = JSON.stringify((await a.owner.get(list)).json());
      for (const id of Object.values(b.ids)) expect(body, list).not.toContain(id);
    }
    const audit = JSON.stringify((await a.owner.get('/api/v1/audit?limit=200')).json());
    expect(audit).not.toContain(b.ids.patients);

    const bPatient = (await b.owner.get(`/api/v1/patients/${b.ids.patients}`)).json();
    expect(bPatient.version).toBe(1);
    const bPlan = (await b.owner.get(`/api/v1/plans/${b.ids.plans}`)).json();
    expect(bPlan).toMatchObject({ status: 'proposed', currentVersion: 1 });
    expect((await b.owner.get(`/api/v1/consents/${b.ids.consents}`)).json().status).toBe('pending');
    expect((await b.owner.get('/api/v1/auth/tokens')).json().items[0].revokedAt).toBeNull();
    expect((await b.owner.get(`/api/v1/locations/${b.ids.locations}`)).json().name).toBe('Annex');
  });
});
