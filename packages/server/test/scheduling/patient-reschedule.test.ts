import { type LocalDate, wallTimeToInstant } from '@exoclinic/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownMoveWindow } from '../../src/appointments/patient-change-window';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { acceptedPlan, bookableSite, ok, overlappingHolds } from '../helpers/scheduling';

const V = '/api/v1';
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The notice period of a clinic that has not chosen its own. */
const DEFAULT_NOTICE_HOURS = 24;
const ZONE = 'America/New_York';
const at = (day: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return wallTimeToInstant(day as LocalDate, h * 60 + m, ZONE);
};

interface Appointment {
  id: string;
  sessionIndex: number | null;
  status: string;
  start: number;
  version: number;
  local: { date: string; time: string };
}
interface PatientSession {
  id: string;
  sessionIndex: number | null;
  sessionsInCourse: number | null;
  status: string;
  start: number;
  local: { date: string; time: string; timeZone: string };
  site: { id: string; name: string; address: string | null };
  practitioner: { name: string } | null;
  changeableUntil: number | null;
}
interface Options {
  session: PatientSession;
  refusal: { code: string; detail: string } | null;
  window: { earliest: string; latest: string } | null;
  noticeHours: number;
  clinic: { name: string; phone: string | null };
  times: { start: number; end: number; local: { date: string; time: string } }[];
}

