import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPatient, type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';

describe.each(engines)('patients on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let desk: Caller;
  let owner: Caller;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db);
    clinic = await seedClinic(t.db, 'Patients clinic');
    desk = await signIn(app, clinic.emails.front_desk);
    owner = await signIn(app, clinic.emails.owner);
  });
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('creates, reads and updates with ETag / If-Match, refusing a stale write', async () => {
    const created = await desk.send('POST', '/api/v1/patients', aPatient());
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe(`/api/v1/patients/${p.id}`);

    const read = await desk.get(`/api/v1/patients/${p.id}`);
    expect(read.json()).toEqual(p);
    expect(read.headers.etag).toBe('"1"');

    const noMatch = await desk.send('PATCH', `/api/v1/patients/${p.id}`, { phone: '+1 555 000 1111' });
    expect(noMatch.statusCode).toBe(428);

    const ok = await desk.send(
      'PATCH',
      `/api/v1/patients/${p.id}`,
      { phone: '+1 555 000 1111' },
      { 'if-match': '"1"' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({ phone: '+1 555 000 1111', version: 2, givenName: 'Zoë' });

    const stale = await desk.send(
      'PATCH',
      `/api/v1/patients/${p.id}`,
      { email: 'x@example.org' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/problem\+json/);
    // The stale write changed nothing.
    expect((await desk.get(`/api/v1/patients/${p.id}`)).json().email).toBe('zoe.garcia@example.org');
  });

  it('finds by partial name regardless of case and accents, by dob, phone digits and e-mail', async () => {
    const a = (
      await desk.send(
        'POST',
        '/api/v1/patients',
        aPatient({
          givenName: 'Éloïse',
          familyName: 'Brontë-Smith',
          dateOfBirth: '1971-07-07',
          phone: '+44 20 7946 0958',
          email: 'Eloise.B@Example.org',
        }),
      )
    ).json();
    await desk.send(
      'POST',
      '/api/v1/patients',
      aPatient({
        givenName: 'Eli',
        familyName: 'Bronson',
        dateOfBirth: '1990-01-02',
        phone: null,
        email: null,
      }),
    );
    await desk.send(
      'POST',
      '/api/v1/patients',
      aPatient({ givenName: '50%_off', familyName: 'Literal', phone: null, email: null }),
    );
    const ids = async (query: string) =>
      (await desk.get(`/api/v1/patients?${query}`)).json().items.map((x: { id: string }) => x.id);
    expect(await ids('q=ELOISE')).toEqual([a.id]);
    expect(await ids('q=bronte')).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('smith élo')}`)).toEqual([a.id]);
    expect((await ids('q=bron')).length).toBe(2);
    expect(await ids('dob=1971-07-07')).toEqual([a.id]);
    expect(await ids(`phone=${encodeURIComponent('7946-0958')}`)).toEqual([a.id]);
    expect(await ids('email=eloise.b@example')).toEqual([a.id]);
    // LIKE wildcards in the query are taken literally.
    expect((await ids(`q=${encodeURIComponent('%_')}`)).length).toBe(1);
    expect(await ids('q=nobody-like-this')).toEqual([]);
    const bad = await desk.get('/api/v1/patients?dob=1971-13-40&limit=0');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['querystring.dob', 'querystring.limit']);
  });

  it('pages through every patient exactly once with the cursor', async () => {
    for (let i = 0; i < 7; i++) {
      await desk.send(
        'POST',
        '/api/v1/patients',
        aPatient({ givenName: `Page${i}`, familyName: 'Pager', phone: null, email: null }),
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await desk.get(`/api/v1/patients?q=pager&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json();
      seen.push(...body.items.map((x: { givenName: string }) => x.givenName));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Page0', 'Page1', 'Page2', 'Page3', 'Page4', 'Page5', 'Page6']);
  });

  it('a portal account sees its own record and nobody else’s', async () => {
    const portal = await signIn(app, clinic.emails.patient);
    expect((await portal.get(`/api/v1/patients/${clinic.patientId}`)).statusCode).toBe(200);
    const other = (await desk.send('POST', '/api/v1/patients', aPatient())).json();
    expect((await portal.get(`/api/v1/patients/${other.id}`)).statusCode).toBe(404);
    const list = (await portal.get('/api/v1/patients')).json().items;
    expect(list.map((x: { id: string }) => x.id)).toEqual([clinic.patientId]);
  });

  it('every read and write of a patient is in the audit log, readable by the owner only', async () => {
    const p = (await desk.send('POST', '/api/v1/patients', aPatient({ givenName: 'Audited' }))).json();
    await desk.get(`/api/v1/patients/${p.id}`);
    await desk.send('PATCH', `/api/v1/patients/${p.id}`, { address: '1 Main St' }, { 'if-match': '"1"' });
    const audit = await owner.get(`/api/v1/audit?patientId=${p.id}`);
    expect(audit.statusCode).toBe(200);
    const rows = audit.json().items;
    expect(rows.map((r: { action: string }) => r.action)).toEqual([
      'patient.update',
      'patient.read',
      'patient.create',
    ]);
    for (const r of rows) {
      expect(r).toMatchObject({ actorRole: 'front_desk', patientId: p.id, ip: '127.0.0.1', via: 'session' });
      expect(r.requestId).toBeTruthy();
    }
    expect(rows[0].detail).toEqual({ fields: ['address'], version: 2 });
    expect((await desk.get('/api/v1/audit')).statusCode).toBe(403);
  });
});
