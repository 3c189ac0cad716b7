import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/db/connect';
import type { Caller, SeededClinic } from './clinic';
import { jpegWithGps } from './exif';
import { aChart, created, treatablePlan } from './records';

// The records routes' share of the generated route tests: a valid body for every write route
// (ids inside bodies are fresh, so only the path id decides the answer), one record of each kind,
// and the audit-completeness walk over every records route that touches patient data.

const someId = randomUUID();
const chart = aChart(someId, someId);
const DAY = 86_400_000;

export const anAdverseEvent = (over: Record<string, unknown> = {}) => ({
  typeId: 'swelling',
  description: 'Swelling of both cheeks the morning after treatment',
  onsetAt: Date.now() - DAY,
  grade: 1,
  ...over,
});

export const RECORDS_EXAMPLE_BODIES: Record<string, unknown> = {
  'PUT /api/v1/settings/records': { screeningValidDays: 90 },
  'POST /api/v1/plans/{id}/check-in': {},
  'POST /api/v1/plans/{id}/no-shows': { scheduledFor: 1_800_000_000_000 },
  'PUT /api/v1/sessions/{id}/chart': { chart },
  'POST /api/v1/sessions/{id}/sign': { version: 1 },
  'POST /api/v1/sessions/{id}/amendments': { basedOnVersion: 1, reason: 'Corrected the needle depth', chart },
  'POST /api/v1/sessions/{id}/photos': {},
  'POST /api/v1/patients/{id}/adverse-events': anAdverseEvent(),
  'POST /api/v1/adverse-events/{id}/updates': { basedOnVersion: 1, note: 'Settling with cold compresses' },
  'POST /api/v1/adverse-events/{id}/tasks': { title: 'Call the patient', dueAt: 1_800_000_000_000 },
  'POST /api/v1/follow-up-tasks/{id}/complete': undefined,
  'POST /api/v1/alerts/{id}/read': undefined,
  'POST /api/v1/lots/{id}/recall': { reason: 'Supplier sterility notice' },
  'POST /api/v1/plans/{id}/outcomes': { instrumentId: 'gais-clinician', value: 2, timepoint: 'follow-up' },
};

/** A course with a charted, signed session, a photo, a grade-3 event with a task and its alert. */
export async function recordsFixture(owner: Caller) {
  const V = '/api/v1';
  const p = await treatablePlan(owner);
  const session = await created(owner.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
  await created(
    owner.send('PUT', `${V}/sessions/${session.id}/chart`, { chart: aChart(p.productId, p.lotId) }),
  );
  await created(owner.send('POST', `${V}/sessions/${session.id}/sign`, { version: 1 }));
  const photo = await created(
    owner.send(
      'POST',
      `${V}/sessions/${session.id}/photos?areaId=cheek&side=both&kind=before`,
      await jpegWithGps(64, 48),
      {
        'content-type': 'image/jpeg',
      },
    ),
  );
  const event = await created(
    owner.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
      ...anAdverseEvent({ grade: 3, onsetAt: Date.now() - 1000 }),
      followUps: [{ title: 'Review in clinic', dueAt: Date.now() + 7 * DAY }],
    }),
  );
  const alerts = (await owner.get(`${V}/alerts`)).json().items as { id: string; entityId: string }[];
  return {
    ...p,
    sessionId: session.id,
    photoId: photo.id,
    adverseEventId: event.id,
    taskId: (event.followUps as { id: string }[])[0]!.id,
    alertId: alerts.find((a) => a.entityId === event.id)!.id,
  };
}

/** One record of each records kind, keyed by the route segment that names it. */
export async function buildRecordsGraph(
  _app: FastifyInstance,
  _clinic: SeededClinic,
  owner: Caller,
): Promise<Record<string, string>> {
  const f = await recordsFixture(owner);
  return {
    sessions: f.sessionId,
    photos: f.photoId,
    'adverse-events': f.adverseEventId,
    'follow-up-tasks': f.taskId,
    alerts: f.alertId,
    lots: f.lotId,
  };
}

type Call = (
  key: string,
  res: Promise<LightMyRequestResponse>,
  expected: string | ((body: { id: string }) => string),
) => Promise<Record<string, unknown> & { id: string }>;

