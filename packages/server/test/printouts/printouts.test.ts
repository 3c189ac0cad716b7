import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSource, type Plan } from '@exoclinic/core';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient, type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { aPriceList } from '../helpers/profiles';
import { aChart, created, testClock, treatablePlan } from '../helpers/records';
import { bookableSite } from '../helpers/scheduling';
import { drawnText, flat, hasPdftotext, popplerText } from './pdf-text';

const V = '/api/v1';
const HOUR = 3_600_000;

/** A day as the (en-US) clinic writes it in its printouts. */
const day = (d: string) =>
  new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(Date.parse(`${d}T00:00:00Z`));
const dateTime = (ms: number) =>
  new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'America/New_York',
  }).format(ms);
/** `[S1, S3]` as printed: the keys glued to the number before them. */
const keys = (sources: string[]) => `[${[...new Set(sources)].join(', ')}]`;

describe.each(engines)('printable plan and aftercare on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let other: SeededClinic;
  let owner: Caller;
  let desk: Caller;
  let portal: Caller;
  let otherOwner: Caller;
  /** Patient B of the same clinic: a plan, no session. */
  let patientB: string;
  let sessionAt: number;
  let lotNumber: string;
  const time = testClock(Date.parse('2027-02-15T15:00:00Z'));
  const kept = process.env.EXOCLINIC_KEEP_PDF ? mkdtempSync(join(tmpdir(), 'printouts-')) : null;
  const keep = (name: string, res: LightMyRequestResponse) => {
    if (kept) writeFileSync(join(kept, `${name}-${engine}.pdf`), res.rawPayload);
  };

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: time.clock });
    clinic = await seedClinic(t.db, 'Harbour Skin Clinic');
    other = await seedClinic(t.db, 'Other Clinic');
    owner = await signIn(app, clinic.emails.owner);
    desk = await signIn(app, clinic.emails.front_desk);
    await created(owner.send('PATCH', `${V}/clinic`, { phone: '+1 555 010 7788' }, { 'if-match': '"1"' }));

    // The portal patient: accepted plan with consent, the course booked, a quote, session 1 charted.
    const site = await bookableSite(app, owner, {
      locationId: clinic.locationId,
      practitionerEmail: clinic.emails.practitioner,
    });
    const p = await treatablePlan(owner, { patientId: clinic.patientId });
    const course = await created(
      owner.send('POST', `${V}/plans/${p.planId}/course`, {
        earliest: '2027-03-01',
        locationId: site.locationId,
      }),
    );
    await created(owner.send('POST', `${V}/plans/${p.planId}/quotes`, { priceListId: await priceList() }));
    const first = (course.appointments as { id: string; sessionIndex: number; start: number }[]).find(
      (a) => a.sessionIndex === 1,
    )!;
    time.set(first.start + 5 * 60_000);
    // Two weeks on, the sign-ins of the booking day have expired.
    owner = await signIn(app, clinic.emails.owner);
    desk = await signIn(app, clinic.emails.front_desk);
    portal = await signIn(app, clinic.emails.patient);
    otherOwner = await signIn(app, other.emails.owner);
    const session = await created(
      owner.send('POST', `${V}/plans/${p.planId}/check-in`, { appointmentId: first.id }),
    );
    sessionAt = session.checkedInAt as number;
    await created(
      owner.send('PUT', `${V}/sessions/${session.id}/chart`, { chart: aChart(p.productId, p.lotId) }),
    );
    await created(owner.send('POST', `${V}/sessions/${session.id}/sign`, { version: 1 }));
    const lots = (await owner.get(`${V}/products/${p.productId}/lots`)).json().items as {
      id: string;
      lotNumber: string;
    }[];
    lotNumber = lots.find((l) => l.id === p.lotId)!.lotNumber;

    patientB = (await treatablePlan(owner, { patient: { givenName: 'Bea', familyName: 'Other' } })).patientId;
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
    if (kept) console.log(`printout PDFs kept in ${kept}`);
  });

  async function priceList(): Promise<string> {
    return (await created(owner.send('POST', `${V}/price-lists`, aPriceList()))).id;
  }

  async function auditRows(res: LightMyRequestResponse) {
    return t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .execute();
  }

  async function currentPlan(patientId: string): Promise<Plan> {
    return (await owner.get(`${V}/patients/${patientId}/current-plan`)).json().current.plan as Plan;
  }

  it('prints the plan: a PDF whose text gives every figure with its source keys, the regulatory box and the sources', async () => {
    const res = await owner.get(`${V}/patients/${clinic.patientId}/plan.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="plan-portal-patient-v1.pdf"');
    keep('plan', res);
    const doc = await PDFDocument.load(res.rawPayload);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe('Treatment plan: Portal Patient');

    const plan = await currentPlan(clinic.patientId);
    const text = flat(await drawnText(res.rawPayload));
    const s = plan.initialSeries;
    expect(text).toContain('Harbour Skin Clinic');
    expect(text).toContain('Treatment plan for Portal Patient');
    // The series, its spacing, session length: each number followed by its keys.
    expect(text).toContain(`${s.sessions} sessions ${keys(s.sources)}`);
    expect(text).toContain(`the protocol allows ${s.range.min}–${s.range.max} ${keys(s.sources)}`);
    expect(text).toContain(`about ${s.intervalDays.target} days ${keys(s.intervalDays.sources)}`);
    expect(text).toContain(
      `at least ${s.intervalDays.min} and at most ${s.intervalDays.max} days ${keys(s.intervalDays.sources)}`,
    );
    expect(text).toContain(
      `about ${plan.sessionMinutes.min}–${plan.sessionMinutes.max} minutes ${keys(plan.sessionMinutes.sources)}`,
    );
    // Every planned session, with the booked appointment.
    for (const x of plan.sessions)
      expect(text).toContain(`${x.index} of ${plan.sessions.length} ${day(x.date)}`);
    expect(text.match(/booked for /g)?.length).toBeGreaterThanOrEqual(plan.sessions.length);
    // Maintenance window and the safety review.
    const m = plan.maintenance!;
    expect(text).toContain(
      `every ${m.intervalDays.min}–${m.intervalDays.max} days (about 6–12 months) ${keys(m.intervalDays.sources)}`,
    );
    expect(text).toContain(`around ${day(m.firstDue.target)}`);
    const safety = plan.followUps.find((f) => f.kind === 'safety-review')!;
    expect(text).toContain(`Safety review`);
    expect(text).toContain(`${day(safety.date)} ${keys(safety.sources)}`);
    // Milestones, the drawn curve's model, the quote.
    for (const ms of plan.milestones) {
      expect(text).toContain(`${ms.weeks.min}–${ms.weeks.max} weeks after`);
      expect(text).toContain(`${keys(ms.sources)}: about ${day(ms.dates.from)} to ${day(ms.dates.to)}`);
    }
    expect(text).toContain(`about ${plan.responseModel.peakWeeks} weeks later`);
    expect(text).toContain('weeks from the first session');
    // The clinic's own price has its price list as source; the totals are derived by rule.
    expect(text).toContain('Per session $950.00 (the clinic’s price list)');
    expect(text).toMatch(/Initial series 4 sessions \[EXOCLINIC-MODEL\]: \$3,800\.00 \[EXOCLINIC-MODEL\]/);
    // The regulatory box: the product's status and the FDA statement, results vary, evidence limited.
    expect(text).toContain('Regulatory status');
    expect(text).toMatch(/The FDA has not approved any exosome product[^[]*\[FDA-PSN-2019\]/);
    expect(text).toMatch(/recorded as not registered with the regulator[^[]*\[FDA-PSN-2019\]/);
    expect(text).toContain('Results vary');
    expect(text).toContain('Evidence is limited');
    expect(text).toContain(`not standardised. ${keys(['SHD-2024'])}`);
    // The sources list names every key cited, with its title.
    const list = text.slice(text.lastIndexOf('Sources'));
    for (const key of ['S1', 'S3', 'FDA-PSN-2019', 'SHD-2024', 'EXO-AE-REPORTS', 'EXOCLINIC-MODEL']) {
      expect(list).toContain(`${key} ${findSource(key)!.title}`);
    }
    // Nothing the fonts cannot show slipped through as '?'.
    expect(text).not.toContain('?');
    if (hasPdftotext) {
      const seen = flat(popplerText(res.rawPayload));
      expect(seen).toContain('The FDA has not approved any exosome product');
      expect(seen).toContain(`${s.sessions} sessions ${keys(s.sources)}`);
    }

    const rows = await auditRows(res);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'plan-printout.read',
      patient_id: clinic.patientId,
      entity: 'plan',
      tenant_id: clinic.tenantId,
    });
  });

  it('prints aftercare for the last session: each phase with the time it ends, what to report and how, sourced', async () => {
    const res = await portal.get(`${V}/patients/${clinic.patientId}/aftercare.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(
      /^inline; filename="aftercare-portal-patient-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    keep('aftercare', res);
    const doc = await PDFDocument.load(res.rawPayload);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    const text = flat(await drawnText(res.rawPayload));
    expect(text).toContain(`Aftercare after your session on`);
    expect(text).toContain(dateTime(sessionAt));
    // Phases end at the session's time plus 24 h, 72 h and the 7-day skincare window.
    expect(text).toContain(
      `For 24 hours after the session [EXOCLINIC-MODEL]: until ${dateTime(sessionAt + 24 * HOUR)}`,
    );
    expect(text).toContain(`For 3 days after the session [S4]: until ${dateTime(sessionAt + 72 * HOUR)}`);
    expect(text).toContain(
      `For 7 days after the session [S4, EXOCLINIC-MODEL]: until ${dateTime(sessionAt + 168 * HOUR)}`,
    );
    expect(text).toContain('Leave the treated skin alone: do not touch or rub it. [S4]');
    expect(text).toContain('broad-spectrum SPF 30 or higher. [S4]');
    // What to report, and how: the clinic's phone, the portal, the lot given, MedWatch (a US clinic).
    expect(text).toContain(`Redness up to 3 days ${dateTime(sessionAt + 72 * HOUR)} S3, S4, MN-SAFETY`);
    expect(text).toMatch(/appear 14 to 90 days after treatment \[EXO-AE-REPORTS\]/);
    expect(text).toContain('phone +1 555 010 7788');
    expect(text).toContain('Report a side effect');
    expect(text).toContain(`lot ${lotNumber}`);
    expect(text).toContain('MedWatch programme [FDA-MEDWATCH]');
    const list = text.slice(text.lastIndexOf('Sources'));
    for (const key of ['S4', 'S3', 'EXO-AE-REPORTS', 'FDA-MEDWATCH']) {
      expect(list).toContain(`${key} ${findSource(key)!.title}`);
    }
    expect(text).not.toContain('?');

    const rows = await auditRows(res);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'aftercare-printout.read',
      patient_id: clinic.patientId,
      actor_role: 'patient',
      entity: 'session',
    });
  });

  it('lets a portal patient print their own plan only: another patient’s is not found, and no audit row is left', async () => {
    expect((await portal.get(`${V}/patients/${clinic.patientId}/plan.pdf`)).statusCode).toBe(200);
    for (const kind of ['plan', 'aftercare']) {
      const res = await portal.get(`${V}/patients/${patientB}/${kind}.pdf`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await auditRows(res)).toHaveLength(0);
    }
    // Staff print any patient of their clinic, the front desk included.
    expect((await desk.get(`${V}/patients/${patientB}/plan.pdf`)).statusCode).toBe(200);
  });

  it('answers 404 to another clinic for both PDFs, as if the patient did not exist', async () => {
    for (const kind of ['plan', 'aftercare']) {
      const res = await otherOwner.get(`${V}/patients/${clinic.patientId}/${kind}.pdf`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ title: 'Not found', detail: 'patient was not found' });
      expect(await auditRows(res)).toHaveLength(0);
    }
  });

  it('answers 404 problem+json when there is no plan yet, or no treated session yet', async () => {
    const fresh = await created(owner.send('POST', `${V}/patients`, aPatient({ givenName: 'New' })));
    const noPlan = await owner.get(`${V}/patients/${fresh.id}/plan.pdf`);
    expect(noPlan.statusCode).toBe(404);
    expect(noPlan.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(noPlan.json()).toMatchObject({ status: 404, detail: 'current plan was not found' });
    const noSession = await owner.get(`${V}/patients/${patientB}/aftercare.pdf`);
    expect(noSession.statusCode).toBe(404);
    expect(noSession.json()).toMatchObject({ status: 404, detail: 'treated session was not found' });
    expect(await auditRows(noSession)).toHaveLength(0);
  });

  it('describes both answers in the OpenAPI document as application/pdf files', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    for (const path of ['/api/v1/patients/{id}/plan.pdf', '/api/v1/patients/{id}/aftercare.pdf']) {
      const ok = doc.paths[path].get.responses['200'];
      expect(ok.content['application/pdf'].schema).toMatchObject({ type: 'string', format: 'binary' });
    }
  });
});
