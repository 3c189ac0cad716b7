// HTTP course booking: 50 concurrent clients on loopback book whole courses (POST
// /plans/{id}/course, the solver picking the best option against the live calendar, all sessions
// in one write) on SQLite and on PostgreSQL, against the real server process. Baseline in the
// same run: a bare Fastify hello-world loaded by the same client loop. Figures as JSON lines.
//   BENCH_SECONDS (default 8 per load), BENCH_CONNECTIONS (default 50), TEST_DATABASE_URL,
//   BENCH_CPU_PROF=DIR writes a .cpuprofile of each server process there (profile, don't guess).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SQLITE_FILE } from '../packages/server/src/config/storage';
import { type DbConfig, openDatabase } from '../packages/server/src/db/connect';
import { withTenant } from '../packages/server/src/db/tenant';
import { newId, type TenantId } from '../packages/server/src/shared/ids';
import { skinProfile } from '../packages/server/test/helpers/profiles';
import { initBenchClinic, signInBench } from './lib/clinic';
import { startProcess } from './lib/http';
import { createSchema, dropSchema, PG_URL, pgAnswers } from './lib/pg';
import { percentile, report } from './lib/report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Plans prepared per engine: more than the run can book, so no client waits for work. */
const PLANS = Number(process.env.BENCH_PLANS ?? 4000);
const STAFF = 12;
const BIN = resolve(import.meta.dirname, '../packages/server/bin/exoclinic.js');
const tmp = mkdtempSync(join(tmpdir(), 'exoclinic-bench-sched-'));

