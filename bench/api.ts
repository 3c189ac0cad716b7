// API benchmark: autocannon on loopback against a bare Fastify hello-world (baseline, same run),
// then the real server on SQLite and PostgreSQL: GET a patient's current plan, and POST a
// consultation followed by its plan. Figures as JSON lines (DESIGN §7).
//   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), TEST_DATABASE_URL for PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../packages/server/src/cli/main';
import { skinProfile } from '../packages/server/test/helpers/profiles';
import { load, startProcess } from './lib/http';
import { createSchema, dropSchema, PG_URL, pgAnswers } from './lib/pg';
import { report } from './lib/report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BIN = resolve(import.meta.dirname, '../packages/server/bin/exoclinic.js');
const tmp = mkdtempSync(join(tmpdir(), 'exoclinic-bench-'));

const profile = skinProfile();

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

async function benchEngine(engine: 'sqlite' | 'postgres', hello: number) {
  const tag = randomBytes(4).toString('hex');
  const schema = `bench_${tag}`;
  let storage: string[];
  if (engine === 'sqlite') storage = ['--data', join(tmp, `data-${tag}`)];
  else {
    await createSchema(schema);
    storage = ['--database-url', `${PG_URL}?schema=${schema}`];
  }
  const pw = join(tmp, 'pw');
  writeFileSync(pw, 'benchmark password');
  const email = `bench.${tag}@example.org`;
  const code = await main(
    ['init', ...storage, '--tenant', 'Bench', '--owner-email', email, '--owner-password-file', pw],
    {
      stdin: process.stdin,
      stdout: quiet,
      stderr: process.stderr,
      env: {},
      cwd: process.cwd(),
    } as never,
  );
  if (code !== 0) throw new Error(`init failed (${code})`);
  const server = await startProcess([BIN, 'serve', '--port', '0', '--no-demo', ...storage]);
  try {
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'benchmark password' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const patient = (await (
      await fetch(`${server.url}/api/v1/patients`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          givenName: 'Bench',
          familyName: 'Mark',
          dateOfBirth: '1980-01-01',
          sex: 'female',
        }),
      })
    ).json()) as { id: string };
    const consultation = (await (
      await fetch(`${server.url}/api/v1/patients/${patient.id}/consultations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ profile }),
      })
    ).json()) as { id: string };
    await fetch(`${server.url}/api/v1/consultations/${consultation.id}/plans`, {
      method: 'POST',
      headers,
      body: '{}',
    });

    const get = await load({
      url: `${server.url}/api/v1/patients/${patient.id}/current-plan`,
      headers: { cookie },
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    if (get.non2xx > 0 || get.errors > 0)
      throw new Error(`GET current plan: ${get.non2xx} non-2xx, ${get.errors} errors`);
    const base = { name: 'fastify hello-world req/s', value: hello };
    report('api', `${engine}_get_current_plan_rps`, get.requestsPerSec, 'req/s', base);
    report('api', `${engine}_get_current_plan_p50`, get.p50, 'ms');
    report('api', `${engine}_get_current_plan_p99`, get.p99, 'ms');

    // POST a consultation, then its plan from the consultation's id (one pair = two requests).
    const post = await load({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers,
      requests: [
        {
          method: 'POST',
          path: `/api/v1/patients/${patient.id}/consultations`,
          body: JSON.stringify({ profile }),
          onResponse: (_status, body, context) => {
            (context as { consultationId?: string }).consultationId = JSON.parse(body).id;
          },
        },
        {
          method: 'POST',
          body: '{}',
          setupRequest: (req, context) => ({
            ...req,
            path: `/api/v1/consultations/${(context as { consultationId?: string }).consultationId}/plans`,
          }),
        },
      ],
    });
    if (post.non2xx > 0 || post.errors > 0)
      throw new Error(`POST consultation+plan: ${post.non2xx} non-2xx, ${post.errors} errors`);
    report('api', `${engine}_post_consultation_plan_rps`, post.requestsPerSec, 'req/s', base);
    report('api', `${engine}_post_consultation_plan_pairs_per_s`, post.requestsPerSec / 2, 'pairs/s');
    report('api', `${engine}_post_consultation_plan_p50`, post.p50, 'ms');
    report('api', `${engine}_post_consultation_plan_p99`, post.p99, 'ms');
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
  const hello = await load({ url: `${helloServer.url}/hello`, connections: CONNECTIONS, duration: SECONDS });
  await helloServer.stop();
  report('api', 'hello_world_rps', hello.requestsPerSec, 'req/s');
  report('api', 'hello_world_p50', hello.p50, 'ms');
  report('api', 'hello_world_p99', hello.p99, 'ms');
  await benchEngine('sqlite', hello.requestsPerSec);
  if (await pgAnswers()) await benchEngine('postgres', hello.requestsPerSec);
  else console.error(`!!! PostgreSQL does not answer at ${PG_URL}: PostgreSQL figures skipped`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
