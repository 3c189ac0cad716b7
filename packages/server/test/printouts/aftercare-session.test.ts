// GET /patients/{id}/aftercare-session: the session the aftercare PDF counts from, so that pages
// offer the PDF only when it exists. A check-in alone is not a treatment; a charted draft is.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient, type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aChart, created, treatablePlan } from '../helpers/records';

const V = '/api/v1';

describe.each(engines)('the aftercare session on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let other: SeededClinic;
  let owner: Caller;
  let portal: Caller;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Aftercare clinic');
    other = await seedClinic(t.db, 'Other clinic');
    owner = await signIn(app, clinic.emails.owner);
    portal = await signIn(app, clinic.emails.patient);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const read = (who: Caller, patientId = clinic.patientId) =>
    who.get(`${V}/patients/${patientId}/aftercare-session`);
  const pdf = (who: Caller) => who.get(`${V}/patients/${clinic.patientId}/aftercare.pdf`);

  it('is null, like the PDF’s 404, until a session is charted; then names it and the PDF prints', async () => {
    const p = await treatablePlan(owner, { patientId: clinic.patientId });
    expect((await read(portal)).json()).toEqual({ session: null });
    expect((await pdf(portal)).statusCode).toBe(404);

    const session = await created(owner.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
    // Checked in, not charted: still nothing to give aftercare for.
    expect((await read(portal)).json()).toEqual({ session: null });
    expect((await pdf(portal)).statusCode).toBe(404);

    await created(
      owner.send('PUT', `${V}/sessions/${session.id}/chart`, { chart: aChart(p.productId, p.lotId) }),
    );
    const res = await read(portal);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      session: {
        id: session.id,
        planId: p.planId,
        checkedInAt: session.checkedInAt,
        index: 1,
        seriesPlanned: expect.any(Number),
      },
    });
    expect((await pdf(portal)).statusCode).toBe(200);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['actor_role', 'entity_id'])
      .where('action', '=', 'aftercare-session.read')
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .execute();
    expect(audit).toEqual([{ actor_role: 'patient', entity_id: session.id }]);
  });

  it('is the patient’s own only, and another clinic’s patient is not found', async () => {
    const stranger = (await created(owner.send('POST', `${V}/patients`, aPatient({ givenName: 'Sam' })))).id;
    const mine = await read(portal, stranger);
    expect(mine.statusCode).toBe(404);
    expect(mine.headers['content-type']).toMatch(/problem\+json/);
    const otherOwner = await signIn(app, other.emails.owner);
    expect((await read(otherOwner)).statusCode).toBe(404);
  });
});
