import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient, type Caller, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { skinProfile } from '../helpers/profiles';
import { ok } from '../helpers/scheduling';

// GET /patients/{id}/current-plan answers with bytes it assembles itself (the stored plan text
// spliced into the view, encoded once and remembered on SQLite) instead of going through the
// route's response schema. It must be byte for byte the JSON of the same plan read through the
// schema, non-Latin-1 characters included, and follow every new version at once.

const V = '/api/v1';

describe.each(engines)('current plan answer on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let owner: Caller;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    const clinic = await seedClinic(t.db, 'Answer clinic');
    owner = await signIn(app, clinic.emails.owner);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('is the plan read through its schema, as UTF-8 with its exact length, across versions', async () => {
    const patient = await ok<{ id: string }>(owner.send('POST', `${V}/patients`, aPatient()), 201);
    const consultation = await ok<{ id: string }>(
      owner.send('POST', `${V}/patients/${patient.id}/consultations`, { profile: skinProfile() }),
      201,
    );
    const plan = await ok<{ id: string }>(
      owner.send('POST', `${V}/consultations/${consultation.id}/plans`, {}),
      201,
    );

    const current = async () => {
      const res = await owner.get(`${V}/patients/${patient.id}/current-plan`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      return res;
    };
    const first = await current();
    // The plan's text holds characters beyond Latin-1 (the case the bytes are kept for).
    expect([...first.body].some((c) => c.codePointAt(0)! > 0xff)).toBe(true);
    const viaSchema = (await owner.get(`${V}/plans/${plan.id}`)).json();
    expect(first.json()).toEqual(viaSchema);
    // Read again (remembered on SQLite): the same bytes.
    expect((await current()).rawPayload.equals(first.rawPayload)).toBe(true);

    const revised = await owner.send('POST', `${V}/plans/${plan.id}/versions`, {
      basedOnVersion: 1,
      reason: 'Patient asked for a later start date',
      startDate: '2027-03-01',
    });
    expect(revised.statusCode).toBe(201);
    const after = await current();
    expect(after.json()).toEqual((await owner.get(`${V}/plans/${plan.id}`)).json());
    expect(after.json()).toMatchObject({ currentVersion: 2, current: { version: 2 } });
  });
});