describe.each(engines)('a patient reschedules their own session on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let desk: Caller;
  let portal: Caller;
  let mine: Appointment[];
  let theirs: Appointment[];
  const NOW = Date.parse('2027-02-15T12:00:00Z');
  let now = NOW;

  const rowOf = (id: string) =>
    t.db.kysely
      .selectFrom('appointments')
      .selectAll()
      .where('appointment_id', '=', id)
      .executeTakeFirstOrThrow();
  const historyOf = (id: string) =>
    t.db.kysely
      .selectFrom('appointment_history')
      .selectAll()
      .where('appointment_id', '=', id)
      .orderBy('version')
      .execute();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: () => now as never });
    clinic = await seedClinic(t.db, 'Portal clinic');
    const owner = await signIn(app, clinic.emails.owner);
    desk = await signIn(app, clinic.emails.front_desk);
    portal = await signIn(app, clinic.emails.patient);
    // One practitioner, one room, one pen: every time is contested.
    await bookableSite(app, owner, {
      locationId: clinic.locationId,
      practitionerEmail: clinic.emails.practitioner,
    });
    await ok(owner.send('PATCH', `${V}/clinic`, { phone: '+1 555-0100' }, { 'if-match': '"1"' }));
    const own = await acceptedPlan(owner, {
      startDate: '2027-03-01',
      locationId: clinic.locationId,
      patientId: clinic.patientId,
    });
    mine = (
      await ok<{ appointments: Appointment[] }>(desk.send('POST', `${V}/plans/${own.planId}/course`, {}), 201)
    ).appointments;
    const other = await acceptedPlan(owner, { startDate: '2027-03-02', locationId: clinic.locationId });
    theirs = (
      await ok<{ appointments: Appointment[] }>(
        desk.send('POST', `${V}/plans/${other.planId}/course`, {}),
        201,
      )
    ).appointments;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('the patient reads their sessions: when, where, with whom, until when they may change them; no staff details', async () => {
    const res = await ok<{
      clinic: { name: string; phone: string | null };
      noticeHours: number;
      items: (PatientSession & Record<string, unknown>)[];
    }>(portal.get(`${V}/patients/${clinic.patientId}/visits`));
    expect(res.clinic).toMatchObject({ name: 'Portal clinic', phone: '+1 555-0100' });
    expect(res.noticeHours).toBe(DEFAULT_NOTICE_HOURS);
    expect(res.items.map((s) => s.sessionIndex)).toEqual([1, 2, 3, 4]);
    for (const s of res.items) {
      expect(s).toMatchObject({
        sessionsInCourse: 4,
        status: 'booked',
        site: { id: clinic.locationId, name: 'Main' },
        practitioner: { name: expect.any(String) },
      });
      expect(s.local.timeZone).toBe(ZONE);
      expect(s.changeableUntil).toBe(s.start - DEFAULT_NOTICE_HOURS * HOUR);
      for (const hidden of ['roomId', 'deviceIds', 'practitionerId', 'history', 'reason'])
        expect(s).not.toHaveProperty(hidden);
    }
    // Another patient's sessions are not there to read.
    const other = await portal.get(`${V}/patients/${(await rowOf(theirs[0]!.id)).patient_id}/visits`);
    expect(other.statusCode).toBe(404);
  });

  it('offers free times inside the window that keeps both neighbouring gaps, at the same site, past the notice period', async () => {
    const [s1, s2, s3] = mine;
    const opts = await ok<Options>(portal.get(`${V}/appointments/${s2!.id}/patient-options`));
    expect(opts.refusal).toBeNull();
    // The plan's gaps are 14–42 days: after session 1 and before session 3 by as much.
    const plus = (d: string, n: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
    const earliest = [plus(s1!.local.date, 14), plus(s3!.local.date, -42)].sort()[1];
    const latest = [plus(s1!.local.date, 42), plus(s3!.local.date, -14)].sort()[0];
    expect(opts.window).toEqual({ earliest, latest });
    expect(opts.clinic.phone).toBe('+1 555-0100');
    expect(opts.times.length).toBeGreaterThan(20);
    for (const time of opts.times) {
      expect(time.local.date >= earliest! && time.local.date <= latest!).toBe(true);
      expect(time.start).not.toBe(s2!.start);
      expect(time.start - now).toBeGreaterThanOrEqual(DEFAULT_NOTICE_HOURS * HOUR);
    }
    // The other patient's sessions take their times: none is offered.
    for (const other of theirs) expect(opts.times.map((x) => x.start)).not.toContain(other.start);
  });

  it('moves the session within its window: the others stay, a history row and an audit row by the patient, the .ics follows', async () => {
    const s2 = mine[1]!;
    const opts = await ok<Options>(portal.get(`${V}/appointments/${s2.id}/patient-options`));
    const pick = opts.times.find((x) => x.local.date !== s2.local.date && x.local.time === '10:00')!;
    const before = await Promise.all(mine.map((a) => rowOf(a.id)));
    const res = await ok<{ session: PatientSession }>(
      portal.send('POST', `${V}/appointments/${s2.id}/patient-reschedule`, { start: pick.start }),
    );
    expect(res.session).toMatchObject({ id: s2.id, start: pick.start, status: 'booked', local: pick.local });
    const after = await Promise.all(mine.map((a) => rowOf(a.id)));
    expect(after[1]).toMatchObject({
      start_ms: pick.start,
      version: before[1]!.version + 1,
      location_id: clinic.locationId,
    });
    for (const i of [0, 2, 3]) expect(after[i]).toEqual(before[i]);
    const history = await historyOf(s2.id);
    expect(history.map((h) => h.change)).toEqual(['booked', 'rescheduled']);
    expect(history[1]!.reason).toMatch(/patient/);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'appointment.reschedule-own')
      .where('entity_id', '=', s2.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_role: 'patient', patient_id: clinic.patientId });
    expect(await overlappingHolds(t.db)).toBe(0);

    // A retry of the same move changes nothing.
    await ok(portal.send('POST', `${V}/appointments/${s2.id}/patient-reschedule`, { start: pick.start }));
    expect((await historyOf(s2.id)).length).toBe(2);

    const ics = await portal.get(`${V}/appointments/${s2.id}/calendar.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.headers['content-disposition']).toBe(`attachment; filename="session-${pick.local.date}.ics"`);
    const text = ics.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain(`UID:${s2.id}@exoclinic\r\n`);
    expect(text).toContain(
      `DTSTART:${new Date(pick.start).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z\r\n`,
    );
    expect(text).toContain('SEQUENCE:1\r\n');
    expect(text).toContain('STATUS:CONFIRMED\r\n');
    expect(text.replace(/\r\n /g, '')).toContain(
      'SUMMARY:Microneedling with topical exosomes (session 2 of 4) · Portal clinic',
    );
    expect(text).toContain('LOCATION:Main\r\n');
    expect(text.replace(/\r\n /g, '')).toContain('+1 555-0100');

    // What the patient reads of the history: the change, not the staff's notes or accounts.
    const read = await ok<{ history: { change: string; reason: string | null; by: string }[] }>(
      portal.get(`${V}/appointments/${s2.id}`),
    );
    expect(read.history.map((h) => h.reason)).toEqual([null, null]);
    const stored = await historyOf(s2.id);
    expect(read.history[0]!.by).toBe('clinic');
    expect(read.history[1]!.by).toBe(stored[1]!.created_by); // the patient's own change
    const staffRead = await ok<{ history: { by: string }[] }>(desk.get(`${V}/appointments/${s2.id}`));
    expect(staffRead.history.map((h) => h.by)).toEqual(stored.map((h) => h.created_by));
  });

  it('refuses a day outside the window with a 409 that says to call the clinic, and changes nothing', async () => {
    const s3 = mine[2]!;
    const opts = await ok<Options>(portal.get(`${V}/appointments/${s3.id}/patient-options`));
    const outside = at(
      new Date(Date.parse(`${opts.window!.latest}T00:00:00Z`) + 3 * DAY).toISOString().slice(0, 10),
      '10:00',
    );
    const before = await Promise.all(mine.map((a) => rowOf(a.id)));
    const res = await portal.send('POST', `${V}/appointments/${s3.id}/patient-reschedule`, {
      start: outside,
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.type).toMatch(/outside-window$/);
    expect(problem.callClinic).toBe(true);
    expect(problem.window).toEqual(opts.window);
    expect(problem.errors).toEqual([{ path: 'body.start', message: expect.stringContaining('outside') }]);
    expect(await Promise.all(mine.map((a) => rowOf(a.id)))).toEqual(before);

    const bad = await portal.send('POST', `${V}/appointments/${s3.id}/patient-reschedule`, { start: 'soon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.start');
  });

  it('within the notice period of the session or of the new time the patient calls the clinic', async () => {
    const s1 = mine[0]!;
    const s4 = mine[3]!;
    const window = (await ok<Options>(portal.get(`${V}/appointments/${s4.id}/patient-options`))).window!;
    try {
      // Sessions of the portal end after a while: sign in again at each moved clock.
      now = s1.start - 23 * 3_600_000;
      let patient = await signIn(app, clinic.emails.patient);
      const opts = await ok<Options>(patient.get(`${V}/appointments/${s1.id}/patient-options`));
      expect(opts.refusal?.code).toBe('notice-period');
      expect(opts.times).toEqual([]);
      const late = await patient.send('POST', `${V}/appointments/${s1.id}/patient-reschedule`, {
        start: s1.start + DAY,
      });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ callClinic: true, reason: 'notice-period' });
      expect(late.json().type).toMatch(/notice-period$/);

      // Session 4's window is open; a time in it but less than a day away is refused as the new time.
      now = at(window.earliest, '08:00');
      patient = await signIn(app, clinic.emails.patient);
      const soon = await patient.send('POST', `${V}/appointments/${s4.id}/patient-reschedule`, {
        start: at(window.earliest, '15:00'),
      });
      expect(soon.statusCode).toBe(422);
      expect(soon.json().errors).toEqual([{ path: 'body.start', message: expect.stringContaining('hours') }]);
      expect((await rowOf(s4.id)).start_ms).toBe(s4.start);
    } finally {
      now = NOW;
    }
  });

  it('follows the notice period the clinic chose: 72 hours refuses a session 50 hours away, 0 allows it', async () => {
    const s1 = mine[0]!;
    const setNotice = async (hours: number) => {
      // At the moved clock the owner's morning sign-in has run out: sign in again.
      const owner = await signIn(app, clinic.emails.owner);
      const current = await ok<{ version: number }>(owner.get(`${V}/clinic`));
      await ok(
        owner.send(
          'PATCH',
          `${V}/clinic`,
          { patientChangeNoticeHours: hours },
          { 'if-match': `"${current.version}"` },
        ),
      );
    };
    try {
      await setNotice(72);
      now = s1.start - 50 * HOUR;
      let patient = await signIn(app, clinic.emails.patient);
      const list = await ok<{ noticeHours: number; items: PatientSession[] }>(
        patient.get(`${V}/patients/${clinic.patientId}/visits`),
      );
      expect(list.noticeHours).toBe(72);
      expect(list.items.find((s) => s.id === s1.id)!.changeableUntil).toBe(s1.start - 72 * HOUR);
      const refused = await ok<Options>(patient.get(`${V}/appointments/${s1.id}/patient-options`));
      expect(refused).toMatchObject({ noticeHours: 72, refusal: { code: 'notice-period' }, times: [] });
      expect(refused.refusal!.detail).toContain('72 hours');
      const late = await patient.send('POST', `${V}/appointments/${s1.id}/patient-reschedule`, {
        start: s1.start + DAY,
      });
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ callClinic: true, reason: 'notice-period' });

      // The new time is held to the clinic's notice too: 50 hours ahead is too close at 72.
      const s4 = await rowOf(mine[3]!.id);
      now = s4.start_ms - 100 * HOUR;
      patient = await signIn(app, clinic.emails.patient);
      const tooSoon = await patient.send(
        'POST',
        `${V}/appointments/${s4.appointment_id}/patient-reschedule`,
        {
          start: now + 50 * HOUR,
        },
      );
      expect(tooSoon.statusCode).toBe(422);
      expect(tooSoon.json().errors).toEqual([
        { path: 'body.start', message: 'is less than 72 hours from now' },
      ]);
      expect((await rowOf(s4.appointment_id)).start_ms).toBe(s4.start_ms);

      // No notice period: the same first session is open to the patient, with times from now on.
      now = s1.start - 50 * HOUR;
      await setNotice(0);
      patient = await signIn(app, clinic.emails.patient);
      const open = await ok<Options>(patient.get(`${V}/appointments/${s1.id}/patient-options`));
      expect(open.noticeHours).toBe(0);
      expect(open.refusal).toBeNull();
      expect(open.times.length).toBeGreaterThan(0);
      const listed = await ok<{ items: PatientSession[] }>(
        patient.get(`${V}/patients/${clinic.patientId}/visits`),
      );
      expect(listed.items.find((s) => s.id === s1.id)!.changeableUntil).toBe(s1.start);
      // With no notice period, a new time only has to be still to come.
      const past = await patient.send('POST', `${V}/appointments/${s1.id}/patient-reschedule`, {
        start: now - HOUR,
      });
      expect(past.statusCode).toBe(422);
      expect(past.json().errors).toEqual([{ path: 'body.start', message: 'has passed' }]);

      // One hour is written as one hour.
      await setNotice(1);
      now = s1.start - 30 * 60_000;
      patient = await signIn(app, clinic.emails.patient);
      const close = await ok<Options>(patient.get(`${V}/appointments/${s1.id}/patient-options`));
      expect(close.refusal).toEqual({
        code: 'notice-period',
        detail: 'the session starts in less than 1 hour: call the clinic to change it',
      });
    } finally {
      now = NOW;
      await setNotice(DEFAULT_NOTICE_HOURS);
    }
  });

  it("another patient's appointment is not found; staff routes stay closed to the patient and the patient's routes to staff", async () => {
    const other = theirs[1]!;
    expect((await portal.get(`${V}/appointments/${other.id}/patient-options`)).statusCode).toBe(404);
    const move = await portal.send('POST', `${V}/appointments/${other.id}/patient-reschedule`, {
      start: other.start + DAY,
    });
    expect(move.statusCode).toBe(404);
    expect(move.json().title).toBe('Not found');
    expect((await portal.get(`${V}/appointments/${other.id}/calendar.ics`)).statusCode).toBe(404);

    const own = mine[2]!;
    const staffMove = await portal.send('POST', `${V}/appointments/${own.id}/reschedule`, {
      start: own.start + DAY,
    });
    expect(staffMove.statusCode).toBe(403);
    const status = await portal.send('POST', `${V}/appointments/${own.id}/status`, { status: 'cancelled' });
    expect(status.statusCode).toBe(403);
    expect((await desk.get(`${V}/appointments/${own.id}/patient-options`)).statusCode).toBe(403);
    expect(
      (await desk.send('POST', `${V}/appointments/${own.id}/patient-reschedule`, { start: own.start + DAY }))
        .statusCode,
    ).toBe(403);
    expect((await rowOf(own.id)).status).toBe('booked');
    // Staff may still download any appointment's calendar file.
    expect((await desk.get(`${V}/appointments/${other.id}/calendar.ics`)).statusCode).toBe(200);
  });

  it('the patient and the front desk reaching for the same time at once: exactly one gets it', async () => {
    const s4 = mine[3]!;
    const o4 = theirs[3]!;
    // A day inside both last sessions' windows, at a time the patient is offered.
    const opts = await ok<Options>(portal.get(`${V}/appointments/${s4.id}/patient-options`));
    const oWindow = (await rowOf(o4.id)) as { window_earliest: string | null; window_latest: string | null };
    const pick = opts.times.find(
      (x) =>
        x.local.time === '11:00' &&
        x.local.date >= oWindow.window_earliest! &&
        x.local.date <= oWindow.window_latest! &&
        x.local.date !== s4.local.date &&
        x.local.date !== o4.local.date,
    )!;
    expect(pick).toBeDefined();
    const [patientAnswer, deskAnswer] = await Promise.all([
      portal.send('POST', `${V}/appointments/${s4.id}/patient-reschedule`, { start: pick.start }),
      desk.send('POST', `${V}/appointments/${o4.id}/reschedule`, { start: pick.start }),
    ]);
    const codes = [patientAnswer.statusCode, deskAnswer.statusCode].sort();
    expect(codes, `${patientAnswer.body}\n${deskAnswer.body}`).toEqual([200, 409]);
    const loser = patientAnswer.statusCode === 409 ? patientAnswer : deskAnswer;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    const [a, b] = await Promise.all([rowOf(s4.id), rowOf(o4.id)]);
    expect([a.start_ms, b.start_ms].filter((s) => s === pick.start)).toHaveLength(1);
    expect(await overlappingHolds(t.db)).toBe(0);
  });
});

describe('the window a patient may move a session within', () => {
  const gap = { min: 14, max: 42 };
  const d = (s: string) => s as LocalDate;
  it('lies after the session before and before the next by the plan’s gap, so neither moves', () => {
    expect(ownMoveWindow({ stored: null, previous: d('2027-03-01'), next: d('2027-04-26'), gap })).toEqual({
      earliest: '2027-03-15',
      latest: '2027-04-12',
    });
    // A later next session narrows the start: 2027-05-20 - 42 days.
    expect(ownMoveWindow({ stored: null, previous: d('2027-03-01'), next: d('2027-05-20'), gap })).toEqual({
      earliest: '2027-04-08',
      latest: '2027-04-12',
    });
  });
  it('uses the stored window without a session before it, only the next one for a first session, none when empty', () => {
    const stored = { earliest: d('2027-09-01'), latest: d('2027-12-01') };
    expect(ownMoveWindow({ stored, previous: null, next: null, gap })).toEqual(stored);
    expect(ownMoveWindow({ stored: null, previous: null, next: d('2027-03-29'), gap })).toEqual({
      earliest: '2027-02-15',
      latest: '2027-03-15',
    });
    expect(ownMoveWindow({ stored: null, previous: null, next: null, gap })).toBeNull();
    expect(ownMoveWindow({ stored: null, previous: d('2027-03-01'), next: d('2027-03-10'), gap })).toBeNull();
  });
});
