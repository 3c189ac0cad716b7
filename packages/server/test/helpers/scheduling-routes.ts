import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type Caller, type SeededClinic, signIn } from './clinic';
import { acceptedPlan, bookableSite, ok } from './scheduling';

// The scheduling routes' share of the generated route tests: a valid body for every write route
// (ids inside bodies are fresh, so only the path id decides the answer), one id of each kind, and
// a call of every patient-data route for the audit-completeness test.

const someId = randomUUID();
const future = Date.parse('2031-03-03T15:00:00Z');

export const SCHEDULING_EXAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/v1/resources': { kind: 'room', name: 'Room X', locationId: someId },
  'PATCH /api/v1/resources/{id}': { name: 'Renamed' },
  'PUT /api/v1/resources/{id}/hours': { hours: [] },
  'PUT /api/v1/resources/{id}/time-off': { periods: [] },
  'PUT /api/v1/locations/{id}/schedule': { weekly: {}, closures: [] },
  'POST /api/v1/plans/{id}/course-options': {},
  'POST /api/v1/plans/{id}/course': {},
  'POST /api/v1/plans/{id}/appointments': {
    kind: 'follow-up',
    followUpKind: 'safety-review',
    session: { start: future, practitionerId: someId, roomId: someId, deviceIds: [] },
  },
  'POST /api/v1/appointments/{id}/reschedule': { start: future },
  'POST /api/v1/appointments/{id}/status': { status: 'cancelled' },
  'POST /api/v1/appointments/{id}/patient-reschedule': { start: future },
  'POST /api/v1/calendar-feeds': { kind: 'room', subjectId: someId },
  'DELETE /api/v1/calendar-feeds/{id}': undefined,
};

/** One record of each scheduling kind, keyed by the route segment that names it. */
export async function buildSchedulingGraph(
  app: FastifyInstance,
  clinic: SeededClinic,
  owner: Caller,
): Promise<Record<string, string>> {
  const site = await bookableSite(app, owner, {
    locationId: clinic.locationId,
    practitionerEmail: clinic.emails.practitioner,
  });
  const { planId } = await acceptedPlan(owner, { startDate: '2031-03-03', locationId: clinic.locationId });
  const course = await ok<{ appointments: { id: string }[] }>(
    owner.send('POST', `/api/v1/plans/${planId}/course`, {}),
    201,
  );
  const feed = await ok<{ id: string }>(
    owner.send('POST', '/api/v1/calendar-feeds', { kind: 'room', subjectId: site.roomIds[0] }),
    201,
  );
  return { resources: site.roomIds[0]!, appointments: course.appointments[0]!.id, 'calendar-feeds': feed.id };
}

type Call = (
  key: string,
  res: Promise<LightMyRequestResponse>,
  expected: string | ((body: { id: string }) => string),
) => Promise<Record<string, unknown> & { id: string }>;

