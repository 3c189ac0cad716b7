import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient, type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { acceptedPlan, bookableSite, ok, overlappingHolds } from '../helpers/scheduling';

// Withdrawing a plan: it stays on record with who, when and why; booked sessions go with it only
// when asked, in the same transaction; a withdrawn plan is neither current, revisable nor acceptable.

const V = '/api/v1';

interface Appointment {
  id: string;
  status: string;
  start: number;
}

describe.each(engines)('plan withdrawal on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let practitioner: Caller;
  let desk: Caller;
  let practitionerId: string;
  const now = Date.parse('2027-02-15T12:00:00Z');

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: () => now as never });
    clinic = await seedClinic(t.db, 'Withdrawal clinic');
    owner = await signIn(app, clinic.emails.owner);
    practitioner = await signIn(app, clinic.emails.practitioner);
    desk = await signIn(app, clinic.emails.front_desk);
    practitionerId = (
      await bookableSite(app, owner, {
        locationId: clinic.locationId,
        practitionerEmail: clinic.emails.practitioner,
        rooms: 1,
        devices: 1,
      })
    ).practitionerId;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const auditCount = async (action: string, entityId: string) =>
    Number(
      (
        await t.db.kysely
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .where('entity_id', '=', entityId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses while sessions are booked, then withdraws with them cancelled and their slots freed', async () => {
    const { planId, patientId } = await acceptedPlan(owner, {
      startDate: '2027-03-02',
      locationId: clinic.locationId,
    });
    const course = await ok<{ appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${planId}/course`, { earliest: '2027-03-02' }),
      201,
    );
    expect(course.appointments).toHaveLength(4);

    const refused = await practitioner.send('POST', `${V}/plans/${planId}/withdraw`, {
      reason: 'The patient chose not to go ahead',
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      type: expect.stringContaining('booked-sessions'),
      appointmentIds: course.appointments.map((a) => a.id),
    });
    // Nothing changed: the plan is still current and accepted, the sessions still booked.
    const still = await ok<{ id: string; status: string; withdrawal: unknown }>(
      owner.get(`${V}/patients/${patientId}/current-plan`),
    );
    expect(still).toMatchObject({ id: planId, status: 'accepted', withdrawal: null });
    const booked = await ok<{ items: Appointment[] }>(owner.get(`${V}/patients/${patientId}/appointments`));
    expect(booked.items.every((a) => a.status === 'booked')).toBe(true);

    const withdrawn = await ok<{
      status: string;
      withdrawal: { at: number; by: string; reason: string };
    }>(
      practitioner.send('POST', `${V}/plans/${planId}/withdraw`, {
        reason: 'The patient chose not to go ahead',
        cancelBookedSessions: true,
      }),
      200,
    );
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.withdrawal).toEqual({
      at: now,
      by: practitionerId,
      reason: 'The patient chose not to go ahead',
    });
    const after = await ok<{ items: Appointment[] }>(owner.get(`${V}/patients/${patientId}/appointments`));
    expect(after.items.map((a) => a.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(await auditCount('plan.withdraw', planId)).toBe(1);

    // No longer the current plan; cannot be revised, accepted or withdrawn again.
    const current = await owner.get(`${V}/patients/${patientId}/current-plan`);
    expect(current.statusCode).toBe(404);
    const revise = await owner.send('POST', `${V}/plans/${planId}/versions`, {
      basedOnVersion: 1,
      reason: 'A longer interval would suit better',
    });
    expect(revise.statusCode).toBe(409);
    expect((await owner.send('POST', `${V}/plans/${planId}/accept`, { version: 1 })).statusCode).toBe(409);
    const twice = await owner.send('POST', `${V}/plans/${planId}/withdraw`, {
      reason: 'Asked a second time',
    });
    expect(twice.statusCode).toBe(409);
    expect(await auditCount('plan.withdraw', planId)).toBe(1);

    // The freed slots take another patient's course at the same times.
    const other = await acceptedPlan(owner, { startDate: '2027-03-02', locationId: clinic.locationId });
    const rebooked = await ok<{ appointments: Appointment[] }>(
      desk.send('POST', `${V}/plans/${other.planId}/course`, { earliest: '2027-03-02' }),
      201,
    );
    expect(rebooked.appointments.map((a) => a.start)).toEqual(course.appointments.map((a) => a.start));
    expect(await overlappingHolds(t.db)).toBe(0);
  });

  it('names a missing or short reason, and keeps the front desk and patients from withdrawing', async () => {
    const patient = await ok<{ id: string }>(owner.send('POST', `${V}/patients`, aPatient()), 201);
    const { planId } = await acceptedPlan(owner, { startDate: '2027-04-01', patientId: patient.id });
    const bad = await owner.send('POST', `${V}/plans/${planId}/withdraw`, {
      reason: 'no',
      cancelBookedSessions: 'y',
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(fields).toEqual(['body.cancelBookedSessions', 'body.reason']);
    expect(
      (await desk.send('POST', `${V}/plans/${planId}/withdraw`, { reason: 'Front desk tries this' }))
        .statusCode,
    ).toBe(403);
    const plan = await ok<{ status: string }>(owner.get(`${V}/plans/${planId}`));
    expect(plan.status).toBe('accepted');
    expect(await auditCount('plan.withdraw', planId)).toBe(0);
  });
});
