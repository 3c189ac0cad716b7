// HTTP benchmark helpers: start a server process, load it with autocannon on loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type autocannonType from 'autocannon';

// autocannon is a dev dependency of the server package.
const require = createRequire(new URL('../../packages/server/package.json', import.meta.url));
const autocannon = require('autocannon') as typeof autocannonType;

export interface Started {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/**
 * Spawn `node ARGS` (or COMMAND ARGS, e.g. node under valgrind) and wait for it to print
 * `listening on URL`.
 */
export function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  { command = process.execPath, startTimeoutMs = 60_000 } = {},
): Promise<Started> {
  const child = spawn(command, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start:\n${out}`)), startTimeoutMs);
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      ok({
        child,
        url: m[1]!,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`exited ${code}:\n${out}`));
    });
  });
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
}

export async function load(opts: autocannonType.Options): Promise<LoadResult> {
  const r = await autocannon({ ...opts });
  return {
    requestsPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total,
  };
}
