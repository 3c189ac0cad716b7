import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aProduct } from '../helpers/profiles';
import { aChart, created, stockOf, treatablePlan } from '../helpers/records';

const V = '/api/v1';

describe.each(engines)('lot recall on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let doctor: Caller;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Recall clinic');
    owner = await signIn(app, clinic.emails.owner);
    doctor = await signIn(app, clinic.emails.practitioner);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('refuses the lot from the recall on, lists every patient and session with contacts, and exports CSV', async () => {
    const productId = (await created(owner.send('POST', `${V}/products`, aProduct()))).id;
    const lot = await created(
      owner.send('POST', `${V}/products/${productId}/lots`, {
        lotNumber: 'RC-77',
        expiresOn: '2031-06-30',
        quantity: 20,
      }),
    );
    const other = await created(
      owner.send('POST', `${V}/products/${productId}/lots`, {
        lotNumber: 'OK-01',
        expiresOn: '2031-06-30',
        quantity: 20,
      }),
    );
    const treat = async (patient: Record<string, unknown>, lotId: string) => {
      const p = await treatablePlan(owner, { productId, patient });
      const s = await created(doctor.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
      await created(doctor.send('PUT', `${V}/sessions/${s.id}/chart`, { chart: aChart(productId, lotId) }));
      return { ...p, sessionId: s.id };
    };
    const ana = await treat(
      { givenName: 'Ana', familyName: 'Núñez', phone: '+1 555 0101', email: 'ana@example.org' },
      lot.id,
    );
    const bo = await treat(
      { givenName: 'Bo', familyName: '=Lee', phone: null, email: 'bo@example.org' },
      lot.id,
    );
    const cy = await treat({ givenName: 'Cy', familyName: 'Other' }, other.id);

    const desk = await signIn(app, clinic.emails.front_desk);
    expect(
      (await desk.send('POST', `${V}/lots/${lot.id}/recall`, { reason: 'Sterility failure' })).statusCode,
    ).toBe(403);
    const recall = await owner.send('POST', `${V}/lots/${lot.id}/recall`, {
      reason: 'Supplier notice: sterility failure',
      reference: 'SN-2027-004',
    });
    expect(recall.statusCode, recall.body).toBe(201);
    expect(recall.json()).toMatchObject({ lotNumber: 'RC-77', patients: 2, sessions: 2 });
    // The mail to the clinic's leads sends them to the web page, not to the JSON API.
    const mails = await t.db.kysely
      .selectFrom('mail_outbox')
      .select(['body'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('entity_id', '=', lot.id)
      .execute();
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.body).toMatch(/https?:\/\/\S+\/products\b/);
      expect(m.body).not.toContain('/api/v1');
    }
    expect(
      (await owner.send('POST', `${V}/lots/${lot.id}/recall`, { reason: 'again and again' })).statusCode,
    ).toBe(409);

    // The lot list says which lot is recalled, why and when, to anyone who may see products (the
    // front desk too, who may not see recipients), without reading any patient.
    const auditedBefore = (await owner.get(`${V}/audit?limit=200`)).json().items.length;
    const lots = await desk.get(`${V}/products/${productId}/lots`);
    expect(lots.statusCode).toBe(200);
    const byNumber = Object.fromEntries(
      lots.json().items.map((l: { lotNumber: string }) => [l.lotNumber, l]),
    );
    expect(byNumber['RC-77']).toMatchObject({
      id: lot.id,
      recalled: true,
      recalledAt: expect.any(Number),
      recallReason: 'Supplier notice: sterility failure',
      recallReference: 'SN-2027-004',
      expired: false,
    });
    expect(byNumber['OK-01']).toMatchObject({
      recalled: false,
      recalledAt: null,
      recallReason: null,
      recallReference: null,
    });
    expect(lot).toMatchObject({ recalled: false, recalledAt: null });
    expect((await owner.get(`${V}/audit?limit=200`)).json().items).toHaveLength(auditedBefore);

    const alerts = (await owner.get(`${V}/alerts`)).json().items;
    expect(alerts.find((a: { entityId: string }) => a.entityId === lot.id).title).toMatch(
      /Lot RC-77 .* recalled/,
    );

    // Charting refuses any further use…
    const stock = await stockOf(app, owner, productId, lot.id);
    const next = await treatablePlan(owner, { productId });
    const s = await created(doctor.send('POST', `${V}/plans/${next.planId}/check-in`, {}));
    const refused = await doctor.send('PUT', `${V}/sessions/${s.id}/chart`, {
      chart: aChart(productId, lot.id),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: expect.stringMatching(/lot-recalled$/),
      detail: 'lot RC-77 is recalled',
    });
    expect(await stockOf(app, owner, productId, lot.id)).toBe(stock);
    // …but a chart that already recorded it can still be corrected without losing the lot.
    const fix = await doctor.send('PUT', `${V}/sessions/${ana.sessionId}/chart`, {
      basedOnVersion: 1,
      chart: aChart(productId, lot.id, { notes: 'Corrected note' }),
    });
    expect(fix.statusCode, fix.body).toBe(200);

    const list = (await doctor.get(`${V}/lots/${lot.id}/recipients`)).json();
    expect(list.lot).toMatchObject({
      lotNumber: 'RC-77',
      recallReason: 'Supplier notice: sterility failure',
    });
    expect(list.patients).toBe(2);
    expect(list.items.map((i: { patientId: string }) => i.patientId).sort()).toEqual(
      [ana.patientId, bo.patientId].sort(),
    );
    expect(list.items.find((i: { patientId: string }) => i.patientId === ana.patientId)).toMatchObject({
      phone: '+1 555 0101',
      email: 'ana@example.org',
      sessionId: ana.sessionId,
      quantity: 1,
    });
    expect(JSON.stringify(list)).not.toContain(cy.patientId);

    const csv = await doctor.get(`${V}/lots/${lot.id}/recipients.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('lot-RC-77-recipients.csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'patient_id,family_name,given_name,date_of_birth,phone,email,address,session_id,treated_at,quantity',
    );
    expect(lines).toHaveLength(3);
    // A name that starts like a formula is neutralised for spreadsheets.
    expect(lines.find((l) => l.includes(bo.patientId))).toContain(",'=Lee,Bo,");
    expect(lines.find((l) => l.includes(ana.patientId))).toContain(',Núñez,Ana,');
    expect(
      (await (await signIn(app, clinic.emails.front_desk)).get(`${V}/lots/${lot.id}/recipients`)).statusCode,
    ).toBe(403);
  });
});