interface LoopResult {
  ok: number;
  failed: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** `CONNECTIONS` clients, each sending its next request as soon as the last one answered. */
async function loop(next: (i: number) => Promise<boolean> | null, seconds: number): Promise<LoopResult> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let issued = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const request = next(issued++);
      if (!request) return;
      const s = performance.now();
      if (await request) ok++;
      else failed++;
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  const elapsed = (performance.now() - t0) / 1000;
  return {
    ok,
    failed,
    perSecond: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const profile = skinProfile();

async function benchEngine(engine: 'sqlite' | 'postgres', hello: LoopResult) {
  const tag = randomBytes(4).toString('hex');
  const schema = `bench_${tag}`;
  let storage: string[];
  let config: DbConfig;
  if (engine === 'sqlite') {
    const dir = join(tmp, `data-${tag}`);
    storage = ['--data', dir];
    config = { engine: 'sqlite', file: join(dir, SQLITE_FILE) };
  } else {
    await createSchema(schema);
    storage = ['--database-url', `${PG_URL}?schema=${schema}`];
    config = { engine: 'postgres', url: PG_URL, schema, poolSize: 2 };
  }
  const email = await initBenchClinic(storage, tmp);
  const cpuProf = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${engine}.cpuprofile`]
    : [];
  const server = await startProcess([...cpuProf, BIN, 'serve', '--port', '0', '--no-demo', ...storage]);
  try {
    const { headers } = await signInBench(server.url, email);
    const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${server.url}/api/v1${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };

    // A site open 08:00–20:00 every day with STAFF practitioners, rooms and pens.
    const weekly = Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [{ open: '08:00', close: '20:00' }]]),
    );
    const location = await call<{ id: string }>('POST', '/locations', {
      name: 'Bench site',
      timeZone: 'America/New_York',
    });
    await call('PUT', `/locations/${location.id}/schedule`, { weekly, closures: [] });
    for (let i = 0; i < STAFF; i++) {
      const user = await call<{ id: string }>('POST', '/users', {
        email: `doc${i}.${tag}@example.org`,
        displayName: `Doctor ${i}`,
        role: 'practitioner',
        password: 'benchmark password',
      });
      await call('POST', '/resources', {
        kind: 'practitioner',
        userId: user.id,
        modalities: ['microneedling-topical'],
      });
      await call('PUT', `/resources/${user.id}/hours`, { hours: [{ locationId: location.id, weekly }] });
      await call('POST', '/resources', { kind: 'room', name: `Room ${i}`, locationId: location.id });
      await call('POST', '/resources', {
        kind: 'device',
        name: `Pen ${i}`,
        locationId: location.id,
        deviceType: 'microneedling-pen',
      });
    }
    const patient = await call<{ id: string }>('POST', '/patients', {
      givenName: 'Bench',
      familyName: 'Mark',
      dateOfBirth: '1980-01-01',
      sex: 'female',
    });
    const consultation = await call<{ id: string }>('POST', `/patients/${patient.id}/consultations`, {
      profile,
      locationId: location.id,
    });
    const plan = await call<{ id: string }>('POST', `/consultations/${consultation.id}/plans`, {});
    await call('POST', `/plans/${plan.id}/accept`, { version: 1 });

    // Copies of the accepted plan, written beside the running server (setup, not measured).
    const db = await openDatabase(config);
    const plans: string[] = [];
    try {
      const me = await db.kysely
        .selectFrom('plans')
        .select('tenant_id')
        .where('plan_id', '=', plan.id)
        .executeTakeFirstOrThrow();
      await withTenant(db, me.tenant_id as TenantId, async (tx) => {
        const header = await tx
          .selectFrom('plans')
          .selectAll()
          .where('plan_id', '=', plan.id)
          .executeTakeFirstOrThrow();
        const version = await tx
          .selectFrom('plan_versions')
          .selectAll()
          .where('plan_id', '=', plan.id)
          .executeTakeFirstOrThrow();
        for (let start = 0; start < PLANS; start += 500) {
          const batch = Array.from({ length: Math.min(500, PLANS - start) }, () => newId());
          plans.push(...batch);
          await tx
            .insertInto('plans')
            .values(batch.map((id) => ({ ...header, plan_id: id })))
            .execute();
          await tx
            .insertInto('plan_versions')
            .values(batch.map((id) => ({ ...version, plan_id: id })))
            .execute();
        }
      });
    } finally {
      await db.close();
    }

    // Steady state: every client's connection is open before the clock starts (without this the
    // first burst's connection set-up waited behind the kept-alive clients and made the p99).
    await Promise.all(
      Array.from({ length: CONNECTIONS }, () => fetch(`${server.url}/healthz`).then((r) => r.arrayBuffer())),
    );
    const statuses = new Map<number, number>();
    const result = await loop((i) => {
      const planId = plans[i];
      if (!planId) return null;
      return fetch(`${server.url}/api/v1/plans/${planId}/course`, {
        method: 'POST',
        headers,
        body: '{}',
      }).then(async (r) => {
        await r.arrayBuffer();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        return r.status === 201;
      });
    }, SECONDS);
    const base = { name: 'fastify hello-world req/s (same client loop)', value: hello.perSecond };
    report('scheduling-http', `${engine}_book_course_rps`, result.perSecond, 'req/s', base);
    report('scheduling-http', `${engine}_book_course_p50`, result.p50, 'ms');
    report('scheduling-http', `${engine}_book_course_p99`, result.p99, 'ms', {
      name: 'fastify hello-world p99',
      value: hello.p99,
    });
    report('scheduling-http', `${engine}_book_course_booked`, result.ok, 'courses');
    // Races lost three times over (409) are expected under 50 clients wanting the same first slot.
    report('scheduling-http', `${engine}_book_course_409`, statuses.get(409) ?? 0, 'responses');
    report(
      'scheduling-http',
      `${engine}_book_course_other_non_2xx`,
      result.failed - (statuses.get(409) ?? 0),
      'responses',
    );
    if (result.failed - (statuses.get(409) ?? 0) > 0)
      console.error(`${engine} statuses: ${JSON.stringify([...statuses])}`);
  } finally {
    await server.stop();
    if (engine === 'postgres') {
      await dropSchema(schema);
    }
  }
}

try {
  const helloServer = await startProcess([
    '--import',
    'tsx',
    resolve(import.meta.dirname, 'lib/http-hello.ts'),
  ]);
  const hello = await loop(
    () =>
      fetch(`${helloServer.url}/hello`).then(async (r) => {
        await r.arrayBuffer();
        return r.status === 200;
      }),
    SECONDS,
  );
  await helloServer.stop();
  report('scheduling-http', 'hello_world_rps', hello.perSecond, 'req/s');
  report('scheduling-http', 'hello_world_p99', hello.p99, 'ms');
  await benchEngine('sqlite', hello);
  if (await pgAnswers()) await benchEngine('postgres', hello);
  else console.error(`!!! PostgreSQL does not answer at ${PG_URL}: PostgreSQL figures skipped`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
