import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { acceptedPlan, type BookableSite, bookableSite, ok, overlappingHolds } from '../helpers/scheduling';

const V = '/api/v1';
const DAY = 86_400_000;
const daysApart = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

interface Session {
  index: number;
  start: number;
  local: { date: string; time: string };
  practitionerId: string;
  roomId: string;
  deviceIds: string[];
}
interface Appointment {
  id: string;
  sessionIndex: number | null;
  status: string;
  start: number;
  local: { date: string; time: string };
  kind: string;
}

describe.each(engines)('course booking on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let desk: Caller;
  let site: BookableSite;
  let now = Date.parse('2027-02-15T12:00:00Z');

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: () => now as never });
    clinic = await seedClinic(t.db, 'Booking clinic');
    owner = await signIn(app, clinic.emails.owner);
    desk = await signIn(app, clinic.emails.front_desk);
    site = await bookableSite(app, owner, {
      locationId: clinic.locationId,
      practitionerEmail: clinic.emails.practitioner,
      rooms: 1,
      devices: 1,
    });
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('offers ranked options for the whole series, every gap inside the plan window, on the site’s grid', async () => {
    const { planId } = await acceptedPlan(owner, { startDate: '2027-03-01', locationId: clinic.locationId });
    const res = await ok<{
      ok: boolean;
      gapWindow: { min: number; max: number; target: number };
      options: { rank: number; firstSession: string; gapsDays: number[]; sessions: Session[] }[];
    }>(desk.send('POST', `${V}/plans/${planId}/course-options`, { alternatives: 3 }), 200);
    expect(res.ok).toBe(true);
    expect(res.gapWindow).toMatchObject({ min: 14, target: 28, max: 42 });
    expect(res.options.length).toBe(3);
    expect(res.options[0]!.firstSession).toBe('2027-03-01');
    expect(res.options.map((o) => o.firstSession)).toEqual(
      [...res.options.map((o) => o.firstSession)].sort(),
    );
    for (const o of res.options) {
      expect(o.sessions).toHaveLength(4);
      expect(o.gapsDays).toEqual([28, 28, 28]);
      for (const s of o.sessions) {
        expect(s.local.time >= '09:00' && s.local.time <= '17:00').toBe(true);
        expect(
          s.local.time.endsWith(':00') ||
            s.local.time.endsWith(':15') ||
            s.local.time.endsWith(':30') ||
            s.local.time.endsWith(':45'),
        ).toBe(true);
        expect(s).toMatchObject({
          practitionerId: site.practitionerId,
          roomId: site.roomIds[0],
          deviceIds: [site.deviceIds[0]],
        });
      }
    }
  });

  it('books all sessions or none, honours Idempotency-Key, and refuses a second course for the plan', async () => {
    const { planId, patientId } = await acceptedPlan(owner, {
      startDate: '2027-03-02',
      locationId: clinic.locationId,
    });
    const body = { earliest: '2027-03-02' };
    const first = await desk.send('POST', `${V}/plans/${planId}/course`, body, {
      'idempotency-key': 'course-key-0001',
    });
    expect(first.statusCode, first.body).toBe(201);
    const course = first.json() as { id: string; appointments: Appointment[]; patientId: string };
    expect(course.patientId).toBe(patientId);
    expect(course.appointments.map((a) => a.sessionIndex)).toEqual([1, 2, 3, 4]);
    expect(course.appointments.every((a) => a.status === 'booked' && a.kind === 'initial')).toBe(true);

    const again = await desk.send('POST', `${V}/plans/${planId}/course`, body, {
      'idempotency-key': 'course-key-0001',
    });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(course);

    const changed = await desk.send(
      'POST',
      `${V}/plans/${planId}/course`,
      { earliest: '2027-03-09' },
      { 'idempotency-key': 'course-key-0001' },
    );
    expect(changed.statusCode).toBe(422);
    expect(changed.headers['content-type']).toContain('application/problem+json');
    expect(changed.json().type).toMatch(/idempotency-key-reused$/);

    const second = await desk.send('POST', `${V}/plans/${planId}/course`, body);
    expect(second.statusCode).toBe(409);
    expect(second.json().type).toMatch(/course-exists$/);

    const count = await t.db.kysely
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
    expect(await overlappingHolds(t.db)).toBe(0);

    const read = await ok<{ id: string; appointments: Appointment[] }>(
      desk.get(`${V}/plans/${planId}/course`),
    );
    expect(read.id).toBe(course.id);
    const mine = await ok<{ items: Appointment[] }>(desk.get(`${V}/patients/${patientId}/appointments`));
    expect(mine.items).toHaveLength(4);
  });

  it('an explicit choice outside the gap window is refused and nothing is written', async () => {
    const { planId } = await acceptedPlan(owner, { startDate: '2027-04-05', locationId: clinic.locationId });
    const options = await ok<{ options: { sessions: Session[] }[] }>(
      desk.send('POST', `${V}/plans/${planId}/course-options`, {}),
    );
    const sessions = options.options[0]!.sessions.map((s) => ({
      start: s.start,
      practitionerId: s.practitionerId,
      roomId: s.roomId,
      deviceIds: s.deviceIds,
    }));
    sessions[3] = { ...sessions[3]!, start: sessions[3]!.start + 20 * DAY };
    const res = await desk.send('POST', `${V}/plans/${planId}/course`, { sessions });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toMatch(/outside-window$/);
    const count = await t.db.kysely
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    // The same choice inside the window books exactly as chosen.
    sessions[3] = { ...sessions[3]!, start: sessions[3]!.start - 20 * DAY };
    const booked = await ok<{ appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${planId}/course`, { sessions }),
      201,
    );
    expect(booked.appointments.map((a) => a.start)).toEqual(sessions.map((s) => s.start));
  });

  it('explains a failure with the constraint that broke and relaxations that work', async () => {
    const { planId } = await acceptedPlan(owner, { startDate: '2027-03-01', locationId: clinic.locationId });
    const res = await ok<{
      ok: boolean;
      failure: {
        reason: string;
        message: string;
        relaxations: { changes: { kind: string }[]; firstSession: string }[];
      };
    }>(
      desk.send('POST', `${V}/plans/${planId}/course-options`, {
        preferences: { timeOfDay: [{ open: '18:00', close: '21:00' }] },
      }),
    );
    expect(res.ok).toBe(false);
    expect(res.failure.reason).toBe('preference-too-narrow');
    expect(
      res.failure.relaxations.some((r) => r.changes.some((c) => c.kind === 'allow-any-time-of-day')),
    ).toBe(true);
    const book = await desk.send('POST', `${V}/plans/${planId}/course`, {
      preferences: { timeOfDay: [{ open: '18:00', close: '21:00' }] },
    });
    expect(book.statusCode).toBe(409);
    expect(book.json().failure.reason).toBe('preference-too-narrow');
  });

  it('moving a session re-flows the later ones inside their windows; a broken window needs confirmation and is recorded', async () => {
    const { planId } = await acceptedPlan(owner, { startDate: '2027-06-07', locationId: clinic.locationId });
    const course = await ok<{ id: string; appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${planId}/course`, { earliest: '2027-06-07' }),
      201,
    );
    const [s1, s2, s3, s4] = course.appointments;
    expect(daysApart(s1!.local.date, s2!.local.date)).toBe(28);

    // Session 2 a week later: session 3 is then 21 days after it, still inside 14–42: nothing else moves.
    const week = await ok<{ appointment: Appointment; reflowed: Appointment[]; deviations: unknown[] }>(
      desk.send('POST', `${V}/appointments/${s2!.id}/reschedule`, { start: s2!.start + 7 * DAY }),
    );
    expect(week.appointment.local.date).toBe(new Date(s2!.start + 7 * DAY).toISOString().slice(0, 10));
    expect(week.reflowed).toEqual([]);
    expect(week.deviations).toEqual([]);

    // Session 2 further, to day 42 after session 1: session 3 (at 56) would be 14 days after it: fits too.
    // Session 2 to day 42 and then session 3 back... instead: move session 3 to 3 days after session 2.
    const early = await desk.send('POST', `${V}/appointments/${s3!.id}/reschedule`, {
      start: s2!.start + 10 * DAY,
    });
    // Session 3 would be 3 days after session 2: outside its own window, so a deviation to confirm.
    expect(early.statusCode).toBe(409);
    const problem = early.json();
    expect(problem.type).toMatch(/protocol-deviation$/);
    expect(problem.proposal.deviations[0]).toMatchObject({
      gap: 2,
      window: { min: 14, max: 42 },
      actualDays: 3,
    });
    // Session 4 would be pulled along to keep its own window from the moved session 3.
    expect(problem.proposal.reflowed.map((r: { id: string }) => r.id)).toEqual([s4!.id]);
    const unchanged = await ok<Appointment>(desk.get(`${V}/appointments/${s3!.id}`));
    expect(unchanged.start).toBe(s3!.start);

    const missingReason = await desk.send('POST', `${V}/appointments/${s3!.id}/reschedule`, {
      start: s2!.start + 10 * DAY,
      confirmDeviation: true,
    });
    expect(missingReason.statusCode).toBe(422);
    const confirmed = await ok<{
      appointment: Appointment;
      reflowed: Appointment[];
      deviations: unknown[];
      course: {
        deviations: { gap: number; actualDays: number; reason: string }[];
        appointments: Appointment[];
      };
    }>(
      desk.send('POST', `${V}/appointments/${s3!.id}/reschedule`, {
        start: s2!.start + 10 * DAY,
        confirmDeviation: true,
        reason: 'Patient travels abroad from mid-July',
      }),
    );
    expect(confirmed.course.deviations).toEqual([
      expect.objectContaining({ gap: 2, actualDays: 3, reason: 'Patient travels abroad from mid-July' }),
    ]);
    const dates = confirmed.course.appointments.filter((a) => a.status === 'booked').map((a) => a.local.date);
    expect(daysApart(dates[2]!, dates[3]!)).toBeGreaterThanOrEqual(14);
    expect(daysApart(dates[2]!, dates[3]!)).toBeLessThanOrEqual(42);

    const history = await ok<{
      history: { version: number; change: string; reason: string | null; deviationId: string | null }[];
    }>(desk.get(`${V}/appointments/${s3!.id}`));
    expect(history.history.map((h) => h.change)).toEqual(['booked', 'rescheduled']);
    expect(history.history[1]!.deviationId).toBeTruthy();
    const s4History = await ok<{ history: { change: string }[] }>(desk.get(`${V}/appointments/${s4!.id}`));
    expect(s4History.history.map((h) => h.change)).toEqual(['booked', 'reflowed']);
    expect(await overlappingHolds(t.db)).toBe(0);
  });

  it('moving the first session later pulls the rest along inside their windows, no deviation', async () => {
    const { planId } = await acceptedPlan(owner, { startDate: '2027-09-06', locationId: clinic.locationId });
    const course = await ok<{ appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${planId}/course`, { earliest: '2027-09-06' }),
      201,
    );
    const [s1, s2, s3, s4] = course.appointments;
    // Session 2 would be 8 days after the moved session 1: below the 14-day minimum.
    const moved = await ok<{ appointment: Appointment; reflowed: Appointment[]; deviations: unknown[] }>(
      desk.send('POST', `${V}/appointments/${s1!.id}/reschedule`, { start: s1!.start + 20 * DAY }),
    );
    expect(moved.deviations).toEqual([]);
    expect(moved.reflowed.map((r) => r.id)).toEqual([s2!.id, s3!.id, s4!.id]);
    const chain = [moved.appointment, ...moved.reflowed].map((a) => a.local.date);
    for (let i = 1; i < chain.length; i++) {
      const gap = daysApart(chain[i - 1]!, chain[i]!);
      expect(gap).toBeGreaterThanOrEqual(14);
      expect(gap).toBeLessThanOrEqual(42);
    }
    // Closest to the 28-day target: the chain keeps its rhythm from the new start.
    expect(daysApart(chain[0]!, chain[1]!)).toBe(28);
    expect(await overlappingHolds(t.db)).toBe(0);
  });

  it('cancel and no-show free the resources; a missed session is rebooked as a new appointment that replaces it', async () => {
    const { planId } = await acceptedPlan(owner, { startDate: '2027-03-03', locationId: clinic.locationId });
    const course = await ok<{ appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${planId}/course`, { earliest: '2027-03-03' }),
      201,
    );
    const s1 = course.appointments[0]!;
    const noShow = await ok<Appointment>(
      desk.send('POST', `${V}/appointments/${s1.id}/status`, { status: 'no-show' }),
    );
    expect(noShow.status).toBe('no-show');
    const holds = await t.db.kysely
      .selectFrom('resource_holds')
      .select('active')
      .where('appointment_id', '=', s1.id)
      .execute();
    expect(holds.every((h) => h.active === 0)).toBe(true);
    const wrong = await desk.send('POST', `${V}/appointments/${s1.id}/status`, { status: 'completed' });
    expect(wrong.statusCode).toBe(409);
    const rebooked = await ok<{ appointment: Appointment & { replacesAppointmentId: string } }>(
      desk.send('POST', `${V}/appointments/${s1.id}/reschedule`, { start: s1.start + DAY }),
    );
    expect(rebooked.appointment).toMatchObject({
      sessionIndex: 1,
      status: 'booked',
      replacesAppointmentId: s1.id,
    });
    expect(rebooked.appointment.id).not.toBe(s1.id);
  });

  it('recall: due dates from the last completed session; follow-ups bookable, not before the safety window', async () => {
    const { planId, patientId } = await acceptedPlan(owner, {
      startDate: '2027-03-04',
      locationId: clinic.locationId,
    });
    const course = await ok<{ appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${planId}/course`, { earliest: '2027-03-04' }),
      201,
    );
    const before = await ok<{ items: { planId: string }[] }>(
      desk.get(`${V}/recalls?from=2027-01-01&to=2029-12-31`),
    );
    expect(before.items.filter((i) => i.planId === planId)).toEqual([]);
    for (const a of course.appointments)
      await ok(desk.send('POST', `${V}/appointments/${a.id}/status`, { status: 'completed' }));
    const last = course.appointments[3]!.local.date;
    const recall = await ok<{
      items: {
        planId: string;
        patientId: string;
        kind: string;
        followUpKind: string | null;
        due: string;
        earliest: string;
        status: string;
        basis: { date: string };
      }[];
    }>(desk.get(`${V}/recalls?location=${clinic.locationId}&from=2027-01-01&to=2029-12-31`));
    const mine = recall.items.filter((i) => i.planId === planId);
    const maintenance = mine.find((i) => i.kind === 'maintenance')!;
    expect(maintenance).toMatchObject({ patientId, basis: { date: last } });
    expect(daysApart(last, maintenance.earliest)).toBe(183);
    expect(daysApart(last, maintenance.due)).toBe(274);
    const safety = mine.find((i) => i.followUpKind === 'safety-review')!;
    expect(daysApart(last, safety.earliest)).toBeGreaterThanOrEqual(90);

    const slots = await ok<{ window: { earliest: string }; slots: Session[] }>(
      desk.get(`${V}/plans/${planId}/slots?kind=follow-up&followUpKind=safety-review`),
    );
    expect(slots.window.earliest).toBe(safety.earliest);
    expect(slots.slots.length).toBeGreaterThan(0);
    expect(slots.slots[0]!.local.date >= safety.earliest).toBe(true);
    const pick = slots.slots[0]!;
    const tooEarly = await desk.send('POST', `${V}/plans/${planId}/appointments`, {
      kind: 'follow-up',
      followUpKind: 'safety-review',
      session: {
        start: pick.start - 30 * DAY,
        practitionerId: pick.practitionerId,
        roomId: pick.roomId,
        deviceIds: [],
      },
    });
    expect(tooEarly.statusCode).toBe(422);
    const booked = await ok<Appointment & { followUpKind: string }>(
      desk.send('POST', `${V}/plans/${planId}/appointments`, {
        kind: 'follow-up',
        followUpKind: 'safety-review',
        session: {
          start: pick.start,
          practitionerId: pick.practitionerId,
          roomId: pick.roomId,
          deviceIds: [],
        },
      }),
      201,
    );
    expect(booked).toMatchObject({ kind: 'follow-up', followUpKind: 'safety-review', status: 'booked' });
    const after = await ok<{ items: { planId: string; followUpKind: string | null; status: string }[] }>(
      desk.get(`${V}/recalls?from=2027-01-01&to=2029-12-31`),
    );
    expect(after.items.find((i) => i.planId === planId && i.followUpKind === 'safety-review')!.status).toBe(
      'booked',
    );
    now = Date.parse('2027-02-15T12:00:00Z');
  });

  it('a resource’s time off is respected by options and reported for existing bookings', async () => {
    const { planId } = await acceptedPlan(owner, { startDate: '2027-11-01', locationId: clinic.locationId });
    const course = await ok<{ appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${planId}/course`, { earliest: '2027-11-01' }),
      201,
    );
    const s1 = course.appointments[0]!;
    const leave = await ok<{ affectedAppointments: { id: string }[]; timeOff: unknown[] }>(
      owner.send('PUT', `${V}/resources/${site.practitionerId}/time-off`, {
        periods: [{ start: s1.start - DAY, end: s1.start + 3 * DAY, reason: 'Conference' }],
      }),
    );
    expect(leave.affectedAppointments.map((a) => a.id)).toContain(s1.id);
    const other = await acceptedPlan(owner, { startDate: '2027-11-01', locationId: clinic.locationId });
    const options = await ok<{ options: { firstSession: string }[] }>(
      desk.send('POST', `${V}/plans/${other.planId}/course-options`, { earliest: '2027-11-01' }),
    );
    const first = options.options[0]!.firstSession;
    expect(Date.parse(`${first}T12:00:00Z`)).toBeGreaterThan(s1.start + 2 * DAY);
    await ok(owner.send('PUT', `${V}/resources/${site.practitionerId}/time-off`, { periods: [] }));
  });
});
