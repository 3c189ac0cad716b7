// What the HTTP benchmarks share before they measure: a clinic and its owner created by the real
// `exoclinic init`, and the owner signed in through the real API.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../packages/server/src/cli/main';
import { skinProfile } from '../../packages/server/test/helpers/profiles';

export const BENCH_PASSWORD = 'benchmark password';

/** `exoclinic init` on STORAGE (`--data DIR` or `--database-url URL`); the owner's e-mail. */
export async function initBenchClinic(storage: string[], dir: string): Promise<string> {
  const pw = join(dir, 'pw');
  writeFileSync(pw, BENCH_PASSWORD);
  const email = `bench.${randomBytes(4).toString('hex')}@example.org`;
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  const code = await main(
    ['init', ...storage, '--tenant', 'Bench', '--owner-email', email, '--owner-password-file', pw],
    { stdin: process.stdin, stdout: quiet, stderr: process.stderr, env: {}, cwd: process.cwd() } as never,
  );
  if (code !== 0) throw new Error(`init failed (${code})`);
  return email;
}

export interface SignedIn {
  cookie: string;
  /** The headers of a signed-in JSON write: cookie, CSRF token, content type. */
  headers: Record<string, string>;
}

/** Sign in at the server's API as EMAIL. */
export async function signInBench(baseUrl: string, email: string): Promise<SignedIn> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken } };
}

/** A new patient with a skin consultation planned through the API; the patient's id. */
export async function patientWithPlan(baseUrl: string, signedIn: SignedIn): Promise<string> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method: 'POST',
      headers: signedIn.headers,
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const patient = await post('/patients', {
    givenName: 'Bench',
    familyName: 'Mark',
    dateOfBirth: '1980-01-01',
    sex: 'female',
  });
  const consultation = await post(`/patients/${patient.id}/consultations`, { profile: skinProfile() });
  await post(`/consultations/${consultation.id}/plans`, {});
  return patient.id;
}
