import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/adverse-events/deliver-outbox';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aChart, created, testClock, treatablePlan } from '../helpers/records';
import { smtpSink } from '../helpers/smtp';

// An adverse event's history (the report and each follow-up: who, when, the note, what changed,
// the event as it then stood) is read with the event, and a safety alert mail links to the
// event's page in the staff web app under the clinic's public address, not to the JSON API.

const V = '/api/v1';
const HOUR = 3_600_000;
const MINUTE = 60_000;
const BASE = 'https://staff.clinic.example';

/** A mail's text as its reader sees it: quoted-printable undone. */
const readable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

describe.each(engines)('adverse-event history and alert links on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let doctor: Caller;
  let portal: Caller;
  const time = testClock(Date.now());

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    // A trailing slash on the configured address must not double the slash in links.
    app = await testApp(t.db, { clock: time.clock, publicBaseUrl: `${BASE}/` });
    clinic = await seedClinic(t.db, 'History clinic');
    owner = await signIn(app, clinic.emails.owner);
    doctor = await signIn(app, clinic.emails.practitioner);
    portal = await signIn(app, clinic.emails.patient);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  async function treated(patientId?: string) {
    const p = await treatablePlan(owner, patientId ? { patientId } : {});
    const s = await created(doctor.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
    await created(doctor.send('PUT', `${V}/sessions/${s.id}/chart`, { chart: aChart(p.productId, p.lotId) }));
    return p;
  }

  it('keeps the report and every follow-up, replayed as the event then stood, in the event’s answer', async () => {
    await treated(clinic.patientId);
    // The patient reports in the portal; the relation they give is left for the clinic to assess.
    const reported = await created(
      portal.send('POST', `${V}/patients/${clinic.patientId}/adverse-events`, {
        typeId: 'redness',
        description: 'Red patches on both cheeks since this morning',
        onsetAt: time.now() - 3 * HOUR,
        grade: 1,
        relation: 'definite',
      }),
    );
    time.set(time.now() + HOUR);
    const v2 = await doctor.send('POST', `${V}/adverse-events/${reported.id}/updates`, {
      basedOnVersion: 1,
      note: 'Seen in clinic: worse than described, probably from the treatment',
      grade: 2,
      relation: 'probable',
      actions: ['Cold compress'],
    });
    expect(v2.statusCode, v2.body).toBe(200);
    // The follow-up answers the event with its history too.
    expect(v2.json().updates.map((u: { version: number }) => u.version)).toEqual([1, 2]);
    time.set(time.now() + HOUR);
    // A note alone, and a field sent with the value it already has: nothing changed.
    await created(
      doctor.send('POST', `${V}/adverse-events/${reported.id}/updates`, {
        basedOnVersion: 2,
        note: 'Phoned the patient: settling',
        relation: 'probable',
      }),
    );
    time.set(time.now() + HOUR);
    const resolvedAt = time.now() - 5 * MINUTE;
    await created(
      doctor.send('POST', `${V}/adverse-events/${reported.id}/updates`, {
        basedOnVersion: 3,
        note: 'Gone',
        outcome: 'recovered',
        resolvedAt,
      }),
    );

    const res = await doctor.get(`${V}/adverse-events/${reported.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const event = res.json();
    const patientUser = await t.db.kysely
      .selectFrom('users')
      .select(['user_id', 'display_name'])
      .where('email', '=', clinic.emails.patient)
      .executeTakeFirstOrThrow();
    const doctorUser = await t.db.kysely
      .selectFrom('users')
      .select(['user_id', 'display_name'])
      .where('email', '=', clinic.emails.practitioner)
      .executeTakeFirstOrThrow();
    const first = {
      grade: 1,
      serious: false,
      seriousCriteria: [],
      relation: 'not-assessed',
      actions: [],
      outcome: 'ongoing',
      resolvedAt: null,
    };
    const second = { ...first, grade: 2, relation: 'probable', actions: ['Cold compress'] };
    const last = { ...second, outcome: 'recovered', resolvedAt };
    expect(event.updates).toEqual([
      {
        version: 1,
        kind: 'reported',
        at: reported.createdAt,
        by: { userId: patientUser.user_id, name: patientUser.display_name },
        note: null,
        changed: [],
        state: first,
      },
      {
        version: 2,
        kind: 'follow-up',
        at: (reported.createdAt as number) + HOUR,
        by: { userId: doctorUser.user_id, name: doctorUser.display_name },
        note: 'Seen in clinic: worse than described, probably from the treatment',
        changed: ['grade', 'relation', 'actions'],
        state: second,
      },
      expect.objectContaining({
        version: 3,
        note: 'Phoned the patient: settling',
        changed: [],
        state: second,
      }),
      expect.objectContaining({ version: 4, note: 'Gone', changed: ['outcome', 'resolvedAt'], state: last }),
    ]);
    // The last version is the event as it stands.
    expect(event).toMatchObject({ version: 4, ...last });

    // Read like any other patient record: one audit row naming the patient.
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'patient_id', 'entity_id'])
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .execute();
    expect(audit).toEqual([
      { action: 'adverse_event.read', patient_id: clinic.patientId, entity_id: reported.id },
    ]);
    // The patient's list stays without the history (one query per list, not per event).
    const list = (await doctor.get(`${V}/patients/${clinic.patientId}/adverse-events`)).json().items;
    expect(list.find((e: { id: string }) => e.id === reported.id)).not.toHaveProperty('updates');
  });

  it('links alert mails to the event’s staff web page under the public address', async () => {
    const p = await treated();
    const serious = await created(
      doctor.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
        typeId: 'allergic-reaction',
        description: 'Facial angioedema an hour after treatment',
        onsetAt: time.now() - HOUR,
        grade: 3,
        serious: true,
        seriousCriteria: ['required-intervention'],
      }),
    );
    const mild = await created(
      doctor.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
        typeId: 'swelling',
        description: 'Swelling of the left cheek',
        onsetAt: time.now() - HOUR,
        grade: 1,
      }),
    );
    // An escalation to grade 3 alerts then, with the same kind of link.
    await created(
      doctor.send('POST', `${V}/adverse-events/${mild.id}/updates`, {
        basedOnVersion: 1,
        note: 'Now closing the eye',
        grade: 3,
      }),
    );

    const sink = await smtpSink();
    try {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
      });
      const sent = await deliverOutbox(t.db, transport, { from: 'alerts@clinic.example', now: time.now });
      expect(sent.failed).toBe(0);
      for (const id of [serious.id, mild.id]) {
        const page = `${BASE}/patients/${p.patientId}?tab=adverse-events&ae=${id}`;
        const mails = sink.received
          .map((m) => ({ ...m, text: readable(m.raw) }))
          .filter((m) => m.text.includes(id));
        expect(mails.map((m) => m.to[0]).sort(), id).toEqual(
          [clinic.emails.admin, clinic.emails.owner].sort(),
        );
        for (const m of mails) {
          // The whole address on its own line, nothing appended.
          expect(m.text).toMatch(
            new RegExp(`Open it in Exoclinic: ${page.replace(/[.?&]/g, '\\$&')}\\r?\\n`),
          );
          expect(m.text).not.toContain('/api/v1/');
          expect(m.text).not.toContain('García');
        }
      }
    } finally {
      await sink.close();
    }
  });
});
