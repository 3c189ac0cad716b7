// API instructions benchmark: the CPU instructions the server executes per request, counted by
// valgrind's callgrind, for the same three answers bench/api times: a bare Fastify hello-world
// (baseline), bare Fastify sending the current plan's bytes, and the real server's GET of a
// patient's current plan on SQLite. Instructions are counted, not timed: they move by a few per cent
// between runs (V8's helper threads), where req/s on this shared two-core machine drift by a fifth
// within a minute. Kernel work (sockets, disk) is not counted.
//   BENCH_INSTRUCTIONS_REQUESTS (default 2000) requests are counted after five times as many to warm
//   up (V8 optimises hot code on helper threads meanwhile; counted too early, that work is counted).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { initBenchClinic, patientWithPlan, signInBench } from './lib/clinic';
import { load, type Started, startProcess } from './lib/http';
import { report } from './lib/report';

const REQUESTS = Number(process.env.BENCH_INSTRUCTIONS_REQUESTS ?? 2000);
const CONNECTIONS = 50;
const BIN = resolve(import.meta.dirname, '../packages/server/bin/exoclinic.js');
const HELLO = resolve(import.meta.dirname, 'lib/http-hello.ts');
const tmp = mkdtempSync(join(tmpdir(), 'exoclinic-instructions-'));

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('!!! valgrind is not installed (apt-get install -y valgrind): instruction counts skipped');
  process.exit(1);
}

interface Counted {
  server: Started;
  /** Where callgrind writes its counts (files starting with this name). */
  out: string;
}

/** Start `node ARGS` under callgrind with counting off until asked. */
async function startCounted(name: string, args: string[]): Promise<Counted> {
  const out = join(tmp, `${name}.callgrind`);
  const server = await startProcess(
    ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${out}`, process.execPath, ...args],
    {},
    { command: 'valgrind', startTimeoutMs: 180_000 },
  );
  return { server, out };
}

/** Instructions per request of `url`, counted over REQUESTS after a warm-up; stops the server. */
async function instructionsPerRequest(
  { server, out }: Counted,
  url: string,
  headers: Record<string, string> = {},
) {
  const run = async (amount: number) => {
    const r = await load({ url, headers, connections: CONNECTIONS, amount });
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return r.total;
  };
  await run(REQUESTS * 5);
  const pid = String(server.child.pid);
  execFileSync('callgrind_control', ['--instr=on', pid], { stdio: 'ignore' });
  const answered = await run(REQUESTS);
  execFileSync('callgrind_control', ['--instr=off', pid], { stdio: 'ignore' });
  await server.stop();
  let total = 0;
  for (const file of readdirSync(tmp).filter((f) => f.startsWith(basename(out)))) {
    const m = /^totals: (\d+)/m.exec(readFileSync(join(tmp, file), 'utf8'));
    if (m) total += Number(m[1]);
  }
  if (total === 0) throw new Error(`callgrind counted nothing for ${url}`);
  return total / answered;
}

try {
  const hello = await startCounted('hello', ['--import', 'tsx', HELLO]);
  const helloIr = await instructionsPerRequest(hello, `${hello.server.url}/hello`);
  report('api-instructions', 'hello_world_instructions_per_request', helloIr, 'instructions');

  const data = join(tmp, 'data');
  const email = await initBenchClinic(['--data', data], tmp);
  const counted = await startCounted('server', [BIN, 'serve', '--port', '0', '--no-demo', '--data', data]);
  const signedIn = await signInBench(counted.server.url, email);
  const patientId = await patientWithPlan(counted.server.url, signedIn);
  const planUrl = `${counted.server.url}/api/v1/patients/${patientId}/current-plan`;
  const cookie = signedIn.cookie;
  const answer = Buffer.from(await (await fetch(planUrl, { headers: { cookie } })).arrayBuffer());
  const base = { name: 'fastify hello-world instructions per request', value: helloIr };
  const getIr = await instructionsPerRequest(counted, planUrl, { cookie });

  const file = join(tmp, 'plan.json');
  writeFileSync(file, answer);
  const bytes = await startCounted('static', ['--import', 'tsx', HELLO, file]);
  const staticIr = await instructionsPerRequest(bytes, `${bytes.server.url}/static`);
  report('api-instructions', 'static_plan_bytes_instructions_per_request', staticIr, 'instructions', base);
  report('api-instructions', 'sqlite_get_current_plan_instructions_per_request', getIr, 'instructions', base);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
