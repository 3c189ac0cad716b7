import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/auth/permissions';
import { DEFAULT_CONSENT_TEMPLATE } from '../../src/consents/fill-template';
import { aPatient, type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { coverInvitationAudit } from '../helpers/invitation-routes';
import { aPriceList, skinProfile } from '../helpers/profiles';
import { coverRecordRoutes } from '../helpers/records-routes';
import { openApiPath } from '../helpers/routes';
import { coverSchedulingAudit } from '../helpers/scheduling-routes';
import { coverPrintoutRoutes } from '../printouts/cover-printouts';

describe.each(engines)('audit completeness on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let owner: Caller;
  let portal: Caller;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Audit clinic');
    owner = await signIn(app, clinic.emails.owner);
    portal = await signIn(app, clinic.emails.patient);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('every route that touches patient data leaves an audit row naming the patient, in the same request', async () => {
    const covered = new Set<string>();
    const call = async (
      key: string,
      res: Promise<LightMyRequestResponse>,
      expected: string | ((body: { id: string }) => string),
    ): Promise<Record<string, unknown> & { id: string }> => {
      const r = await res;
      const body = r.body ? r.json() : { id: '' };
      const patientId = typeof expected === 'string' ? expected : expected(body);
      expect(r.statusCode, `${key}: ${r.body}`).toBeLessThan(300);
      const requestId = r.headers['x-request-id'] as string;
      const rows = await t.db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('request_id', '=', requestId)
        .execute();
      expect(rows.length, key).toBe(1);
      const row = rows[0]!;
      const detail = typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail;
      // A search names its patients in the detail; everything else names the one patient.
      if (row.patient_id === null) expect(detail.patientIds, key).toContain(patientId);
      else expect(row.patient_id, key).toBe(patientId);
      expect(row).toMatchObject({ tenant_id: clinic.tenantId, ip: '127.0.0.1' });
      expect(row.actor_user_id).toBeTruthy();
      covered.add(key);
      return body;
    };
    const V = '/api/v1';
    const priceListId = (await owner.send('POST', `${V}/price-lists`, aPriceList())).json().id;
    const templateId = (await owner.send('POST', `${V}/consent-templates`, DEFAULT_CONSENT_TEMPLATE)).json()
      .id;

    const p = await call(
      'POST /api/v1/patients',
      owner.send('POST', `${V}/patients`, aPatient({ givenName: 'Audit' })),
      (b) => b.id,
    );
    const pid = p.id;
    await call('GET /api/v1/patients', owner.get(`${V}/patients?q=audit`), pid);
    await call('GET /api/v1/patients/{id}', owner.get(`${V}/patients/${pid}`), pid);
    await call(
      'PATCH /api/v1/patients/{id}',
      owner.send('PATCH', `${V}/patients/${pid}`, { address: 'x' }, { 'if-match': '"1"' }),
      pid,
    );
    const c = await call(
      'POST /api/v1/patients/{id}/consultations',
      owner.send('POST', `${V}/patients/${pid}/consultations`, { profile: skinProfile() }),
      pid,
    );
    await call(
      'GET /api/v1/patients/{id}/consultations',
      owner.get(`${V}/patients/${pid}/consultations`),
      pid,
    );
    await call('GET /api/v1/consultations/{id}', owner.get(`${V}/consultations/${c.id}`), pid);
    const plan = await call(
      'POST /api/v1/consultations/{id}/plans',
      owner.send('POST', `${V}/consultations/${c.id}/plans`, {}),
      pid,
    );
    await call('GET /api/v1/plans/{id}', owner.get(`${V}/plans/${plan.id}`), pid);
    await call('GET /api/v1/plans/{id}/versions', owner.get(`${V}/plans/${plan.id}/versions`), pid);
    await call(
      'POST /api/v1/plans/{id}/versions',
      owner.send('POST', `${V}/plans/${plan.id}/versions`, {
        basedOnVersion: 1,
        reason: 'Start a month later, travel',
        startDate: '2027-04-01',
      }),
      pid,
    );
    await call(
      'POST /api/v1/plans/{id}/accept',
      owner.send('POST', `${V}/plans/${plan.id}/accept`, { version: 2 }),
      pid,
    );
    await call('GET /api/v1/patients/{id}/plans', owner.get(`${V}/patients/${pid}/plans`), pid);
    await call('GET /api/v1/patients/{id}/current-plan', owner.get(`${V}/patients/${pid}/current-plan`), pid);
    const q = await call(
      'POST /api/v1/plans/{id}/quotes',
      owner.send('POST', `${V}/plans/${plan.id}/quotes`, { priceListId }),
      pid,
    );
    await call('GET /api/v1/plans/{id}/quotes', owner.get(`${V}/plans/${plan.id}/quotes`), pid);
    await call('GET /api/v1/quotes/{id}', owner.get(`${V}/quotes/${q.id}`), pid);
    const consent = await call(
      'POST /api/v1/plans/{id}/consents',
      owner.send('POST', `${V}/plans/${plan.id}/consents`, { templateId }),
      pid,
    );
    await call('GET /api/v1/plans/{id}/consents', owner.get(`${V}/plans/${plan.id}/consents`), pid);
    await call('GET /api/v1/consents/{id}', owner.get(`${V}/consents/${consent.id}`), pid);

    // The portal patient signs their own consent; staff witness it.
    const own = clinic.patientId;
    const c2 = (
      await owner.send('POST', `${V}/patients/${own}/consultations`, { profile: skinProfile() })
    ).json();
    const plan2 = (await owner.send('POST', `${V}/consultations/${c2.id}/plans`, {})).json();
    const consent2 = (await owner.send('POST', `${V}/plans/${plan2.id}/consents`, { templateId })).json();
    await call(
      'POST /api/v1/consents/{id}/sign',
      portal.send('POST', `${V}/consents/${consent2.id}/sign`, { typedName: 'Portal Patient' }),
      own,
    );
    await call(
      'POST /api/v1/consents/{id}/witness',
      owner.send('POST', `${V}/consents/${consent2.id}/witness`),
      own,
    );
    await call(
      'POST /api/v1/plans/{id}/withdraw',
      owner.send('POST', `${V}/plans/${plan2.id}/withdraw`, { reason: 'The patient chose another clinic' }),
      own,
    );

    await coverRecordRoutes({ db: t.db, call, covered, owner });

    await coverSchedulingAudit(app, clinic, owner, call);

    await coverPrintoutRoutes({ db: t.db, covered, owner });

    await coverInvitationAudit(owner, call);

    const patientRoutes = app.exo.routes
      .filter((r) => r.permission !== null && PERMISSIONS[r.permission].patientData)
      .map((r) => `${r.method} ${openApiPath(r.url)}`);
    expect(patientRoutes.length).toBeGreaterThan(15);
    expect(patientRoutes.filter((k) => !covered.has(k))).toEqual([]);
  });
});
