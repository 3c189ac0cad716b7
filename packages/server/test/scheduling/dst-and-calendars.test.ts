import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { acceptedPlan, type BookableSite, bookableSite, ok } from '../helpers/scheduling';

const V = '/api/v1';

interface Appointment {
  id: string;
  start: number;
  end: number;
  local: { date: string; time: string; timeZone: string };
  sessionIndex: number | null;
}

describe.each(engines)('DST edges and ICS feeds on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let desk: Caller;
  const sites: Record<string, BookableSite> = {};
  const booked: Record<string, { planId: string; patientId: string; appointments: Appointment[] }> = {};

  // Open every day 09:00–17:00; the patient can come 09:00–10:45 only, so each session starts at 09:00.
  const morning = { timeOfDay: [{ open: '09:00', close: '10:45' }] };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: () => Date.parse('2027-02-15T12:00:00Z') as never });
    clinic = await seedClinic(t.db, 'Zones clinic');
    owner = await signIn(app, clinic.emails.owner);
    desk = await signIn(app, clinic.emails.front_desk);
    for (const [zone, name] of [
      ['America/New_York', 'New York'],
      ['Europe/London', 'London'],
      ['Asia/Seoul', 'Seoul'],
    ] as const) {
      const loc = await ok<{ id: string }>(
        owner.send('POST', `${V}/locations`, {
          name,
          timeZone: zone,
          address: `${name}: Rue de l’Été 12, Bâtiment Ω, entrée côté jardin, troisième étage, porte à gauche`,
        }),
        201,
      );
      sites[zone] = await bookableSite(app, owner, {
        locationId: loc.id,
        practitionerEmail: clinic.emails.practitioner,
      });
    }
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const book = async (zone: string, earliest: string) => {
    const site = sites[zone]!;
    const plan = await acceptedPlan(owner, { startDate: earliest, locationId: site.locationId });
    const course = await ok<{ appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${plan.planId}/course`, {
        earliest,
        locationId: site.locationId,
        preferences: morning,
      }),
      201,
    );
    booked[`${zone} ${earliest}`] = { ...plan, appointments: course.appointments };
    return course.appointments;
  };

  it('New York: a session on the spring-forward day is at 09:00 EDT; the one before the change at 09:00 EST', async () => {
    const [s1, s2] = await book('America/New_York', '2027-03-14');
    expect(s1!.local).toMatchObject({ date: '2027-03-14', time: '09:00', timeZone: 'America/New_York' });
    expect(s1!.start).toBe(Date.parse('2027-03-14T13:00:00Z'));
    expect(s2!.local.time).toBe('09:00');
    const before = await book('America/New_York', '2027-02-27');
    expect(before[0]!.start).toBe(Date.parse('2027-02-27T14:00:00Z'));
    // Session 2, four weeks on, is after the change: same wall clock, one hour earlier in UTC.
    expect(before[1]!.local.time).toBe('09:00');
    expect(before[1]!.start).toBe(Date.parse('2027-03-27T13:00:00Z'));
  });

  it('New York: the fall-back day has 25 hours and still opens at 09:00 EST', async () => {
    const [s1] = await book('America/New_York', '2027-11-07');
    expect(s1!.local).toMatchObject({ date: '2027-11-07', time: '09:00' });
    expect(s1!.start).toBe(Date.parse('2027-11-07T14:00:00Z'));
  });

  it('London: the BST change day opens at 09:00 BST (08:00 UTC)', async () => {
    const [s1, s2] = await book('Europe/London', '2027-03-28');
    expect(s1!.start).toBe(Date.parse('2027-03-28T08:00:00Z'));
    expect(s1!.local.time).toBe('09:00');
    expect(s2!.local.time).toBe('09:00');
    const winter = await book('Europe/London', '2027-03-14');
    expect(winter[0]!.start).toBe(Date.parse('2027-03-14T09:00:00Z'));
    expect(winter[1]!.start).toBe(Date.parse('2027-04-11T08:00:00Z'));
  });

  it('Seoul (no DST): 09:00 KST is midnight UTC on every session', async () => {
    const sessions = await book('Asia/Seoul', '2027-03-14');
    for (const s of sessions) {
      expect(s.local.time).toBe('09:00');
      expect(new Date(s.start).toISOString().slice(11, 19)).toBe('00:00:00');
    }
  });

  it('ICS feeds for a practitioner, a room and a patient are RFC 5545 and parse with ical.js', async () => {
    const patientCourse = booked['America/New_York 2027-03-14']!;
    const feeds: Record<string, { id: string; url: string; token: string }> = {};
    feeds.practitioner = await ok(
      owner.send('POST', `${V}/calendar-feeds`, {
        kind: 'practitioner',
        subjectId: sites['America/New_York']!.practitionerId,
      }),
      201,
    );
    feeds.room = await ok(
      owner.send('POST', `${V}/calendar-feeds`, {
        kind: 'room',
        subjectId: sites['Europe/London']!.roomIds[0],
      }),
      201,
    );
    feeds.patient = await ok(
      desk.send('POST', `${V}/calendar-feeds`, { kind: 'patient', subjectId: patientCourse.patientId }),
      201,
    );
    const listed = JSON.stringify(await ok(owner.get(`${V}/calendar-feeds`)));
    for (const f of Object.values(feeds)) expect(listed).not.toContain(f.token);

    const fetchFeed = (f: { url: string }) => app.inject({ method: 'GET', url: new URL(f.url).pathname });
    const parse = async (f: { url: string }) => {
      const res = await fetchFeed(f);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('text/calendar');
      const raw = res.body;
      // CRLF everywhere, no physical line over 75 octets, folded lines start with one space.
      expect(raw.endsWith('\r\n')).toBe(true);
      expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(raw).toMatch(/\r\n /);
      const cal = new ICAL.Component(ICAL.parse(raw));
      expect(cal.getFirstPropertyValue('version')).toBe('2.0');
      expect(cal.getFirstPropertyValue('prodid')).toBeTruthy();
      return cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    };

    const patientEvents = await parse(feeds.patient!);
    expect(patientEvents).toHaveLength(4);
    for (const [i, e] of patientEvents.entries()) {
      const a = patientCourse.appointments[i]!;
      expect(e.uid).toBe(`${a.id}@exoclinic`);
      expect(e.startDate.toJSDate().getTime()).toBe(a.start);
      expect(e.endDate.toJSDate().getTime()).toBe(a.end);
      expect(e.startDate.zone?.tzid).toBe('UTC');
      expect(e.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
      expect(e.location).toContain('Bâtiment Ω');
      expect(e.summary).toContain(`session ${i + 1} of 4`);
    }
    const practitionerEvents = await parse(feeds.practitioner!);
    // A practitioner sees every site's bookings, and only the procedure part of each session.
    expect(practitionerEvents.length).toBeGreaterThanOrEqual(
      Object.values(booked).reduce((n, c) => n + c.appointments.length, 0),
    );
    const first = practitionerEvents.find((e) => e.uid === `${patientCourse.appointments[0]!.id}@exoclinic`)!;
    expect(first.startDate.toJSDate().getTime()).toBeGreaterThan(patientCourse.appointments[0]!.start);
    expect(first.summary).toMatch(/· [A-Z]\. [A-Z]\.$/);
    const roomEvents = await parse(feeds.room!);
    expect(roomEvents.length).toBe(
      booked['Europe/London 2027-03-28']!.appointments.length +
        booked['Europe/London 2027-03-14']!.appointments.length,
    );

    // Reading a patient's feed is audited; a wrong secret and a revoked feed are 404.
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'calendar-feed.read')
      .execute();
    expect(audit.map((r) => r.patient_id)).toContain(patientCourse.patientId);
    const forged = feeds.patient!.url.replace(/_([A-Za-z0-9_-]{43})\.ics$/, `_${'A'.repeat(43)}.ics`);
    expect((await fetchFeed({ url: forged })).statusCode).toBe(404);
    await ok(owner.send('DELETE', `${V}/calendar-feeds/${feeds.patient!.id}`));
    const gone = await fetchFeed(feeds.patient!);
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
  });
});
