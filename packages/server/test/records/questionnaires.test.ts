import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aChart, created, testClock, treatablePlan } from '../helpers/records';

const V = '/api/v1';

interface Item {
  instrumentId: string;
  status: string;
  answer: { scoreId: string; value: number; measuredAt: number } | null;
}
interface Occasion {
  key: string;
  point: string;
  timepoint: string;
  sessionId: string | null;
  sessionIndex: number | null;
  from: string | null;
  until: string | null;
  items: Item[];
  sources: string[];
}
interface Due {
  planId: string;
  today: string;
  instruments: string[];
  occasions: Occasion[];
}

const statusOf = (o: Occasion | undefined) =>
  Object.fromEntries((o?.items ?? []).map((i) => [i.instrumentId, i.status]));

describe.each(engines)('the patient’s questionnaires and when they are due on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let doctor: Caller;
  let desk: Caller;
  let portal: Caller;
  // 14:00 UTC is 09:00 or 10:00 in the clinic's zone (New York): the clinic day is the UTC day.
  const time = testClock(Date.parse('2027-03-01T14:00:00Z'));

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: time.clock });
    clinic = await seedClinic(t.db, 'Questionnaire clinic');
    await signInAll();
  });
  /** Sign-ins expire when the clock moves on by days: everyone signs in again. */
  async function signInAll() {
    owner = await signIn(app, clinic.emails.owner);
    doctor = await signIn(app, clinic.emails.practitioner);
    desk = await signIn(app, clinic.emails.front_desk);
    portal = await signIn(app, clinic.emails.patient);
  }
  const moveOn = async (days: number) => {
    time.advanceDays(days);
    await signInAll();
  };
  const setTime = async (ms: number) => {
    time.set(ms);
    await signInAll();
  };
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  const due = async (caller: Caller, planId: string) => {
    const res = await caller.get(`${V}/plans/${planId}/questionnaires`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Due;
  };
  const giveSession = async (planId: string, productId: string, lotId: string) => {
    const s = await created(doctor.send('POST', `${V}/plans/${planId}/check-in`, {}));
    await created(doctor.send('PUT', `${V}/sessions/${s.id}/chart`, { chart: aChart(productId, lotId) }));
    return s.id;
  };

  it('offers the patient-rated instruments at the baseline, after each session given and at the milestones', async () => {
    await setTime(Date.parse('2027-03-01T14:00:00Z'));
    const p = await treatablePlan(owner, { patientId: clinic.patientId });
    const plan = (await owner.get(`${V}/plans/${p.planId}`)).json();
    const planned = plan.current.plan as {
      sessions: { date: string }[];
      followUps: { date: string }[];
    };

    // Before any session: the baseline is due (GAIS rates change, so only FACE-Q is asked), the
    // milestones are upcoming, and the clinician-rated scales of the indication are not offered.
    const first = await due(portal, p.planId);
    expect(first.today).toBe('2027-03-01');
    expect(first.instruments).toEqual(['gais-patient', 'face-q']);
    const baseline = first.occasions.find((o) => o.key === 'baseline')!;
    expect(baseline).toMatchObject({ point: 'baseline', timepoint: 'baseline', from: null, until: null });
    expect(statusOf(baseline)).toEqual({ 'face-q': 'due' });
    expect(baseline.sources).toContain('FACE-Q');
    expect(first.occasions.filter((o) => o.point === 'session')).toEqual([]);
    const end = first.occasions.find((o) => o.key === 'end-of-series')!;
    expect(end.from).toBe(planned.sessions.at(-1)!.date);
    expect(statusOf(end)).toEqual({ 'gais-patient': 'upcoming', 'face-q': 'upcoming' });
    expect(first.occasions.filter((o) => o.point === 'follow-up')).toHaveLength(planned.followUps.length);
    const offered = new Set(first.occasions.flatMap((o) => o.items.map((i) => i.instrumentId)));
    expect([...offered].sort()).toEqual(['face-q', 'gais-patient']);

    // The patient answers the baseline at home, before the first session.
    await created(
      portal.send('POST', `${V}/plans/${p.planId}/outcomes`, {
        instrumentId: 'face-q',
        value: 48,
        timepoint: 'baseline',
      }),
    );
    const s1 = await giveSession(p.planId, p.productId, p.lotId);
    await moveOn(2);
    const afterOne = await due(portal, p.planId);
    expect(afterOne.today).toBe('2027-03-03');
    const answered = afterOne.occasions.find((o) => o.key === 'baseline')!;
    expect(answered.until).toBe('2027-03-01');
    expect(answered.items[0]).toMatchObject({ status: 'answered', answer: { value: 48 } });
    const one = afterOne.occasions.find((o) => o.sessionId === s1)!;
    expect(one).toMatchObject({ point: 'session', timepoint: 'session', from: '2027-03-01', until: null });
    expect(statusOf(one)).toEqual({ 'gais-patient': 'due', 'face-q': 'due' });

    // GAIS after session 1, linked to the session.
    const gais = await created(
      portal.send('POST', `${V}/plans/${p.planId}/outcomes`, {
        instrumentId: 'gais-patient',
        value: 3,
        timepoint: 'session',
        sessionId: s1,
      }),
    );
    expect(statusOf((await due(portal, p.planId)).occasions.find((o) => o.sessionId === s1))).toEqual({
      'gais-patient': 'answered',
      'face-q': 'due',
    });

    // A month later the second session closes the first one's window: FACE-Q was missed there.
    await moveOn(28);
    const s2 = await giveSession(p.planId, p.productId, p.lotId);
    const afterTwo = await due(portal, p.planId);
    const closed = afterTwo.occasions.find((o) => o.sessionId === s1)!;
    expect(closed.until).toBe('2027-03-30');
    expect(closed.items).toEqual([
      {
        instrumentId: 'gais-patient',
        status: 'answered',
        answer: expect.objectContaining({ scoreId: gais.id }),
      },
      { instrumentId: 'face-q', status: 'missed', answer: null },
    ]);
    const two = afterTwo.occasions.find((o) => o.sessionId === s2)!;
    expect(two).toMatchObject({ from: '2027-03-31', until: null });
    expect(statusOf(two)).toEqual({ 'gais-patient': 'due', 'face-q': 'due' });
    // Occasions in the order they open, the baseline first.
    const froms = afterTwo.occasions.map((o) => o.from ?? '');
    expect(froms).toEqual([...froms].sort());
    expect(afterTwo.occasions[0]!.key).toBe('baseline');

    // Staff who read outcomes see the same; the read is audited.
    expect((await due(doctor, p.planId)).occasions).toEqual(afterTwo.occasions);
    const audit = (
      await owner.get(`${V}/audit?action=questionnaire.list&patientId=${clinic.patientId}`)
    ).json();
    expect(audit.items.length).toBeGreaterThanOrEqual(4);
  });

  it('keeps a patient to their own plans and follows the permission matrix', async () => {
    const other = await treatablePlan(owner);
    const res = await portal.get(`${V}/plans/${other.planId}/questionnaires`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    const front = await desk.get(`${V}/plans/${other.planId}/questionnaires`);
    expect(front.statusCode).toBe(403);
    const bad = await owner.get(`${V}/plans/not-an-id/questionnaires`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toMatch(/id/);
  });

  it('offers a knee course the patient’s pain and function scales only', async () => {
    await setTime(Date.parse('2027-03-01T14:00:00Z'));
    const p = await treatablePlan(owner, {
      profile: {
        indication: 'joint',
        modality: 'intra-articular-injection',
        severity: 'moderate',
        areaSize: 'medium',
        goal: 'moderate',
        chronicity: 'chronic',
        startDate: '2027-03-01',
        patient: {
          age: 64,
          sex: 'male',
          pregnant: false,
          breastfeeding: false,
          allergies: [],
          activeInfection: false,
          autoimmune: false,
          keloidHistory: false,
          fitzpatrick: 3,
          conditions: [],
        },
      },
    });
    const d = await due(owner, p.planId);
    expect(d.instruments).toEqual([
      'vas-pain',
      'womac-pain',
      'womac-stiffness',
      'womac-function',
      'koos-pain',
      'koos-adl',
    ]);
    // VAS and the others measure a state: all are asked at the baseline.
    expect(statusOf(d.occasions.find((o) => o.key === 'baseline'))).toEqual(
      Object.fromEntries(d.instruments.map((i) => [i, 'due'])),
    );
  });
});
