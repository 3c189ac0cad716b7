import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONSENT_TEMPLATE } from '../../src/consents/fill-template';
import { aPatient, type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aPriceList, aProduct, skinProfile } from '../helpers/profiles';

describe.each(engines)('consultation → plan → quote → consent on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let doctor: Caller;
  let desk: Caller;
  let productId: string;
  let priceListId: string;
  let templateId: string;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Flow clinic');
    owner = await signIn(app, clinic.emails.owner);
    doctor = await signIn(app, clinic.emails.practitioner);
    desk = await signIn(app, clinic.emails.front_desk);
    productId = (await owner.send('POST', '/api/v1/products', aProduct())).json().id;
    priceListId = (await owner.send('POST', '/api/v1/price-lists', aPriceList())).json().id;
    templateId = (await owner.send('POST', '/api/v1/consent-templates', DEFAULT_CONSENT_TEMPLATE)).json().id;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  async function newPatient(over: Record<string, unknown> = {}) {
    const res = await desk.send('POST', '/api/v1/patients', aPatient(over));
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }

  it('stores the screening and regulatory results with the profile', async () => {
    const patientId = await newPatient();
    const res = await doctor.send('POST', `/api/v1/patients/${patientId}/consultations`, {
      profile: skinProfile(),
      productId,
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.screening.verdict).toBe('eligible');
    expect(c.profile.jurisdiction).toBe('US');
    expect(c.profile.product).toMatchObject({
      origin: 'human-umbilical-cord-msc',
      registration: 'unregistered',
    });
    expect(c.regulatory.decision).toMatch(/^(allowed|warn|block)$/);
    expect(c.disclosures.length).toBeGreaterThan(0);
    const again = (await doctor.get(`/api/v1/consultations/${c.id}`)).json();
    expect(again.screening).toEqual(c.screening);
    expect(again.regulatory).toEqual(c.regulatory);
  });

  it('names every bad field of the profile', async () => {
    const patientId = await newPatient();
    const res = await doctor.send('POST', `/api/v1/patients/${patientId}/consultations`, {
      profile: skinProfile({ age: -3, fitzpatrick: 9 }, { severity: 'extreme' }),
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.profile.severity',
        'body.profile.patient.age',
        'body.profile.patient.fitzpatrick',
      ]),
    );
  });

  it('plans, revises with a reason, accepts, quotes and takes a witnessed consent', async () => {
    const patientId = await newPatient({ givenName: 'Ana', familyName: 'Núñez' });
    const consultation = (
      await doctor.send('POST', `/api/v1/patients/${patientId}/consultations`, {
        profile: skinProfile(),
        productId,
      })
    ).json();

    const created = await doctor.send('POST', `/api/v1/consultations/${consultation.id}/plans`, {});
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({
      status: 'proposed',
      currentVersion: 1,
      current: { version: 1, reason: 'initial plan' },
    });
    expect(plan.current.plan.sessions.length).toBe(plan.current.plan.initialSeries.sessions);
    expect(plan.current.plan.sources.length).toBeGreaterThan(0);

    const revised = await doctor.send('POST', `/api/v1/plans/${plan.id}/versions`, {
      basedOnVersion: 1,
      protocol: 'skin-rejuvenation/S3',
      reason: 'Patient prefers longer spacing between sessions',
    });
    expect(revised.statusCode).toBe(201);
    expect(revised.json()).toMatchObject({
      currentVersion: 2,
      current: { protocolId: 'skin-rejuvenation/S3' },
    });

    const stale = await doctor.send('POST', `/api/v1/plans/${plan.id}/accept`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    const accepted = await doctor.send('POST', `/api/v1/plans/${plan.id}/accept`, { version: 2 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedVersion: 2 });

    const history = (await doctor.get(`/api/v1/plans/${plan.id}/versions`)).json().items;
    expect(history.map((v: { version: number; reason: string }) => [v.version, v.reason])).toEqual([
      [1, 'initial plan'],
      [2, 'Patient prefers longer spacing between sessions'],
    ]);
    // Version 1 is kept as it was written.
    expect(history[0].plan).toEqual(plan.current.plan);

    const current = (await desk.get(`/api/v1/patients/${patientId}/current-plan`)).json();
    expect(current).toMatchObject({ id: plan.id, currentVersion: 2, status: 'accepted' });

    const quote = await desk.send('POST', `/api/v1/plans/${plan.id}/quotes`, { priceListId });
    expect(quote.statusCode).toBe(201);
    const q = quote.json();
    const sessions = current.current.plan.initialSeries.sessions;
    expect(q.quote.exosome.perSession.amount).toBe(95_000);
    expect(q.totalMinor).toBe(q.quote.exosome.initialSeries.total.target);
    expect(q.totalMinor).toBe(95_000 * sessions);
    expect(q).toMatchObject({ planVersion: 2, currency: 'USD' });

    const consent = await desk.send('POST', `/api/v1/plans/${plan.id}/consents`, { templateId });
    expect(consent.statusCode).toBe(201);
    const c = consent.json();
    expect(c.status).toBe('pending');
    expect(c.planVersion).toBe(2);
    for (const d of consultation.disclosures) expect(c.text).toContain(d.text);
    expect(c.text).toContain('Ana Núñez');
    expect(c.text).not.toContain('{{');

    const wrongName = await desk.send('POST', `/api/v1/consents/${c.id}/sign`, { typedName: 'Someone Else' });
    expect(wrongName.statusCode).toBe(422);
    const signed = await desk.send(
      'POST',
      `/api/v1/consents/${c.id}/sign`,
      { typedName: 'ana nunez' },
      { 'user-agent': 'clinic-tablet' },
    );
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'witnessed',
      signature: { typedName: 'ana nunez', address: '127.0.0.1', userAgent: 'clinic-tablet' },
      witness: { userId: expect.any(String) },
    });
    expect(
      (await desk.send('POST', `/api/v1/consents/${c.id}/sign`, { typedName: 'Ana Núñez' })).statusCode,
    ).toBe(409);
  });

  it('a patient signs in the portal and staff witness afterwards', async () => {
    const portal = await signIn(app, clinic.emails.patient);
    const consultation = (
      await doctor.send('POST', `/api/v1/patients/${clinic.patientId}/consultations`, {
        profile: skinProfile(),
      })
    ).json();
    const plan = (await doctor.send('POST', `/api/v1/consultations/${consultation.id}/plans`, {})).json();
    const consent = (await desk.send('POST', `/api/v1/plans/${plan.id}/consents`, { templateId })).json();
    const signed = await portal.send('POST', `/api/v1/consents/${consent.id}/sign`, {
      typedName: 'Portal Patient',
    });
    expect(signed.json()).toMatchObject({ status: 'signed', witness: null });
    expect((await portal.send('POST', `/api/v1/consents/${consent.id}/witness`)).statusCode).toBe(403);
    const witnessed = await desk.send('POST', `/api/v1/consents/${consent.id}/witness`);
    expect(witnessed.json()).toMatchObject({ status: 'witnessed' });
    // The patient accepts their own plan.
    expect((await portal.send('POST', `/api/v1/plans/${plan.id}/accept`, { version: 1 })).statusCode).toBe(
      200,
    );
  });

  it('a stopped consultation is planned and accepted only with a practitioner’s override', async () => {
    const patientId = await newPatient();
    const consultation = (
      await doctor.send('POST', `/api/v1/patients/${patientId}/consultations`, {
        profile: skinProfile({ pregnant: true }),
      })
    ).json();
    expect(consultation.bookable).toBe(false);
    expect(consultation.blockedBy).toEqual(['screening:defer']);

    const refused = await doctor.send('POST', `/api/v1/consultations/${consultation.id}/plans`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: expect.stringContaining('override-required'),
      blockedBy: ['screening:defer'],
    });

    const reason = 'Delivered six weeks ago, not breastfeeding; obstetrician agrees.';
    const plan = (
      await doctor.send('POST', `/api/v1/consultations/${consultation.id}/plans`, { overrideReason: reason })
    ).json();
    expect(plan.current.override).toMatchObject({ reason });
    expect(plan.current.plan.override).toMatchObject({ reason, overrides: ['screening:defer'] });

    expect((await doctor.send('POST', `/api/v1/plans/${plan.id}/accept`, { version: 1 })).statusCode).toBe(
      409,
    );
    const accepted = await doctor.send('POST', `/api/v1/plans/${plan.id}/accept`, {
      version: 1,
      overrideReason: reason,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().acceptOverride).toMatchObject({ reason, blockedBy: ['screening:defer'] });
  });

  it('a Korean cosmetic injected is blocked by regulation', async () => {
    const patientId = await newPatient();
    const res = await doctor.send('POST', `/api/v1/patients/${patientId}/consultations`, {
      profile: skinProfile(
        {},
        {
          indication: 'skin-rejuvenation',
          modality: 'intradermal-injection',
          jurisdiction: 'KR',
          product: { origin: 'plant', registration: 'cosmetic', routes: ['topical'] },
        },
      ),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ regulatory: { decision: 'block' }, bookable: false });
    expect(res.json().blockedBy).toContain('regulatory:block');
  });
});
