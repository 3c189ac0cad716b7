import { addDays, type EpochMs, localDateOf, weekdayOf } from '@exoclinic/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/auth/permissions';
import { type DemoClinic, seedDemoClinic } from '../../src/demo/seed-demo-clinic';
import { type Caller, signIn, TEST_SCRYPT, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';

const ZONE = 'America/New_York';

describe.each(engines)('the demo clinic on %s', (engine) => {
  const now = Date.now();
  const today = () => localDateOf(now as EpochMs, ZONE);
  let t: TestDatabase;
  let app: FastifyInstance;
  let demo: DemoClinic;
  let owner: Caller;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    demo = await seedDemoClinic(t.db, {
      now,
      password: 'demo password 123',
      scrypt: TEST_SCRYPT,
    });
    owner = await signIn(app, demo.logins[0]!.email, demo.password);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('has staff of every role, each able to sign in', async () => {
    expect(new Set(demo.logins.map((l) => l.role))).toEqual(new Set(ROLES));
    for (const l of demo.logins) await signIn(app, l.email, demo.password);
  });

  it('has locations, products with lots, example price lists and a consent template', async () => {
    expect((await owner.get('/api/v1/locations')).json().items).toHaveLength(2);
    const products = (await owner.get('/api/v1/products')).json().items;
    expect(products.length).toBe(3);
    for (const p of products) {
      const lots = (await owner.get(`/api/v1/products/${p.id}/lots`)).json().items;
      expect(lots.length).toBeGreaterThan(0);
    }
    const lists = (await owner.get('/api/v1/price-lists')).json().items;
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((l: { isExample: boolean }) => l.isExample)).toBe(true);
    expect((await owner.get('/api/v1/consent-templates')).json().items).toHaveLength(1);
  });

  it('has patients with consultations and plans at different stages', async () => {
    const patients = (await owner.get('/api/v1/patients')).json().items;
    // Five at the stages of care, one treated last year, five whose course starts on the demo's day.
    expect(patients).toHaveLength(11);
    const statuses: string[] = [];
    for (const p of patients) {
      const consultations = (await owner.get(`/api/v1/patients/${p.id}/consultations`)).json().items;
      expect(consultations.length).toBe(1);
      for (const plan of (await owner.get(`/api/v1/patients/${p.id}/plans`)).json().items)
        statuses.push(`${plan.status}@v${plan.currentVersion}`);
    }
    expect(statuses).toEqual(expect.arrayContaining(['accepted@v1', 'proposed@v2']));
    expect(statuses.length).toBeGreaterThanOrEqual(3);
  });

  it('has opening hours, rooms, devices by type and practitioners working per site', async () => {
    const locations = (await owner.get('/api/v1/locations')).json().items as { id: string }[];
    for (const l of locations) {
      const schedule = (await owner.get(`/api/v1/locations/${l.id}/schedule`)).json();
      expect(Object.keys(schedule.weekly).length).toBeGreaterThan(0);
    }
    const resources = (await owner.get('/api/v1/resources')).json().items as {
      kind: string;
      deviceType: string | null;
      locationId: string | null;
      hours: { locationId: string }[];
    }[];
    const rooms = resources.filter((r) => r.kind === 'room');
    expect(new Set(rooms.map((r) => r.locationId))).toEqual(new Set(locations.map((l) => l.id)));
    const deviceTypes = new Set(resources.filter((r) => r.kind === 'device').map((r) => r.deviceType));
    expect(deviceTypes).toEqual(new Set(['microneedling-pen', 'laser', 'radiofrequency', 'infusion-pump']));
    const practitioners = resources.filter((r) => r.kind === 'practitioner');
    expect(practitioners).toHaveLength(2);
    const sitesWorked = new Set(practitioners.flatMap((p) => p.hours.map((h) => h.locationId)));
    expect(sitesWorked).toEqual(new Set(locations.map((l) => l.id)));
  });

  it('has the accepted plan booked as a whole course inside the protocol windows', async () => {
    const patients = (await owner.get('/api/v1/patients')).json().items as { id: string }[];
    const accepted: string[] = [];
    for (const p of patients)
      for (const plan of (await owner.get(`/api/v1/patients/${p.id}/plans`)).json().items)
        if (plan.status === 'accepted') accepted.push(plan.id);
    expect(accepted.length).toBeGreaterThan(0);
    for (const planId of accepted) {
      const res = await owner.get(`/api/v1/plans/${planId}/course`);
      expect(res.statusCode, res.body).toBe(200);
      const course = res.json();
      expect(course.appointments.length).toBeGreaterThanOrEqual(2);
      // The demo's day is under way (see below); every later session is still to come.
      type A = { status: string; local: { date: string } };
      const later = course.appointments.filter((a: A) => a.local.date > today());
      expect(later.every((a: A) => a.status === 'booked')).toBe(true);
      // A course given last year: every session of it took place.
      const past = course.appointments.filter((a: A) => a.local.date < today());
      expect(past.every((a: A) => a.status === 'completed')).toBe(true);
      for (const a of course.appointments.slice(1))
        expect(a.local.date >= a.window.earliest && a.local.date <= a.window.latest).toBe(true);
    }
  });

  it('has a day under way on the day it is created: booked inside opening hours, every status of a day', async () => {
    const day = today();
    const res = await owner.get(`/api/v1/appointments?from=${day}&to=${day}&includeCancelled=true`);
    expect(res.statusCode, res.body).toBe(200);
    const appts = res.json().items as {
      id: string;
      patientId: string;
      planId: string;
      status: string;
      start: number;
      end: number;
      locationId: string;
      practitionerId: string | null;
      roomId: string | null;
      local: { date: string; time: string; timeZone: string };
      patientName: string;
      sessionId: string | null;
      seriesPlanned: number | null;
    }[];
    expect(appts.length).toBeGreaterThanOrEqual(3);
    // The day sheet names each patient, the course's length and the session once one is charted.
    for (const a of appts) {
      const p = (await owner.get(`/api/v1/patients/${a.patientId}`)).json();
      expect(a.patientName).toBe(`${p.givenName} ${p.familyName}`);
      expect(a.seriesPlanned).toBeGreaterThanOrEqual(1);
      const charted = (await owner.get(`/api/v1/patients/${a.patientId}/sessions`)).json().items as {
        id: string;
        appointmentId: string | null;
      }[];
      expect(a.sessionId).toBe(charted.find((x) => x.appointmentId === a.id)?.id ?? null);
    }
    expect(appts.find((a) => a.status === 'completed')!.sessionId).not.toBeNull();
    const statuses = new Set(appts.map((a) => a.status));
    for (const s of ['completed', 'no-show', 'checked-in']) expect(statuses, s).toContain(s);
    // Five on a weekday (two practitioners); a weekend morning holds three.
    if (appts.length >= 4) expect(statuses).toContain('booked');
    if (appts.length >= 5) expect(statuses).toContain('cancelled');

    const weekday = String(weekdayOf(day as never));
    for (const a of appts) {
      expect(a.local).toMatchObject({ date: day, timeZone: ZONE });
      expect(a.practitionerId).not.toBeNull();
      expect(a.roomId).not.toBeNull();
      const schedule = (await owner.get(`/api/v1/locations/${a.locationId}/schedule`)).json();
      const open = schedule.weekly[weekday] as { open: string; close: string }[];
      expect(open?.length, `${a.local.time} on a closed day`).toBeGreaterThan(0);
      expect(
        open.some((h) => h.open <= a.local.time && a.local.time < h.close),
        a.local.time,
      ).toBe(true);
    }
    // No practitioner or room holds two live appointments at once.
    const live = appts.filter((a) => a.status !== 'cancelled' && a.status !== 'no-show');
    for (const a of live)
      for (const b of live)
        if (a.id < b.id && a.start < b.end && b.start < a.end) {
          expect(a.practitionerId).not.toBe(b.practitionerId);
          expect(a.roomId).not.toBe(b.roomId);
        }

    // The completed session is charted with a lot and signed; the checked-in one waits for its chart.
    const sessionOf = async (status: string) => {
      const a = appts.find((x) => x.status === status)!;
      const sessions = (await owner.get(`/api/v1/patients/${a.patientId}/sessions`)).json().items as {
        appointmentId: string | null;
        status: string;
        chart: { chart: { products: { lotId: string }[] } } | null;
      }[];
      return sessions.find((s) => s.appointmentId === a.id);
    };
    const done = await sessionOf('completed');
    expect(done?.status).toBe('signed');
    expect(done?.chart?.chart.products[0]?.lotId).toBeTruthy();
    const waiting = await sessionOf('checked-in');
    expect(waiting).toMatchObject({ status: 'checked_in', chart: null });
    expect((await sessionOf('no-show'))?.status).toBe('no_show');
  });

  it('has a course finished last year whose maintenance is due now, on the recall list', async () => {
    const from = addDays(today() as never, -120);
    const to = addDays(today() as never, 60);
    const recalls = (await owner.get(`/api/v1/recalls?from=${from}&to=${to}`)).json().items as {
      kind: string;
      status: string;
      patientName: string;
      patientId: string;
      planId: string;
    }[];
    const due = recalls.find((r) => r.kind === 'maintenance' && r.patientName === 'Elena Novak');
    expect(due?.status).toMatch(/^(due|overdue)$/);
    const sessions = (await owner.get(`/api/v1/patients/${due!.patientId}/sessions`)).json().items as {
      status: string;
      sessionIndex: number;
      seriesPlanned: number;
    }[];
    expect(sessions.length).toBe(sessions[0]!.seriesPlanned);
    expect(sessions.every((x) => x.status === 'signed')).toBe(true);
  });
});
