import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/adverse-events/deliver-outbox';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aChart, created, testClock, treatablePlan } from '../helpers/records';
import { smtpSink } from '../helpers/smtp';

const V = '/api/v1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(engines)('adverse events on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let admin: Caller;
  let doctor: Caller;
  let portal: Caller;
  const time = testClock(Date.now());

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: time.clock });
    clinic = await seedClinic(t.db, 'Safety clinic');
    owner = await signIn(app, clinic.emails.owner);
    admin = await signIn(app, clinic.emails.admin);
    doctor = await signIn(app, clinic.emails.practitioner);
    portal = await signIn(app, clinic.emails.patient);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  async function treatedPatient(patientId?: string) {
    const p = await treatablePlan(owner, patientId ? { patientId } : {});
    const s = await created(doctor.send('POST', `${V}/plans/${p.planId}/check-in`, {}));
    await created(doctor.send('PUT', `${V}/sessions/${s.id}/chart`, { chart: aChart(p.productId, p.lotId) }));
    await created(doctor.send('POST', `${V}/sessions/${s.id}/sign`, { version: 1 }));
    // The session took place five days ago.
    await t.db.kysely
      .updateTable('treatment_sessions')
      .set({ checked_in_at: time.now() - 5 * DAY })
      .where('session_id', '=', s.id)
      .execute();
    return { ...p, sessionId: s.id };
  }

  it('links a mild event to the last session and its lot, alerts nobody, and flags it once it outlasts its course', async () => {
    const p = await treatedPatient();
    const res = await doctor.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
      typeId: 'swelling',
      description: 'Swelling of both cheeks',
      onsetAt: time.now() - 2 * HOUR,
      grade: 1,
      relation: 'probable',
    });
    expect(res.statusCode, res.body).toBe(201);
    const ae = res.json();
    expect(ae).toMatchObject({
      sessionIds: [p.sessionId],
      lotIds: [p.lotId],
      alerted: false,
      outlastsExpected: false,
      source: 'staff',
      type: { id: 'swelling', name: 'Swelling' },
    });
    expect(
      (await owner.get(`${V}/alerts`)).json().items.filter((a: { entityId: string }) => a.entityId === ae.id),
    ).toEqual([]);

    // Swelling usually settles within three days: one that began four days ago is flagged.
    const long = (
      await doctor.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
        typeId: 'swelling',
        description: 'Swelling of the left cheek that has not gone down',
        onsetAt: time.now() - 4 * DAY,
        grade: 1,
      })
    ).json();
    expect(long).toMatchObject({ sessionIds: [p.sessionId], outlastsExpected: true });
    const later = (await doctor.get(`${V}/adverse-events/${long.id}`)).json();
    expect(later.flags.map((f: { code: string }) => f.code)).toContain('outlasts-expected');
    const worklist = (await doctor.get(`${V}/adverse-events?overdueOnly=true`)).json().items;
    expect(worklist.map((w: { id: string }) => w.id)).toContain(long.id);
    expect(worklist.map((w: { id: string }) => w.id)).not.toContain(ae.id);

    const resolved = await doctor.send('POST', `${V}/adverse-events/${long.id}/updates`, {
      basedOnVersion: 1,
      note: 'Settled with cold compresses',
      outcome: 'recovered',
      resolvedAt: time.now() - HOUR,
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ version: 2, outcome: 'recovered' });
    const open = (await doctor.get(`${V}/adverse-events?overdueOnly=true`)).json().items;
    expect(open.map((w: { id: string }) => w.id)).not.toContain(long.id);
    const stale = await doctor.send('POST', `${V}/adverse-events/${long.id}/updates`, {
      basedOnVersion: 1,
      note: 'late note',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('grade 3 alerts every owner and admin at once, in the app and by real SMTP mail without the patient’s name', async () => {
    const p = await treatedPatient();
    const before = await t.db.kysely.selectFrom('mail_outbox').select('message_id').execute();
    const res = await doctor.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
      typeId: 'allergic-reaction',
      description: 'Facial angioedema an hour after treatment; admitted for observation',
      onsetAt: time.now() - HOUR,
      grade: 3,
      serious: true,
      seriousCriteria: ['hospitalization'],
      relation: 'possible',
      actions: ['Antihistamine', 'Referred to emergency'],
      followUps: [{ title: 'Call the patient tomorrow', dueAt: time.now() + 24 * HOUR }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const ae = res.json();
    expect(ae).toMatchObject({
      alerted: true,
      serious: true,
      followUps: [{ title: 'Call the patient tomorrow' }],
    });

    for (const [who, caller] of [
      ['owner', owner],
      ['admin', admin],
    ] as const) {
      const alerts = (await caller.get(`${V}/alerts?unreadOnly=true`)).json().items;
      const mine = alerts.filter((a: { entityId: string }) => a.entityId === ae.id);
      expect(mine, who).toHaveLength(1);
      expect(mine[0].title).toMatch(/Serious adverse event: Allergic reaction/);
    }
    expect((await doctor.get(`${V}/alerts`)).json().items).toEqual([]);

    const outbox = await t.db.kysely
      .selectFrom('mail_outbox')
      .selectAll()
      .where('entity_id', '=', ae.id)
      .execute();
    expect(outbox.map((m) => m.to_address).sort()).toEqual([clinic.emails.admin, clinic.emails.owner].sort());
    expect(before.length + 2).toBe(
      (await t.db.kysely.selectFrom('mail_outbox').select('message_id').execute()).length,
    );

    const sink = await smtpSink();
    try {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
      });
      const result = await deliverOutbox(t.db, transport, { from: 'alerts@clinic.example', now: time.now });
      expect(result.failed).toBe(0);
      const forThis = sink.received.filter((m) => m.raw.includes(ae.id));
      expect(forThis.map((m) => m.to[0]).sort()).toEqual([clinic.emails.admin, clinic.emails.owner].sort());
      for (const m of forThis) {
        expect(m.raw).toMatch(/Subject: \[Exoclinic\] Serious adverse event/);
        expect(m.raw).not.toContain('García');
      }
      const again = await deliverOutbox(t.db, transport, { from: 'alerts@clinic.example', now: time.now });
      expect(again).toEqual({ sent: 0, failed: 0 });
    } finally {
      await sink.close();
    }
  });

  it('an escalation alerts once; a patient reports their own event in the portal and no one else’s', async () => {
    const p = await treatedPatient(clinic.patientId);
    const mild = (
      await portal.send('POST', `${V}/patients/${clinic.patientId}/adverse-events`, {
        typeId: 'nodules',
        description: 'Small lumps under the skin of my cheek',
        onsetAt: time.now() - 3 * HOUR,
        grade: 1,
        relation: 'definite',
      })
    ).json();
    expect(mild).toMatchObject({ source: 'patient', relation: 'not-assessed', sessionIds: [p.sessionId] });
    const other = await treatablePlan(owner);
    const elsewhere = await portal.send('POST', `${V}/patients/${other.patientId}/adverse-events`, {
      typeId: 'nodules',
      description: 'x x x',
      onsetAt: time.now() - HOUR,
      grade: 1,
    });
    expect(elsewhere.statusCode).toBe(404);
    expect((await portal.get(`${V}/patients/${clinic.patientId}/adverse-events`)).json().items).toHaveLength(
      1,
    );
    expect((await portal.get(`${V}/adverse-events`)).statusCode).toBe(403);

    const count = async () =>
      (await t.db.kysely.selectFrom('alerts').select('alert_id').where('entity_id', '=', mild.id).execute())
        .length;
    expect(await count()).toBe(0);
    const up = await doctor.send('POST', `${V}/adverse-events/${mild.id}/updates`, {
      basedOnVersion: 1,
      note: 'Biopsy: granulomatous reaction; steroid injections started',
      grade: 3,
    });
    expect(up.json()).toMatchObject({ grade: 3, alerted: true, version: 2 });
    expect(await count()).toBe(2);
    await doctor.send('POST', `${V}/adverse-events/${mild.id}/updates`, {
      basedOnVersion: 2,
      note: 'Improving',
      grade: 3,
    });
    expect(await count()).toBe(2);
  });

  it('refuses onsets in the future and fatal outcomes that are not grade 5, naming the field', async () => {
    const p = await treatedPatient();
    const future = await doctor.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
      typeId: 'redness',
      description: 'Redness',
      onsetAt: time.now() + HOUR,
      grade: 1,
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0].path).toBe('body.onsetAt');
    const unknown = await doctor.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
      typeId: 'zombie',
      description: 'x',
      onsetAt: time.now(),
      grade: 9,
    });
    expect(unknown.statusCode).toBe(400);
    expect(
      unknown
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.description', 'body.grade', 'body.typeId']);
  });

  it('exports the MedWatch 3500 fields as JSON and as a PDF', async () => {
    const p = await treatedPatient();
    const ae = (
      await doctor.send('POST', `${V}/patients/${p.patientId}/adverse-events`, {
        typeId: 'delayed-granuloma',
        description: 'Firm nodules on both cheeks six weeks after the second session',
        onsetAt: time.now() - HOUR,
        grade: 2,
        relation: 'probable',
        actions: ['Intralesional triamcinolone'],
      })
    ).json();
    const json = (await doctor.get(`${V}/adverse-events/${ae.id}/medwatch`)).json();
    expect(json.form).toBe('FDA 3500');
    expect(json.A_patient).toMatchObject({ identifier: 'ZG', sex: 'female', dateOfBirth: '1985-04-12' });
    expect(json.B_adverseEvent).toMatchObject({
      eventType: 'Delayed granuloma',
      ctcaeGrade: 2,
      relation: 'probable',
    });
    expect(json.D_suspectProducts).toHaveLength(1);
    expect(json.D_suspectProducts[0]).toMatchObject({
      name: 'Cord-derived exosome serum',
      manufacturer: 'Example Biologics',
      route: 'topical-after-needling',
      diagnosisForUse: 'Skin rejuvenation',
    });
    expect(json.D_suspectProducts[0].lotNumber).toMatch(/^L-/);
    expect(json.E_suspectDevices[0]).toMatchObject({ name: 'Dermapen 4', settings: { needleDepthMm: 0.5 } });
    expect(JSON.stringify(json)).not.toContain('García');

    const pdf = await doctor.get(`${V}/adverse-events/${ae.id}/medwatch.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toContain('Delayed granuloma');
    // EXOCLINIC_KEEP_PDF=1 keeps the file to look at (pdftoppm -png it).
    if (process.env.EXOCLINIC_KEEP_PDF) {
      const dir = mkdtempSync(join(tmpdir(), 'medwatch-'));
      writeFileSync(join(dir, `medwatch-${engine}.pdf`), pdf.rawPayload);
      console.log(`MedWatch PDF kept at ${dir}`);
    }
    expect((await owner.get(`${V}/adverse-events/${ae.id}/medwatch`)).statusCode).toBe(200);
    const desk = await signIn(app, clinic.emails.front_desk);
    expect((await desk.get(`${V}/adverse-events/${ae.id}/medwatch`)).statusCode).toBe(403);
  });
});
