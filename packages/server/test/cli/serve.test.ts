import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/exoclinic.js');

/** Start the real server; resolves once it prints its address. */
export function startServer(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
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
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server exited ${code}:\n${out}`));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'exoclinic-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exoclinic serve (real process, SQLite)', () => {
  it('on an empty data folder migrates, creates the demo clinic, prints how to sign in, and stops cleanly on SIGTERM', async () => {
    const data = join(dir, 'data');
    const { child, url, output } = await startServer(['--data', data]);
    const text = output();
    expect(text).toContain('migrated: 0001_initial');
    expect(text).toMatch(/owner\s+owner@demo-clinic\.example/);
    const password = /password for every account: (\S+)/.exec(text)![1]!;
    expect(readFileSync(join(data, 'demo-credentials.txt'), 'utf8')).toContain(password);

    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'desk@demo-clinic.example', password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const patients = (await (await fetch(`${url}/api/v1/patients`, { headers: { cookie } })).json()) as {
      items: unknown[];
    };
    expect(patients.items.length).toBe(5);

    const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(data, 'exoclinic.sqlite'))).toBe(true);

    // A second start finds the clinic and creates no other.
    const again = await startServer(['--data', data]);
    expect(again.output()).not.toContain('Demo clinic');
    const stopped = new Promise((ok) => again.child.on('exit', ok));
    again.child.kill('SIGINT');
    await stopped;
  });
});
