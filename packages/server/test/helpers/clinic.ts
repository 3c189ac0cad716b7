import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { hashPassword, type ScryptParams } from '../../src/auth/passwords';
import { ROLES, type Role } from '../../src/auth/permissions';
import type { Db } from '../../src/db/connect';
import { withTenant } from '../../src/db/tenant';
import { type AppOptions, buildApp } from '../../src/http/app';
import { newId, type TenantId } from '../../src/shared/ids';
import { createTenant } from '../../src/tenants/create-tenant';
import { insertUser } from '../../src/users/insert-user';
import { strictSerializerCompiler } from './strict-answers';

/** Cheap scrypt for tests only: the production cost is checked in its own test. */
export const TEST_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';

export interface SeededClinic {
  tenantId: TenantId;
  name: string;
  locationId: string;
  patientId: string;
  emails: Record<Role, string>;
}

let counter = 0;

/** A clinic with one location, one patient, and one user of every role (the patient's portal account). */
export async function seedClinic(db: Db, name: string): Promise<SeededClinic> {
  const now = Date.now();
  const tenantId = await createTenant(
    db,
    { name, jurisdiction: 'US', currency: 'USD', timeZone: 'America/New_York' },
    now,
  );
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  const tag = `${++counter}-${newId().slice(-8)}`;
  const emails = Object.fromEntries(ROLES.map((r) => [r, `${r}.${tag}@example.org`])) as Record<Role, string>;
  const ids = await withTenant(db, tenantId, async (tx) => {
    const locationId = newId();
    await tx
      .insertInto('locations')
      .values({
        tenant_id: tenantId,
        location_id: locationId,
        name: 'Main',
        time_zone: 'America/New_York',
        address: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const patientId = newId();
    await tx
      .insertInto('patients')
      .values({
        tenant_id: tenantId,
        patient_id: patientId,
        given_name: 'Portal',
        family_name: 'Patient',
        sort_name: 'patient portal',
        search_name: 'portal patient',
        date_of_birth: '1980-01-01',
        sex: 'female',
        phone: null,
        phone_digits: null,
        email: null,
        email_lower: null,
        address: null,
        version: 1,
        created_at: now,
        updated_at: now,
        created_by: 'seed',
      })
      .execute();
    for (const role of ROLES) {
      await insertUser(
        tx,
        tenantId,
        {
          email: emails[role],
          displayName: `${role} of ${name}`,
          role,
          passwordHash: hash,
          patientId: role === 'patient' ? patientId : null,
        },
        now,
      );
    }
    return { locationId, patientId };
  });
  return { tenantId, name, emails, ...ids };
}

export async function testApp(db: Db, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const app = await buildApp({
    db,
    scrypt: TEST_SCRYPT,
    loginRateLimit: { max: 10_000, timeWindowMs: 60_000 },
    // Photos go to a temporary folder, never the working directory.
    dataDir: mkdtempSync(join(tmpdir(), 'exoclinic-data-')),
    // An answer its response schema would change (a field dropped) fails loudly: 500, route, paths.
    serializerCompiler: strictSerializerCompiler,
    ...options,
  });
  await app.ready();
  return app;
}

export interface Caller {
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export function inject(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject(options);
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Caller> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'exo_session');
  if (!cookie) throw new Error('no session cookie');
  const csrf = res.json().csrfToken as string;
  const cookieHeader = `exo_session=${cookie.value}`;
  return {
    cookie: cookieHeader,
    csrf,
    get: (url, headers = {}) =>
      inject(app, { method: 'GET', url, headers: { cookie: cookieHeader, ...headers } }),
    send: (method, url, body, headers = {}) =>
      inject(app, {
        method,
        url,
        headers: { cookie: cookieHeader, 'x-csrf-token': csrf, ...headers },
        ...(body !== undefined && { payload: body as object }),
      }),
  };
}

export const aPatient = (over: Record<string, unknown> = {}) => ({
  givenName: 'Zoë',
  familyName: 'García Márquez',
  dateOfBirth: '1985-04-12',
  sex: 'female',
  phone: '+1 (555) 010-2030',
  email: 'zoe.garcia@example.org',
  ...over,
});
