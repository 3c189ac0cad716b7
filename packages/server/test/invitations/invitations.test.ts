import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailDelivery } from '../../src/adverse-events/start-mail-delivery';
import { aPatient, type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { smtpSink } from '../helpers/smtp';

// Invitation links end to end on each engine: the mail goes out through a real SMTP server, the
// link is read from the mail as the invitee would, and the invitee chooses a password and is
// signed in. Used, expired, replaced and foreign links are refused; only the hash is stored.

const BASE = 'https://portal.clinic.example';
const V = '/api/v1';
const DAY = 86_400_000;

describe.each(engines)('invitation links on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let other: SeededClinic;
  let owner: Caller;
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let stopMail: () => Promise<void>;
  const stamp = `${engine}.${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { publicBaseUrl: BASE });
    clinic = await seedClinic(t.db, 'Invitation clinic');
    other = await seedClinic(t.db, 'Other clinic');
    owner = await signIn(app, clinic.emails.owner);
    sink = await smtpSink();
    stopMail = startMailDelivery(t.db, {
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      from: 'clinic@clinic.example',
      everyMs: 50,
      now: Date.now,
    });
  });
  afterAll(async () => {
    await stopMail?.();
    await sink?.close();
    await app?.close();
    await t?.drop();
  });

  /** The link in the newest mail to `to`, as the invitee's mail program shows it. */
  async function linkMailedTo(to: string, after = 0): Promise<{ token: string; raw: string }> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const mails = sink.received.filter((m) => m.to.includes(to));
      if (mails.length > after) {
        const raw = mails[mails.length - 1]!.raw;
        const m = /https:\/\/portal\.clinic\.example\/invite\/(\S+)/.exec(raw);
        expect(m, raw).not.toBeNull();
        return { token: decodeURIComponent(m![1]!), raw };
      }
      if (Date.now() > deadline) throw new Error(`no invitation mail to ${to}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const mailsTo = (to: string) => sink.received.filter((m) => m.to.includes(to)).length;

  async function newPatient(email: string | null): Promise<string> {
    const res = await owner.send(
      'POST',
      `${V}/patients`,
      aPatient({ email, givenName: 'Ada', familyName: 'Quist' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  const accept = (token: string, password: string) =>
    app.inject({
      method: 'POST',
      url: `${V}/invitations/${encodeURIComponent(token)}/accept`,
      payload: { password },
    });
  const read = (token: string) => app.inject({ url: `${V}/invitations/${encodeURIComponent(token)}` });

  function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().type).toBe(`https://exoclinic.org/problems/${type}`);
  }

  /** Every text value of every table, to search for a secret. */
  async function wholeDatabase(): Promise<string> {
    const tables = (await t.db.kysely.introspection.getTables()).filter(
      (tb) => engine === 'sqlite' || tb.schema === (t.config as { schema?: string }).schema,
    );
    expect(tables.map((tb) => tb.name)).toContain('invitations');
    const parts: string[] = [];
    for (const tb of tables) {
      const rows = await t.db.kysely
        .selectFrom(tb.name as 'users')
        .selectAll()
        .execute();
      parts.push(JSON.stringify(rows));
    }
    return parts.join('\n');
  }

  it('invites a patient by mail, shows the link, refuses a bad password, then signs the patient in', async () => {
    const email = `ada.${stamp}@example.org`;
    const patientId = await newPatient(email);

    const sent = await owner.send('POST', `${V}/patients/${patientId}/invitations`);
    expect(sent.statusCode, sent.body).toBe(201);
    const invitation = sent.json();
    expect(invitation).toMatchObject({ email, displayName: 'Ada Quist', role: 'patient', state: 'open' });
    expect(invitation.acceptedAt).toBeNull();
    expect(invitation.expiresAt - invitation.sentAt).toBe(7 * DAY);
    expect(JSON.stringify(invitation)).not.toMatch(/invite\//);

    // Before the link is used the account cannot sign in, whatever the password.
    const early = await app.inject({
      method: 'POST',
      url: `${V}/auth/login`,
      payload: { email, password: 'invited' },
    });
    expect(early.statusCode).toBe(401);

    const { token, raw } = await linkMailedTo(email);
    expect(raw).toMatch(/Subject: \[Exoclinic\] Invitation clinic invites you to sign in/);
    expect(raw).toContain('Hello Ada Quist');
    expect(token.startsWith(`${clinic.tenantId}_`)).toBe(true);
    const secret = token.slice(clinic.tenantId.length + 1);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Stored: the hash of the secret only, in the invitation; the delivered mail lost its body.
    const stored = await t.db.kysely
      .selectFrom('invitations')
      .selectAll()
      .where('tenant_id', '=', clinic.tenantId)
      .where('invitation_id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash('sha256').update(secret).digest('base64url'));
    const deadline = Date.now() + 5000;
    while ((await wholeDatabase()).includes(secret) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    const everything = await wholeDatabase();
    expect(everything).toContain(stored.token_hash);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(token);

    const preview = await read(token);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      clinic: { name: 'Invitation clinic' },
      invitee: { displayName: 'Ada Quist', email },
      expiresAt: invitation.expiresAt,
    });

    // A password that breaks the rule: the field is named, nothing changes.
    const bad = await accept(token, 'short');
    expectProblem(bad, 400, 'validation');
    expect(bad.json().errors).toEqual([
      { path: 'body.password', message: expect.stringMatching(/10 characters/) },
    ]);
    const untouched = await t.db.kysely
      .selectFrom('users')
      .select(['active', 'password_hash'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('user_id', '=', invitation.userId)
      .executeTakeFirstOrThrow();
    expect(untouched).toEqual({ active: 0, password_hash: 'invited' });

    const ok = await accept(token, 'a long portal password');
    expect(ok.statusCode, ok.body).toBe(200);
    const body = ok.json();
    expect(body.user).toMatchObject({ email, role: 'patient', patientId, tenantId: clinic.tenantId });
    const cookie = ok.cookies.find((c) => c.name === 'exo_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const headers = { cookie: `exo_session=${cookie!.value}` };
    const session = await app.inject({ url: `${V}/auth/session`, headers });
    expect(session.json().user).toMatchObject({ role: 'patient', patientId });
    // The session works for the patient's own record, and writes need its CSRF token.
    expect((await app.inject({ url: `${V}/patients/${patientId}`, headers })).statusCode).toBe(200);
    const noCsrf = await app.inject({ method: 'POST', url: `${V}/auth/logout`, headers });
    expect(noCsrf.statusCode).toBe(403);
    // The chosen password signs in from now on.
    await signIn(app, email, 'a long portal password');

    // Used once: the same link is refused (reading and accepting), and nothing changes.
    expectProblem(await accept(token, 'another long password'), 409, 'invitation-used');
    const reread = await read(token);
    expectProblem(reread, 409, 'invitation-used');
    expect(reread.json().clinicName).toBe('Invitation clinic');
    await signIn(app, email, 'a long portal password');

    // The staff see it accepted; inviting again is refused while the account is in use.
    const status = (await owner.get(`${V}/patients/${patientId}/invitations`)).json();
    expect(status).toMatchObject({
      patientEmail: email,
      account: { email, status: 'active' },
      invitation: { id: invitation.id, state: 'accepted' },
    });
    expect(status.invitation.acceptedAt).toBeGreaterThanOrEqual(invitation.sentAt);
    expectProblem(await owner.send('POST', `${V}/patients/${patientId}/invitations`), 409, 'conflict');

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'patient_id', 'actor_user_id'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('action', 'in', ['invitation.send', 'invitation.accept'])
      .where('patient_id', '=', patientId)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['invitation.send', 'invitation.accept']);
    expect(audit[1]!.actor_user_id).toBe(invitation.userId);
  });

  it('a new invitation replaces the open one; expired and foreign links are refused', async () => {
    const email = `bo.${stamp}@example.org`;
    const patientId = await newPatient(email);
    await owner.send('POST', `${V}/patients/${patientId}/invitations`);
    const first = await linkMailedTo(email);
    const again = await owner.send('POST', `${V}/patients/${patientId}/invitations`);
    expect(again.statusCode).toBe(201);
    const second = await linkMailedTo(email, 1);
    expect(second.token).not.toBe(first.token);
    expectProblem(await read(first.token), 410, 'invitation-replaced');
    expectProblem(await accept(first.token, 'a long portal password'), 410, 'invitation-replaced');
    const rows = await t.db.kysely
      .selectFrom('invitations')
      .select(['revoked_at', 'used_at'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('user_id', '=', again.json().userId)
      .orderBy('created_at')
      .orderBy('invitation_id')
      .execute();
    expect(rows.map((r) => [r.revoked_at !== null, r.used_at])).toEqual([
      [true, null],
      [false, null],
    ]);

    // Eight days on, the open link has expired.
    const later = await testApp(t.db, { publicBaseUrl: BASE, clock: () => (Date.now() + 8 * DAY) as never });
    try {
      const expired = await later.inject({ url: `${V}/invitations/${encodeURIComponent(second.token)}` });
      expectProblem(expired, 410, 'invitation-expired');
      expect(expired.json().clinicName).toBe('Invitation clinic');
      const late = await later.inject({
        method: 'POST',
        url: `${V}/invitations/${encodeURIComponent(second.token)}/accept`,
        payload: { password: 'a long portal password' },
      });
      expectProblem(late, 410, 'invitation-expired');
    } finally {
      await later.close();
    }

    // The same secret under another clinic's id, a made-up secret, and no link at all: unknown.
    const secret = second.token.slice(clinic.tenantId.length + 1);
    expectProblem(await read(`${other.tenantId}_${secret}`), 404, 'not-found');
    expectProblem(await accept(`${other.tenantId}_${secret}`, 'a long portal password'), 404, 'not-found');
    expectProblem(await read(`${clinic.tenantId}_${'A'.repeat(43)}`), 404, 'not-found');
    expectProblem(await read('not-a-link'), 404, 'not-found');

    // The open link still works in its own clinic.
    expect((await accept(second.token, 'a long portal password')).statusCode).toBe(200);
  });

  it('refuses a patient without an e-mail, and other clinics’ patients, changing nothing', async () => {
    const patientId = await newPatient(null);
    const none = await owner.send('POST', `${V}/patients/${patientId}/invitations`);
    expectProblem(none, 422, 'unprocessable');
    expect(none.json().errors).toEqual([{ path: 'patient.email', message: expect.any(String) }]);
    const foreign = await owner.send('POST', `${V}/patients/${other.patientId}/invitations`);
    expectProblem(foreign, 404, 'not-found');
    const status = (await owner.get(`${V}/patients/${patientId}/invitations`)).json();
    expect(status).toEqual({ patientEmail: null, account: null, invitation: null });
    const accounts = await t.db.kysely
      .selectFrom('users')
      .select('user_id')
      .where('tenant_id', '=', clinic.tenantId)
      .where('patient_id', '=', patientId)
      .execute();
    expect(accounts).toEqual([]);
  });

  it('invites a staff member with a role: managers only, owners only by owners, e-mails once', async () => {
    const email = `nurse.${stamp}@example.org`;
    const admin = await signIn(app, clinic.emails.admin);
    const desk = await signIn(app, clinic.emails.front_desk);
    const invite = { email, displayName: 'Noor Nurse', role: 'practitioner' };
    expectProblem(await desk.send('POST', `${V}/invitations`, invite), 403, 'forbidden');
    expectProblem(
      await admin.send('POST', `${V}/invitations`, {
        ...invite,
        email: `boss.${stamp}@example.org`,
        role: 'owner',
      }),
      403,
      'forbidden',
    );
    const badInput = await admin.send('POST', `${V}/invitations`, {
      email: 'nope',
      displayName: '',
      role: 'patient',
    });
    expectProblem(badInput, 400, 'validation');
    expect(
      badInput
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.displayName', 'body.email', 'body.role']);
    const taken = await admin.send('POST', `${V}/invitations`, {
      ...invite,
      email: clinic.emails.practitioner,
    });
    expectProblem(taken, 409, 'conflict');
    expect(taken.json().errors).toEqual([{ path: 'body.email', message: 'already has a sign-in' }]);
    // A location of another clinic: not found, and no account is left behind.
    const wrongPlace = await admin.send('POST', `${V}/invitations`, {
      ...invite,
      locationId: other.locationId,
    });
    expectProblem(wrongPlace, 404, 'not-found');
    expect(
      await t.db.kysely.selectFrom('login_directory').select('email').where('email', '=', email).execute(),
    ).toEqual([]);

    const sent = await admin.send('POST', `${V}/invitations`, invite);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ email, role: 'practitioner', state: 'open' });
    const list = (await admin.get(`${V}/invitations`)).json().items;
    expect(list.find((i: { email: string }) => i.email === email)).toMatchObject({ state: 'open' });
    expect(list.every((i: { role: string }) => i.role !== 'patient')).toBe(true);

    const { token, raw } = await linkMailedTo(email);
    expect(raw).toContain('Hello Noor Nurse');
    const ok = await accept(token, 'a long staff password');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user).toMatchObject({ email, role: 'practitioner', patientId: null });
    const nurse = await signIn(app, email, 'a long staff password');
    expect((await nurse.get(`${V}/auth/session`)).json().user.role).toBe('practitioner');
    const after = (await admin.get(`${V}/invitations`)).json().items;
    expect(after.find((i: { email: string }) => i.email === email)).toMatchObject({ state: 'accepted' });
    // Now in use: inviting the same e-mail again is refused.
    expectProblem(await admin.send('POST', `${V}/invitations`, invite), 409, 'conflict');
  });

  it('switching off an account still waiting for its password withdraws its link: 410, still off', async () => {
    const email = `leaver.${stamp}@example.org`;
    const admin = await signIn(app, clinic.emails.admin);
    const sent = await admin.send('POST', `${V}/invitations`, {
      email,
      displayName: 'Lee Leaver',
      role: 'front_desk',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const { token } = await linkMailedTo(email);
    const userId = sent.json().userId as string;

    const off = await admin.send('PATCH', `${V}/users/${userId}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false });
    const row = await t.db.kysely
      .selectFrom('invitations')
      .select(['revoked_at', 'used_at'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('invitation_id', '=', sent.json().id)
      .executeTakeFirstOrThrow();
    expect(row.used_at).toBeNull();
    expect(row.revoked_at).not.toBeNull();

    // The link answers like a replaced one, reading or accepting, and the account stays off.
    expectProblem(await read(token), 410, 'invitation-replaced');
    const late = await accept(token, 'a long staff password');
    expectProblem(late, 410, 'invitation-replaced');
    expect(late.cookies.find((c) => c.name === 'exo_session')).toBeUndefined();
    const account = await t.db.kysely
      .selectFrom('users')
      .select(['active', 'password_hash'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ active: 0, password_hash: 'invited' });
    const login = await app.inject({
      method: 'POST',
      url: `${V}/auth/login`,
      payload: { email, password: 'a long staff password' },
    });
    expect(login.statusCode).toBe(401);
    const listed = (await admin.get(`${V}/invitations`)).json().items;
    expect(listed.find((i: { email: string }) => i.email === email)).toMatchObject({ state: 'replaced' });
  });

  it('points links at the address the server listens on when no public address is set', async () => {
    const served = await testApp(t.db);
    try {
      await served.listen({ port: 0, host: '127.0.0.1' });
      const port = (served.server.address() as { port: number }).port;
      const admin = await signIn(served, clinic.emails.admin);
      const email = `desk.${stamp}@example.org`;
      const before = mailsTo(email);
      const sent = await admin.send('POST', `${V}/invitations`, {
        email,
        displayName: 'Dee Desk',
        role: 'front_desk',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const deadline = Date.now() + 10_000;
      while (mailsTo(email) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      const raw = sink.received.filter((m) => m.to.includes(email)).at(-1)?.raw ?? '';
      expect(raw).toMatch(
        new RegExp(`http://127\\.0\\.0\\.1:${port}/invite/${clinic.tenantId}_[A-Za-z0-9_-]{43}`),
      );
    } finally {
      await served.close();
    }
  });
});
