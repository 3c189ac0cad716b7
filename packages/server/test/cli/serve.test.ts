import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server-process';

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
    expect(patients.items.length).toBe(11); // five at the stages of care, one treated last year, five booked for the day

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