/** Every scheduling route that touches patient data, called once through the audit test's `call`. */
export async function coverSchedulingAudit(
  app: FastifyInstance,
  clinic: SeededClinic,
  owner: Caller,
  call: Call,
): Promise<void> {
  const V = '/api/v1';
  await bookableSite(app, owner, {
    locationId: clinic.locationId,
    practitionerEmail: clinic.emails.practitioner,
  });
  const { planId, patientId: pid } = await acceptedPlan(owner, {
    startDate: '2031-03-03',
    locationId: clinic.locationId,
  });
  await call(
    'POST /api/v1/plans/{id}/course-options',
    owner.send('POST', `${V}/plans/${planId}/course-options`, {}),
    pid,
  );
  const course = (await call(
    'POST /api/v1/plans/{id}/course',
    owner.send('POST', `${V}/plans/${planId}/course`, {}),
    pid,
  )) as unknown as {
    appointments: { id: string; start: number; local: { date: string } }[];
  };
  await call('GET /api/v1/plans/{id}/course', owner.get(`${V}/plans/${planId}/course`), pid);
  const [s1, , , s4] = course.appointments;
  await call(
    'GET /api/v1/appointments',
    owner.get(`${V}/appointments?from=${s1!.local.date}&to=${s1!.local.date}`),
    pid,
  );
  await call('GET /api/v1/appointments/{id}', owner.get(`${V}/appointments/${s1!.id}`), pid);
  await call('GET /api/v1/patients/{id}/appointments', owner.get(`${V}/patients/${pid}/appointments`), pid);
  await call(
    'POST /api/v1/appointments/{id}/reschedule',
    owner.send('POST', `${V}/appointments/${s4!.id}/reschedule`, { start: s4!.start + 86_400_000 }),
    pid,
  );
  await call(
    'POST /api/v1/appointments/{id}/status',
    owner.send('POST', `${V}/appointments/${s1!.id}/status`, { status: 'completed' }),
    pid,
  );
  for (const a of course.appointments.slice(1))
    await ok(owner.send('POST', `${V}/appointments/${a.id}/status`, { status: 'completed' }));
  await call('GET /api/v1/recalls', owner.get(`${V}/recalls?from=2020-01-01&to=2039-12-31`), pid);
  const slots = (await call(
    'GET /api/v1/plans/{id}/slots',
    owner.get(`${V}/plans/${planId}/slots?kind=follow-up&followUpKind=safety-review`),
    pid,
  )) as unknown as {
    slots: { start: number; practitionerId: string; roomId: string }[];
  };
  const pick = slots.slots[0]!;
  await call(
    'POST /api/v1/plans/{id}/appointments',
    owner.send('POST', `${V}/plans/${planId}/appointments`, {
      kind: 'follow-up',
      followUpKind: 'safety-review',
      session: { start: pick.start, practitionerId: pick.practitionerId, roomId: pick.roomId, deviceIds: [] },
    }),
    pid,
  );
  await coverPatientSessionAudit(app, clinic, owner, call);
  const feed = await call(
    'POST /api/v1/calendar-feeds',
    owner.send('POST', `${V}/calendar-feeds`, { kind: 'patient', subjectId: pid }),
    pid,
  );
  await call('GET /api/v1/calendar-feeds', owner.get(`${V}/calendar-feeds`), pid);
  await call(
    'DELETE /api/v1/calendar-feeds/{id}',
    owner.send('DELETE', `${V}/calendar-feeds/${feed.id}`),
    pid,
  );
}

/** The patient's own session routes, called by the clinic's portal patient on a course of their own. */
async function coverPatientSessionAudit(
  app: FastifyInstance,
  clinic: SeededClinic,
  owner: Caller,
  call: Call,
) {
  const V = '/api/v1';
  const pid = clinic.patientId;
  const portal = await signIn(app, clinic.emails.patient);
  const { planId } = await acceptedPlan(owner, {
    startDate: '2031-06-02',
    locationId: clinic.locationId,
    patientId: pid,
  });
  const course = await ok<{ appointments: { id: string }[] }>(
    owner.send('POST', `${V}/plans/${planId}/course`, {}),
    201,
  );
  const s2 = course.appointments[1]!;
  await call('GET /api/v1/patients/{id}/visits', portal.get(`${V}/patients/${pid}/visits`), pid);
  // An iCalendar answer, not JSON: checked here, handed on without its body.
  const ics = portal.get(`${V}/appointments/${s2.id}/calendar.ics`).then((r) => {
    expect(r.body).toContain('BEGIN:VEVENT');
    return { statusCode: r.statusCode, headers: r.headers, body: '' } as unknown as LightMyRequestResponse;
  });
  await call('GET /api/v1/appointments/{id}/calendar.ics', ics, pid);
  const options = (await call(
    'GET /api/v1/appointments/{id}/patient-options',
    portal.get(`${V}/appointments/${s2.id}/patient-options`),
    pid,
  )) as unknown as { times: { start: number }[] };
  await call(
    'POST /api/v1/appointments/{id}/patient-reschedule',
    portal.send('POST', `${V}/appointments/${s2.id}/patient-reschedule`, { start: options.times[0]!.start }),
    pid,
  );
}
