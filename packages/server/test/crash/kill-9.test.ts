import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type DbConfig, openDatabase } from '../../src/db/connect';
import { cli } from '../helpers/cli';
import { aPatient } from '../helpers/clinic';
import { engines, PG_URL } from '../helpers/engines';
import { skinProfile } from '../helpers/profiles';
import { startServer } from '../helpers/server-process';

const ROUNDS = 10;
const WRITERS = 4;
const dir = mkdtempSync(join(tmpdir(), 'exoclinic-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(engines)('kill -9 during writes on %s', (engine) => {
  it(`every write answered 2xx survives ${ROUNDS} kills, and the database opens cleanly`, {
    timeout: 240_000,
  }, async () => {
    const tag = randomBytes(4).toString('hex');
    const schema = `crash_${tag}`;
    let storage: string[];
    let config: DbConfig;
    if (engine === 'sqlite') {
      const data = join(dir, `data-${tag}`);
      storage = ['--data', data];
      config = { engine: 'sqlite', file: join(data, 'exoclinic.sqlite') };
    } else {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      storage = ['--database-url', `${PG_URL}?schema=${schema}`];
      config = { engine: 'postgres', url: PG_URL, schema };
    }
    try {
      const pwFile = join(dir, `pw-${tag}`);
      writeFileSync(pwFile, 'crash test password');
      const email = `crash.${tag}@example.org`;
      const init = await cli([
        'init',
        ...storage,
        '--tenant',
        'Crash clinic',
        '--owner-email',
        email,
        '--owner-password-file',
        pwFile,
      ]);
      expect(init.code, init.stderr).toBe(0);

      const acked = { patients: new Set<string>(), consultations: new Set<string>() };
      let session: { cookie: string; csrf: string } | null = null;
      for (let round = 0; round < ROUNDS; round++) {
        const { child, url } = await startServer(['--no-demo', ...storage]);
        const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
        if (!session) {
          const login = await fetch(`${url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: 'crash test password' }),
          });
          expect(login.status).toBe(200);
          // The session is a database row: it outlives every crash below.
          session = {
            cookie: login.headers.get('set-cookie')!.split(';')[0]!,
            csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
          };
        }
        const headers = {
          'content-type': 'application/json',
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
        };
        let stop = false;
        const writer = async (w: number) => {
          let i = 0;
          while (!stop) {
            try {
              const res = await fetch(`${url}/api/v1/patients`, {
                method: 'POST',
                headers,
                body: JSON.stringify(aPatient({ givenName: `R${round}W${w}N${i++}` })),
              });
              if (res.status !== 201) continue;
              const patient = (await res.json()) as { id: string };
              acked.patients.add(patient.id);
              const c = await fetch(`${url}/api/v1/patients/${patient.id}/consultations`, {
                method: 'POST',
                headers,
                body: JSON.stringify({ profile: skinProfile() }),
              });
              if (c.status === 201) acked.consultations.add(((await c.json()) as { id: string }).id);
            } catch {
              // the server died under this request: it was never acknowledged
            }
          }
        };
        const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
        await new Promise((ok) => setTimeout(ok, 300 + Math.floor(Math.random() * 400)));
        child.kill('SIGKILL');
        await exited;
        stop = true;
        await Promise.all(writers);
      }
      expect(acked.patients.size).toBeGreaterThan(ROUNDS);

      if (config.engine === 'sqlite') {
        const raw = new SqliteDatabase(config.file);
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(raw.pragma('foreign_key_check')).toEqual([]);
        raw.close();
      }
      const db = await openDatabase(config);
      try {
        const patients = new Set(
          (await db.kysely.selectFrom('patients').select('patient_id').execute()).map((r) => r.patient_id),
        );
        const consultations = new Set(
          (await db.kysely.selectFrom('consultations').select('consultation_id').execute()).map(
            (r) => r.consultation_id,
          ),
        );
        const lostPatients = [...acked.patients].filter((id) => !patients.has(id));
        const lostConsultations = [...acked.consultations].filter((id) => !consultations.has(id));
        expect(lostPatients).toEqual([]);
        expect(lostConsultations).toEqual([]);
        // Every stored patient has its audit row: the record and its trace commit together.
        const audited = await db.kysely
          .selectFrom('audit_log')
          .select('patient_id')
          .where('action', '=', 'patient.create')
          .execute();
        expect(audited.length).toBe(patients.size);
        console.log(
          `crash test ${engine}: ${ROUNDS} kills, ${acked.patients.size} patients and ${acked.consultations.size} consultations acknowledged, all present`,
        );
      } finally {
        await db.close();
      }
    } finally {
      if (engine === 'postgres') {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      }
    }
  });
});
