import { type LocalDate, type Plan, personaliseResponse } from '@exoclinic/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aChart, created, treatablePlan } from '../helpers/records';

const V = '/api/v1';
const at = (day: string) => Date.parse(`${day}T15:00:00Z`);

describe.each(engines)('outcomes and response-timed maintenance on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let doctor: Caller;
  let portal: Caller;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Outcome clinic');
    owner = await signIn(app, clinic.emails.owner);
    doctor = await signIn(app, clinic.emails.practitioner);
    portal = await signIn(app, clinic.emails.patient);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  /** A course whose sessions were given on these days (clinic time zone: New York). */
  async function courseGivenOn(days: string[], patientId?: string) {
    const p = await treatablePlan(owner, patientId ? { patientId } : {});
    for (const day of days) {
      const s = await created(doctor.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
      await created(
        doctor.send('PUT', `${V}/sessions/${s.id}/chart`, { chart: aChart(p.productId, p.lotId) }),
      );
      await t.db.kysely
        .updateTable('treatment_sessions')
        .set({ checked_in_at: at(day) })
        .where('session_id', '=', s.id)
        .execute();
      // Signing refreshes the maintenance date from the days the series was given.
      await created(doctor.send('POST', `${V}/sessions/${s.id}/sign`, { version: 1 }));
    }
    return p;
  }

  it('validates scores against the instrument, and lets a patient record patient-rated scales only', async () => {
    const p = await courseGivenOn([], clinic.patientId);
    const out = await doctor.send('POST', `${V}/plans/${p.planId}/outcomes`, {
      instrumentId: 'vas-pain',
      value: 140,
      timepoint: 'baseline',
    });
    expect(out.statusCode).toBe(400);
    expect(out.json().errors[0]).toMatchObject({
      path: 'body.value',
      message: 'VAS pain takes from 0 to 100 mm; got 140',
    });
    const frac = await doctor.send('POST', `${V}/plans/${p.planId}/outcomes`, {
      instrumentId: 'gais-clinician',
      value: 2.5,
      timepoint: 'follow-up',
    });
    expect(frac.json().errors[0].message).toMatch(/not a whole number/);
    const gaisBaseline = await doctor.send('POST', `${V}/plans/${p.planId}/outcomes`, {
      instrumentId: 'gais-clinician',
      value: 3,
      timepoint: 'baseline',
    });
    expect(gaisBaseline.statusCode).toBe(422);
    const unknown = await doctor.send('POST', `${V}/plans/${p.planId}/outcomes`, {
      instrumentId: 'iq',
      value: 3,
      timepoint: 'baseline',
    });
    expect(unknown.json().errors[0].path).toBe('body.instrumentId');

    expect(
      (
        await portal.send('POST', `${V}/plans/${p.planId}/outcomes`, {
          instrumentId: 'gais-clinician',
          value: 2,
          timepoint: 'follow-up',
        })
      ).statusCode,
    ).toBe(403);
    const own = await portal.send('POST', `${V}/plans/${p.planId}/outcomes`, {
      instrumentId: 'gais-patient',
      value: 2,
      timepoint: 'follow-up',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().comparison).toMatchObject({ comparative: true, improvement: 2, direction: 'improved' });
    const someoneElse = await treatablePlan(owner);
    expect(
      (
        await portal.send('POST', `${V}/plans/${someoneElse.planId}/outcomes`, {
          instrumentId: 'gais-patient',
          value: 2,
          timepoint: 'follow-up',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('gives the change from baseline and the MCID verdict', async () => {
    const p = await courseGivenOn(['2026-01-05']);
    await created(
      doctor.send('POST', `${V}/plans/${p.planId}/outcomes`, {
        instrumentId: 'vas-pain',
        value: 70,
        timepoint: 'baseline',
        measuredAt: at('2026-01-05'),
      }),
    );
    const small = (
      await created(
        doctor.send('POST', `${V}/plans/${p.planId}/outcomes`, {
          instrumentId: 'vas-pain',
          value: 64,
          timepoint: 'follow-up',
          measuredAt: at('2026-02-05'),
        }),
      )
    ).comparison as Record<string, unknown>;
    expect(small).toMatchObject({
      baseline: 70,
      current: 64,
      change: -6,
      improvement: 6,
      reachesMcid: false,
    });
    const big = (
      await created(
        doctor.send('POST', `${V}/plans/${p.planId}/outcomes`, {
          instrumentId: 'vas-pain',
          value: 45,
          timepoint: 'end-of-series',
          measuredAt: at('2026-03-05'),
        }),
      )
    ).comparison as Record<string, unknown>;
    expect(big).toMatchObject({ change: -25, improvement: 25, reachesMcid: true, direction: 'improved' });
    expect(big.mcidReason).toMatch(/reaches the whole MCID range of 10–20 mm/);
    const view = (await doctor.get(`${V}/plans/${p.planId}/outcomes`)).json();
    const vas = view.instruments.find((i: { instrumentId: string }) => i.instrumentId === 'vas-pain');
    expect(vas).toMatchObject({ baseline: 70, latest: 45, comparison: { improvement: 25 } });
    expect(vas.scores).toHaveLength(3);
    expect(view.schedule.map((s: { point: string }) => s.point)).toContain('baseline');
  });

  it('personalises the response with the patient’s scores and times maintenance by it, with the reason', async () => {
    const sessions = ['2026-01-05', '2026-02-09', '2026-03-16'];
    const p = await courseGivenOn(sessions);
    const scores: [string, string, number][] = [
      ['baseline', '2026-01-05', 40],
      ['end-of-series', '2026-03-16', 60],
      ['follow-up', '2026-04-27', 72],
      ['follow-up', '2026-06-22', 64],
      ['follow-up', '2026-08-17', 55],
    ];
    let last: Record<string, unknown> = {};
    for (const [timepoint, day, value] of scores) {
      last = await created(
        doctor.send('POST', `${V}/plans/${p.planId}/outcomes`, {
          instrumentId: 'face-q',
          value,
          timepoint,
          measuredAt: at(day),
        }),
      );
    }
    const response = (await doctor.get(`${V}/plans/${p.planId}/response`)).json();
    expect(response.instrumentId).toBe('face-q');
    expect(response.response.personalised).toBe(true);
    expect(response.response.fit.points).toBeGreaterThan(0);

    // The known answer: the core's reference on the same plan, scores and session days.
    const plan = (await doctor.get(`${V}/plans/${p.planId}`)).json().current.plan as Plan;
    const expected = personaliseResponse({
      plan,
      instrumentId: 'face-q',
      baseline: 40,
      sessionDates: sessions as LocalDate[],
      measurements: scores
        .filter(([tp]) => tp !== 'baseline')
        .map(([, date, value]) => ({ date: date as LocalDate, value })),
    });
    if (!expected.ok) throw new Error('reference failed');
    const due = expected.response.maintenanceDue!;
    expect(response.response.maintenanceDue).toEqual(due);
    expect(last.maintenanceDue).toEqual(due);
    // This patient fades faster than the protocol's model: the date is pulled to the window's start.
    expect(due).toMatchObject({ reason: 'window-start', date: due.earliest });
    expect(response.response.fit.halfLifeWeeks).toBeLessThan(response.response.fit.protocolHalfLifeWeeks);

    const list = (await owner.get(`${V}/maintenance-due?withinDays=3650`)).json();
    const item = list.items.find((i: { planId: string }) => i.planId === p.planId);
    expect(item).toMatchObject({
      dueOn: due.date,
      basis: 'personalised',
      window: { earliest: due.earliest, latest: due.latest },
    });
    expect(item.reason.length).toBeGreaterThan(20);
    expect(item.phone).toBe('+1 (555) 010-2030');

    // Without scores the protocol's window stands, and says so.
    const bare = await courseGivenOn(['2026-01-05', '2026-02-09', '2026-03-16']);
    const fallback = (await doctor.get(`${V}/plans/${bare.planId}/response`)).json();
    expect(fallback.response.personalised).toBe(false);
    const listed = (await owner.get(`${V}/maintenance-due?withinDays=3650`))
      .json()
      .items.find((i: { planId: string }) => i.planId === bare.planId);
    expect(listed).toMatchObject({ basis: 'protocol', dueOn: fallback.response.maintenanceDue.date });

    // A maintenance session taken takes the course off the recall list.
    const m = await created(doctor.send('POST', `${V}/plans/${bare.planId}/check-in`, { sessionIndex: 99 }));
    expect(m.kind).toBe('maintenance');
    const after = (await owner.get(`${V}/maintenance-due?withinDays=3650`))
      .json()
      .items.map((i: { planId: string }) => i.planId);
    expect(after).not.toContain(bare.planId);
    expect(after).toContain(p.planId);
  });
});
