// API benchmark: autocannon on loopback against a bare Fastify hello-world (baseline, same run),
// then the real server on SQLite and PostgreSQL: GET a patient's current plan, and POST a
// consultation followed by its plan. Figures as JSON lines (DESIGN §7).
//   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50), BENCH_ROUNDS (default 3),
//   TEST_DATABASE_URL for PostgreSQL.
//
// The GET is measured in rounds, each right after a round of hello-world, and its ratio is the
// median of the rounds' ratios: on a shared two-core machine the speed drifts by a fifth within
// a minute, and a baseline measured once at the start would carry that drift into the ratio.
// A third figure sends the same answer's bytes from bare Fastify (`static_plan`): the part of the
// gap that is the payload (`current_plan_answer_bytes` instead of 17), not the application.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { skinProfile } from '../packages/server/test/helpers/profiles';
import { initBenchClinic, patientWithPlan, signInBench } from './lib/clinic';
import { type LoadResult, load, type Started, startProcess } from './lib/http';
import { createSchema, dropSchema, PG_URL, pgAnswers } from './lib/pg';
import { percentile, report } from './lib/report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BIN = resolve(import.meta.dirname, '../packages/server/bin/exoclinic.js');
const tmp = mkdtempSync(join(tmpdir(), 'exoclinic-bench-'));

const profile = skinProfile();

/** One round of a load: its figures, measured now. */
async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const r = await load({ url, headers, connections: CONNECTIONS, duration: SECONDS / ROUNDS });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r;
}

async function benchEngine(engine: 'sqlite' | 'postgres', hello: Started) {
  const tag = randomBytes(4).toString('hex');
  const schema = `bench_${tag}`;
  let storage: string[];
  if (engine === 'sqlite') storage = ['--data', join(tmp, `data-${tag}`)];
  else {
    await createSchema(schema);
    storage = ['--database-url', `${PG_URL}?schema=${schema}`];
  }
  const email = await initBenchClinic(storage, tmp);
  const server = await startProcess([BIN, 'serve', '--port', '0', '--no-demo', ...storage]);
  try {
    const signedIn = await signInBench(server.url, email);
    const { cookie, headers } = signedIn;
    const patientId = await patientWithPlan(server.url, signedIn);

    const planUrl = `${server.url}/api/v1/patients/${patientId}/current-plan`;
    // The same answer's bytes from bare Fastify (SQLite run only: the payload does not depend on the engine).
    const staticPlan = engine === 'sqlite' ? await startStaticPlan(planUrl, cookie) : null;
    const rounds: { hello: number; staticPlan: number | null; get: LoadResult }[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const helloRound = (await measure('hello-world', `${hello.url}/hello`)).requestsPerSec;
        const staticRps = staticPlan
          ? (await measure('static plan', `${staticPlan.url}/static`)).requestsPerSec
          : null;
        const get = await measure('GET current plan', planUrl, { cookie });
        rounds.push({ hello: helloRound, staticPlan: staticRps, get });
      }
    } finally {
      await staticPlan?.stop();
    }
    const median = (values: number[]) => percentile(values, 50);
    const helloRps = median(rounds.map((r) => r.hello));
    // Each round's figure against the hello-world round just before it; the median of those ratios.
    const ratioLine = (metric: string, values: number[]) =>
      console.log(
        JSON.stringify({
          bench: 'api',
          metric,
          value: Math.round(median(values)),
          unit: 'req/s',
          baseline: {
            name: `fastify hello-world req/s (median of ${ROUNDS} rounds, each measured just before)`,
            value: Math.round(helloRps),
          },
          ratio: Math.round(median(values.map((v, i) => v / rounds[i]!.hello)) * 1000) / 1000,
          rounds: values.map(Math.round),
        }),
      );
    if (staticPlan)
      ratioLine(
        'static_plan_bytes_rps',
        rounds.map((r) => r.staticPlan!),
      );
    ratioLine(
      `${engine}_get_current_plan_rps`,
      rounds.map((r) => r.get.requestsPerSec),
    );
    report('api', `${engine}_get_current_plan_p50`, Math.max(...rounds.map((r) => r.get.p50)), 'ms');
    report('api', `${engine}_get_current_plan_p99`, Math.max(...rounds.map((r) => r.get.p99)), 'ms');

    // POST a consultation, then its plan from the consultation's id (one pair = two requests).
    const post = await load({
      url: server.url,
      connections: CONNECTIONS,
      duration: SECONDS,
      headers,
      requests: [
        {
          method: 'POST',
          path: `/api/v1/patients/${patientId}/consultations`,
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
    report('api', `${engine}_post_consultation_plan_rps`, post.requestsPerSec, 'req/s', {
      name: 'fastify hello-world req/s',
      value: helloRps,
    });
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

/** Bare Fastify serving the same answer's bytes at /static: what the payload alone costs. */
async function startStaticPlan(planUrl: string, cookie: string): Promise<Started> {
  const file = join(tmp, 'plan.json');
  const answer = Buffer.from(await (await fetch(planUrl, { headers: { cookie } })).arrayBuffer());
  writeFileSync(file, answer);
  report('api', 'current_plan_answer_bytes', answer.length, 'bytes');
  return startProcess(['--import', 'tsx', HELLO, file]);
}

const HELLO = resolve(import.meta.dirname, 'lib/http-hello.ts');

try {
  const helloServer = await startProcess(['--import', 'tsx', HELLO]);
  try {
    const hello = await load({
      url: `${helloServer.url}/hello`,
      connections: CONNECTIONS,
      duration: SECONDS,
    });
    report('api', 'hello_world_rps', hello.requestsPerSec, 'req/s');
    report('api', 'hello_world_p50', hello.p50, 'ms');
    report('api', 'hello_world_p99', hello.p99, 'ms');
    await benchEngine('sqlite', helloServer);
    if (await pgAnswers()) await benchEngine('postgres', helloServer);
    else console.error(`!!! PostgreSQL does not answer at ${PG_URL}: PostgreSQL figures skipped`);
  } finally {
    await helloServer.stop();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