/** Every records route that touches patient data leaves exactly one audit row naming the patient. */
export async function coverRecordRoutes(t: { db: Db; call: Call; covered: Set<string>; owner: Caller }) {
  const { call, covered, owner, db } = t;
  const V = '/api/v1';
  /** The same check as `call`, for answers that are not JSON (images, PDF, CSV). */
  const binary = async (key: string, res: Promise<LightMyRequestResponse>, patientId: string) => {
    const r = await res;
    expect(r.statusCode, `${key}: ${r.statusCode}`).toBe(200);
    const rows = await db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', r.headers['x-request-id'] as string)
      .execute();
    expect(rows.length, key).toBe(1);
    const row = rows[0]!;
    const detail = (typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail) as {
      patientIds?: string[];
    };
    if (row.patient_id === null) expect(detail.patientIds, key).toContain(patientId);
    else expect(row.patient_id, key).toBe(patientId);
    covered.add(key);
  };
  const f = await recordsFixture(owner);
  const pid = f.patientId;
  const s2 = await call(
    'POST /api/v1/plans/{id}/check-in',
    owner.send('POST', `${V}/plans/${f.planId}/check-in`, {}),
    pid,
  );
  await call(
    'POST /api/v1/plans/{id}/no-shows',
    owner.send('POST', `${V}/plans/${f.planId}/no-shows`, { scheduledFor: Date.now() }),
    pid,
  );
  await call(
    'PUT /api/v1/sessions/{id}/chart',
    owner.send('PUT', `${V}/sessions/${s2.id}/chart`, { chart: aChart(f.productId, f.lotId) }),
    pid,
  );
  await call(
    'POST /api/v1/sessions/{id}/sign',
    owner.send('POST', `${V}/sessions/${s2.id}/sign`, { version: 1 }),
    pid,
  );
  await call(
    'POST /api/v1/sessions/{id}/amendments',
    owner.send('POST', `${V}/sessions/${s2.id}/amendments`, {
      basedOnVersion: 1,
      reason: 'Added the second pass',
      chart: aChart(f.productId, f.lotId),
    }),
    pid,
  );
  await call('GET /api/v1/sessions/{id}', owner.get(`${V}/sessions/${s2.id}`), pid);
  await call(
    'GET /api/v1/sessions/{id}/chart-versions',
    owner.get(`${V}/sessions/${s2.id}/chart-versions`),
    pid,
  );
  await call('GET /api/v1/patients/{id}/sessions', owner.get(`${V}/patients/${pid}/sessions`), pid);
  const after = await call(
    'POST /api/v1/sessions/{id}/photos',
    owner.send(
      'POST',
      `${V}/sessions/${s2.id}/photos?areaId=cheek&side=both&kind=after`,
      await jpegWithGps(64, 48),
      { 'content-type': 'image/jpeg' },
    ),
    pid,
  );
  await call('GET /api/v1/sessions/{id}/photos', owner.get(`${V}/sessions/${s2.id}/photos`), pid);
  await call('GET /api/v1/photos/{id}', owner.get(`${V}/photos/${after.id}`), pid);
  await binary('GET /api/v1/photos/{id}/image', owner.get(`${V}/photos/${after.id}/image`), pid);
  await binary('GET /api/v1/photos/{id}/thumbnail', owner.get(`${V}/photos/${after.id}/thumbnail`), pid);
  await binary(
    'GET /api/v1/photos/{id}/side-by-side',
    owner.get(`${V}/photos/${f.photoId}/side-by-side`),
    pid,
  );
  await call(
    'GET /api/v1/patients/{id}/photo-comparisons',
    owner.get(`${V}/patients/${pid}/photo-comparisons`),
    pid,
  );
  const ae = await call(
    'POST /api/v1/patients/{id}/adverse-events',
    owner.send('POST', `${V}/patients/${pid}/adverse-events`, anAdverseEvent()),
    pid,
  );
  await call(
    'GET /api/v1/patients/{id}/adverse-events',
    owner.get(`${V}/patients/${pid}/adverse-events`),
    pid,
  );
  await call('GET /api/v1/adverse-events', owner.get(`${V}/adverse-events`), pid);
  await call('GET /api/v1/adverse-events/{id}', owner.get(`${V}/adverse-events/${ae.id}`), pid);
  await call(
    'GET /api/v1/follow-up-tasks',
    owner.get(`${V}/follow-up-tasks?dueBefore=${Date.now() + 30 * DAY}`),
    pid,
  );
  await call(
    'POST /api/v1/adverse-events/{id}/updates',
    owner.send('POST', `${V}/adverse-events/${ae.id}/updates`, {
      basedOnVersion: 1,
      note: 'Settled',
      outcome: 'recovered',
      resolvedAt: Date.now(),
    }),
    pid,
  );
  const task = await call(
    'POST /api/v1/adverse-events/{id}/tasks',
    owner.send('POST', `${V}/adverse-events/${ae.id}/tasks`, {
      title: 'Phone at day 3',
      dueAt: Date.now() + 3 * DAY,
    }),
    pid,
  );
  await call(
    'POST /api/v1/follow-up-tasks/{id}/complete',
    owner.send('POST', `${V}/follow-up-tasks/${task.id}/complete`),
    pid,
  );
  await call(
    'GET /api/v1/adverse-events/{id}/medwatch',
    owner.get(`${V}/adverse-events/${f.adverseEventId}/medwatch`),
    pid,
  );
  await binary(
    'GET /api/v1/adverse-events/{id}/medwatch.pdf',
    owner.get(`${V}/adverse-events/${f.adverseEventId}/medwatch.pdf`),
    pid,
  );
  await call('GET /api/v1/alerts', owner.get(`${V}/alerts`), pid);
  await call('POST /api/v1/alerts/{id}/read', owner.send('POST', `${V}/alerts/${f.alertId}/read`), pid);
  await call('GET /api/v1/lots/{id}/recipients', owner.get(`${V}/lots/${f.lotId}/recipients`), pid);
  await binary('GET /api/v1/lots/{id}/recipients.csv', owner.get(`${V}/lots/${f.lotId}/recipients.csv`), pid);
  await call(
    'POST /api/v1/plans/{id}/outcomes',
    owner.send('POST', `${V}/plans/${f.planId}/outcomes`, {
      instrumentId: 'face-q',
      value: 40,
      timepoint: 'baseline',
      measuredAt: Date.now() - DAY,
    }),
    pid,
  );
  await call('GET /api/v1/plans/{id}/outcomes', owner.get(`${V}/plans/${f.planId}/outcomes`), pid);
  await call('GET /api/v1/plans/{id}/response', owner.get(`${V}/plans/${f.planId}/response`), pid);
  await call(
    'GET /api/v1/plans/{id}/questionnaires',
    owner.get(`${V}/plans/${f.planId}/questionnaires`),
    pid,
  );
  await call('GET /api/v1/maintenance-due', owner.get(`${V}/maintenance-due?withinDays=3650`), pid);
}
