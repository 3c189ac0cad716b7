import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aChart, created, stockOf, testClock, treatablePlan } from '../helpers/records';

const V = '/api/v1';

describe.each(engines)('check-in and charting on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let doctor: Caller;
  let desk: Caller;
  const time = testClock();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: time.clock });
    clinic = await seedClinic(t.db, 'Charting clinic');
    owner = await signIn(app, clinic.emails.owner);
    doctor = await signIn(app, clinic.emails.practitioner);
    desk = await signIn(app, clinic.emails.front_desk);
  });
  /** Screening age is measured from the consultation: move it into the past. */
  const ageScreening = (consultationId: string, days: number) =>
    t.db.kysely
      .updateTable('consultations')
      .set((eb) => ({ created_at: eb('created_at', '-', days * 86_400_000) }))
      .where('consultation_id', '=', consultationId)
      .execute();

  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('refuses check-in without a signed consent for the accepted version, and writes nothing', async () => {
    const p = await treatablePlan(owner, { consent: false });
    const res = await desk.send('POST', `${V}/plans/${p.planId}/check-in`, {});
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json()).toMatchObject({ type: expect.stringMatching(/consent-required$/), status: 409 });
    const sessions = (await owner.get(`${V}/patients/${p.patientId}/sessions`)).json().items;
    expect(sessions).toEqual([]);
    const audit = (
      await owner.get(`${V}/audit?action=session.check_in_refused&patientId=${p.patientId}`)
    ).json();
    expect(audit.items).toHaveLength(1);
  });

  it('refuses a stale screening until the change questionnaire re-confirms it; a pregnancy stops the session', async () => {
    const p = await treatablePlan(owner);
    await ageScreening(p.consultationId, 91);
    {
      const stale = await desk.send('POST', `${V}/plans/${p.planId}/check-in`, {});
      expect(stale.statusCode).toBe(409);
      expect(stale.json().type).toMatch(/screening-stale$/);
      expect(stale.json().ageDays).toBe(91);

      const stopped = await desk.send('POST', `${V}/plans/${p.planId}/check-in`, {
        questionnaire: { pregnant: true, newInfection: false },
      });
      expect(stopped.statusCode).toBe(409);
      expect(stopped.json().type).toMatch(/screening-stopped$/);
      expect(stopped.json().findings.map((f: { rule: string }) => f.rule)).toContain('pregnancy');

      const ok = await desk.send('POST', `${V}/plans/${p.planId}/check-in`, {
        questionnaire: { pregnant: false, newInfection: false, newMedicines: [], newAllergies: [] },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({
        status: 'checked_in',
        sessionIndex: 1,
        checkIn: { verdict: 'eligible' },
      });
      // The re-confirmation counts as a fresh screening for the next visit.
      const next = await desk.send('POST', `${V}/plans/${p.planId}/check-in`, {});
      expect(next.statusCode).toBe(201);
      expect(next.json().sessionIndex).toBe(2);
    }
  });

  it('honours the clinic’s screening window setting', async () => {
    const p = await treatablePlan(owner);
    const set = await owner.send('PUT', `${V}/settings/records`, { screeningValidDays: 10 });
    expect(set.json()).toEqual({ screeningValidDays: 10 });
    await ageScreening(p.consultationId, 11);
    try {
      const res = await desk.send('POST', `${V}/plans/${p.planId}/check-in`, {});
      expect(res.json().type).toMatch(/screening-stale$/);
    } finally {
      await owner.send('PUT', `${V}/settings/records`, { screeningValidDays: 90 });
    }
  });

  it('charts with a lot, decrements stock, signs, and amends as a new version keeping the original', async () => {
    const p = await treatablePlan(owner);
    const session = await created(desk.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
    expect(await stockOf(app, owner, p.productId, p.lotId)).toBe(10);

    const draft = await doctor.send('PUT', `${V}/sessions/${session.id}/chart`, {
      chart: aChart(p.productId, p.lotId, {
        products: [{ ...aChart(p.productId, p.lotId).products[0], quantity: 2 }],
      }),
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'charted', chartVersion: 1, chart: { status: 'draft' } });
    expect(await stockOf(app, owner, p.productId, p.lotId)).toBe(8);

    // Revising the draft moves stock by the difference only.
    const v2 = await doctor.send('PUT', `${V}/sessions/${session.id}/chart`, {
      basedOnVersion: 1,
      chart: aChart(p.productId, p.lotId),
    });
    expect(v2.json().chartVersion).toBe(2);
    expect(await stockOf(app, owner, p.productId, p.lotId)).toBe(9);

    const stale = await doctor.send('PUT', `${V}/sessions/${session.id}/chart`, {
      basedOnVersion: 1,
      chart: aChart(p.productId, p.lotId),
    });
    expect(stale.statusCode).toBe(409);

    const signed = await doctor.send('POST', `${V}/sessions/${session.id}/sign`, { version: 2 });
    expect(signed.json()).toMatchObject({ status: 'signed', chart: { status: 'signed', version: 2 } });
    const locked = await doctor.send('PUT', `${V}/sessions/${session.id}/chart`, {
      basedOnVersion: 2,
      chart: aChart(p.productId, p.lotId),
    });
    expect(locked.statusCode).toBe(409);

    const noReason = await doctor.send('POST', `${V}/sessions/${session.id}/amendments`, {
      basedOnVersion: 2,
      reason: 'typo',
      chart: aChart(p.productId, p.lotId),
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('body.reason');

    const amended = await doctor.send('POST', `${V}/sessions/${session.id}/amendments`, {
      basedOnVersion: 2,
      reason: 'Needle depth was 0.75 mm, not 0.5 mm',
      chart: aChart(p.productId, p.lotId, { device: { needleDepthMm: 0.75 } }),
    });
    expect(amended.statusCode, amended.body).toBe(201);
    expect(amended.json().chart).toMatchObject({ version: 3, amendsVersion: 2, status: 'signed' });
    const versions = (await doctor.get(`${V}/sessions/${session.id}/chart-versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(versions[1].chart.device.needleDepthMm).toBe(0.5);
    expect(versions[2].chart.device.needleDepthMm).toBe(0.75);
    expect(await stockOf(app, owner, p.productId, p.lotId)).toBe(9);
  });

  it('refuses an expired lot, names bad areas, and leaves stock untouched on any refusal', async () => {
    const p = await treatablePlan(owner, {
      lot: { lotNumber: 'OLD-1', expiresOn: '2027-02-28', quantity: 5 },
    });
    const session = await created(desk.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
    const expired = await doctor.send('PUT', `${V}/sessions/${session.id}/chart`, {
      chart: aChart(p.productId, p.lotId),
    });
    expect(expired.statusCode).toBe(409);
    expect(expired.json()).toMatchObject({ type: expect.stringMatching(/lot-expired$/) });
    expect(expired.json().errors[0]).toMatchObject({ path: 'body.chart.products.0.lotId' });
    expect(expired.json().detail).toContain('OLD-1');

    const fresh = await created(
      owner.send('POST', `${V}/products/${p.productId}/lots`, {
        lotNumber: 'NEW-1',
        expiresOn: '2030-01-01',
        quantity: 1,
      }),
    );
    const badArea = await doctor.send('PUT', `${V}/sessions/${session.id}/chart`, {
      chart: aChart(p.productId, fresh.id, { areas: [{ areaId: 'knee' }, { areaId: 'elbowz' }] }),
    });
    expect(badArea.statusCode).toBe(422);
    expect(badArea.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.chart.areas.0',
      'body.chart.areas.1',
    ]);

    // Two lines: the fresh lot fits, the second asks for more than is left; nothing moves.
    const line = aChart(p.productId, fresh.id).products[0];
    const tooMuch = await doctor.send('PUT', `${V}/sessions/${session.id}/chart`, {
      chart: aChart(p.productId, fresh.id, { products: [line, { ...line, quantity: 1 }] }),
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().type).toMatch(/insufficient-stock$/);
    expect(await stockOf(app, owner, p.productId, fresh.id)).toBe(1);
    expect(await stockOf(app, owner, p.productId, p.lotId)).toBe(5);
    expect((await doctor.get(`${V}/sessions/${session.id}`)).json()).toMatchObject({
      status: 'checked_in',
      chart: null,
    });
  });

  /** An appointment as the scheduling engine books it (no resources: this test is about status). */
  async function bookedAppointment(planId: string, patientId: string, sessionIndex: number) {
    const appointmentId = randomUUID();
    await t.db.kysely
      .insertInto('appointments')
      .values({
        tenant_id: clinic.tenantId,
        appointment_id: appointmentId,
        course_id: null,
        plan_id: planId,
        patient_id: patientId,
        location_id: clinic.locationId,
        modality: 'microneedling-topical',
        kind: 'initial',
        follow_up_kind: null,
        session_index: sessionIndex,
        status: 'booked',
        start_ms: time.now(),
        end_ms: time.now() + 3_600_000,
        practitioner_id: null,
        room_id: null,
        device_ids: '[]',
        window_earliest: null,
        window_latest: null,
        replaces_appointment_id: null,
        version: 1,
        created_at: time.now(),
        created_by: 'test',
        updated_at: time.now(),
      })
      .execute();
    return appointmentId;
  }

  const appointmentState = (appointmentId: string) =>
    t.db.kysely
      .selectFrom('appointments')
      .select(['status', 'version'])
      .where('appointment_id', '=', appointmentId)
      .executeTakeFirstOrThrow();

  it('checks in the scheduling engine’s appointment with the session, and only this plan’s; signing completes it', async () => {
    const p = await treatablePlan(owner);
    const appointmentId = await bookedAppointment(p.planId, p.patientId, 2);
    const other = await treatablePlan(owner);
    const wrong = await desk.send('POST', `${V}/plans/${other.planId}/check-in`, { appointmentId });
    expect(wrong.statusCode).toBe(404);
    const res = await desk.send('POST', `${V}/plans/${p.planId}/check-in`, { appointmentId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ appointmentId, sessionIndex: 2, locationId: clinic.locationId });
    expect(await appointmentState(appointmentId)).toEqual({ status: 'checked-in', version: 2 });

    const sessionId = (res.json() as { id: string }).id;
    const charted = await created(
      doctor.send('PUT', `${V}/sessions/${sessionId}/chart`, { chart: aChart(p.productId, p.lotId) }),
    );
    const signed = await doctor.send('POST', `${V}/sessions/${sessionId}/sign`, {
      version: (charted as unknown as { chart: { version: number } }).chart.version,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(await appointmentState(appointmentId)).toEqual({ status: 'completed', version: 3 });
  });

  it('records a no-show on the scheduling engine’s appointment too, and only a booked one', async () => {
    const p = await treatablePlan(owner);
    const appointmentId = await bookedAppointment(p.planId, p.patientId, 1);
    const missed = await desk.send('POST', `${V}/plans/${p.planId}/no-shows`, {
      scheduledFor: time.now(),
      appointmentId,
    });
    expect(missed.statusCode, missed.body).toBe(201);
    expect(await appointmentState(appointmentId)).toEqual({ status: 'no-show', version: 2 });
    const again = await desk.send('POST', `${V}/plans/${p.planId}/no-shows`, {
      scheduledFor: time.now(),
      appointmentId,
    });
    expect(again.statusCode).toBe(409);
  });

  it('keeps the exposure counters equal to the lots the current charts hold, through drafts and amendments', async () => {
    const p = await treatablePlan(owner);
    const second = await created(
      owner.send('POST', `${V}/products/${p.productId}/lots`, {
        lotNumber: 'X-2',
        expiresOn: '2031-01-01',
        quantity: 9,
      }),
    );
    const session = await created(desk.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
    const line = aChart(p.productId, p.lotId).products[0]!;
    const put = (basedOnVersion: number | undefined, lots: string[]) =>
      doctor.send('PUT', `${V}/sessions/${session.id}/chart`, {
        ...(basedOnVersion && { basedOnVersion }),
        chart: aChart(p.productId, p.lotId, { products: lots.map((lotId) => ({ ...line, lotId })) }),
      });
    expect((await put(undefined, [p.lotId])).statusCode).toBe(200);
    expect((await put(1, [p.lotId, second.id])).statusCode).toBe(200);
    expect((await put(2, [second.id])).statusCode).toBe(200);
    await doctor.send('POST', `${V}/sessions/${session.id}/sign`, { version: 3 });
    const amended = await doctor.send('POST', `${V}/sessions/${session.id}/amendments`, {
      basedOnVersion: 3,
      reason: 'Both lots were used after all',
      chart: aChart(p.productId, p.lotId, { products: [line, { ...line, lotId: second.id }] }),
    });
    expect(amended.statusCode, amended.body).toBe(201);
    const counters = await t.db.kysely
      .selectFrom('lot_exposure')
      .select(['lot_id', 'sessions'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('sessions', '>', 0)
      .orderBy('lot_id')
      .execute();
    const truth = await t.db.kysely
      .selectFrom('session_lots')
      .select((eb) => ['lot_id', eb.fn.countAll<number>().as('sessions')])
      .where('tenant_id', '=', clinic.tenantId)
      .groupBy('lot_id')
      .orderBy('lot_id')
      .execute();
    expect(counters).toEqual(truth.map((r) => ({ lot_id: r.lot_id, sessions: Number(r.sessions) })));
    const products = await t.db.kysely
      .selectFrom('product_exposure')
      .select('sessions')
      .where('tenant_id', '=', clinic.tenantId)
      .where('product_id', '=', p.productId)
      .executeTakeFirstOrThrow();
    const distinct = await t.db.kysely
      .selectFrom('session_lots')
      .select((eb) => eb.fn.count<number>('session_id').distinct().as('n'))
      .where('tenant_id', '=', clinic.tenantId)
      .where('product_id', '=', p.productId)
      .executeTakeFirstOrThrow();
    expect(products.sessions).toBe(Number(distinct.n));
  });

  it('a front desk may check in but not chart; a no-show is recorded', async () => {
    const p = await treatablePlan(owner);
    const session = await created(desk.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
    const res = await desk.send('PUT', `${V}/sessions/${session.id}/chart`, {
      chart: aChart(p.productId, p.lotId),
    });
    expect(res.statusCode).toBe(403);
    const miss = await desk.send('POST', `${V}/plans/${p.planId}/no-shows`, { scheduledFor: time.now() });
    expect(miss.statusCode).toBe(201);
    expect(miss.json().status).toBe('no_show');
    const list = (await doctor.get(`${V}/patients/${p.patientId}/sessions`)).json().items;
    expect(list.map((s: { status: string }) => s.status).sort()).toEqual(['checked_in', 'no_show']);
  });
});
