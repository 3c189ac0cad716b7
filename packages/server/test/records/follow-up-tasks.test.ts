import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { created, testClock, treatablePlan } from '../helpers/records';

const V = '/api/v1';
const DAY = 86_400_000;

interface TaskRow {
  id: string;
  patientId: string;
  patientName: string;
  title: string;
  dueAt: number;
  doneAt: number | null;
  overdue: boolean;
  adverseEvent: { typeId: string; typeName: string; grade: number };
}

describe.each(engines)('the follow-up task worklist on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let other: SeededClinic;
  let owner: Caller;
  let doctor: Caller;
  const time = testClock();

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: time.clock });
    clinic = await seedClinic(t.db, 'Task clinic');
    other = await seedClinic(t.db, 'Other clinic');
    owner = await signIn(app, clinic.emails.owner);
    doctor = await signIn(app, clinic.emails.practitioner);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  async function eventWithTasks(caller: Caller, tasks: { title: string; dueAt: number }[]) {
    const p = await treatablePlan(caller, { patient: { givenName: 'Tess', familyName: 'Tasker' } });
    const ae = await created(
      caller.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
        typeId: 'swelling',
        description: 'Swelling of both cheeks',
        onsetAt: time.now() - 2 * DAY,
        grade: 2,
        followUps: tasks,
      }),
    );
    return { ...p, adverseEventId: ae.id, tasks: ae.followUps as { id: string; title: string }[] };
  }

  it('lists open tasks soonest first with patient and event, flags the overdue, and filters by due date', async () => {
    const now = time.now();
    const e = await eventWithTasks(owner, [
      { title: 'Phone the patient', dueAt: now - DAY },
      { title: 'Review in clinic', dueAt: now + 7 * DAY },
      { title: 'Photo check', dueAt: now - 3 * DAY },
    ]);
    const done = e.tasks.find((x) => x.title === 'Photo check')!;
    await created(doctor.send('POST', `${V}/follow-up-tasks/${done.id}/complete`));

    const open = await doctor.get(`${V}/follow-up-tasks`);
    expect(open.statusCode, open.body).toBe(200);
    const items = open.json().items as TaskRow[];
    expect(items.map((i) => i.title)).toEqual(['Phone the patient', 'Review in clinic']);
    expect(items.map((i) => i.overdue)).toEqual([true, false]);
    expect(items[0]).toMatchObject({
      patientId: e.patientId,
      patientName: 'Tess Tasker',
      adverseEventId: e.adverseEventId,
      adverseEvent: { typeId: 'swelling', grade: 2 },
      doneAt: null,
    });
    expect(items[0]!.adverseEvent.typeName.length).toBeGreaterThan(3);

    const overdue = (await doctor.get(`${V}/follow-up-tasks?status=open&dueBefore=${now}`)).json();
    expect(overdue.items.map((i: TaskRow) => i.title)).toEqual(['Phone the patient']);
    expect(overdue.now).toBe(now);

    const doneOnes = (await doctor.get(`${V}/follow-up-tasks?status=done`)).json().items as TaskRow[];
    expect(doneOnes.map((i) => i.title)).toEqual(['Photo check']);
    expect(doneOnes[0]!.overdue).toBe(false);
    const all = (await doctor.get(`${V}/follow-up-tasks?status=all`)).json().items as TaskRow[];
    expect(all.map((i) => i.title)).toEqual(['Photo check', 'Phone the patient', 'Review in clinic']);
  });

  it('leaves one audit row naming every patient listed', async () => {
    const res = await owner.get(`${V}/follow-up-tasks`);
    expect(res.statusCode).toBe(200);
    const patients = [...new Set((res.json().items as TaskRow[]).map((i) => i.patientId))];
    expect(patients.length).toBeGreaterThan(0);
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe('follow_up_task.list');
    const detail = typeof rows[0]!.detail === 'string' ? JSON.parse(rows[0]!.detail) : rows[0]!.detail;
    expect(detail.patientIds.sort()).toEqual(patients.sort());
  });

  it('shows a clinic only its own tasks, refuses the front desk and names bad filters', async () => {
    const stranger = await signIn(app, other.emails.owner);
    expect((await stranger.get(`${V}/follow-up-tasks?status=all`)).json().items).toEqual([]);
    await eventWithTasks(stranger, [{ title: 'Call back', dueAt: time.now() - DAY }]);
    const theirs = (await stranger.get(`${V}/follow-up-tasks`)).json().items as TaskRow[];
    expect(theirs.map((i) => i.title)).toEqual(['Call back']);
    const ours = (await owner.get(`${V}/follow-up-tasks?status=all`)).json().items as TaskRow[];
    expect(ours.some((i) => i.title === 'Call back')).toBe(false);

    const desk = await signIn(app, clinic.emails.front_desk);
    expect((await desk.get(`${V}/follow-up-tasks`)).statusCode).toBe(403);

    const bad = await owner.get(`${V}/follow-up-tasks?status=late&dueBefore=soon`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = (bad.json().errors as { path: string }[]).map((e) => e.path).join(' ');
    expect(paths).toMatch(/status/);
    expect(paths).toMatch(/dueBefore/);
  });
});
