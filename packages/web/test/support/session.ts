import { mkdirSync } from 'node:fs';
import type { ConsoleMessage, Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  type Browser,
  ensureWebBuilt,
  findChromium,
  launchBrowser,
  type RunningServer,
  startServer,
} from './browser';
import { DESKTOP, SHOTS } from './pages';

// What the browser tests share around their pages: the set-up before the first page, the watch
// for console errors, signing in through the login page, and an API client for the data the demo
// clinic does not have.

/**
 * Before the first page: Chromium is there (else the install hint: never a silent skip), the
 * screenshot folder exists and the web app is built from the current sources.
 */
export function prepareBrowserRun(): void {
  findChromium();
  mkdirSync(SHOTS, { recursive: true });
  ensureWebBuilt();
}

export interface Watched {
  page: Page;
  errors: string[];
}

/**
 * Collects the page's console errors and uncaught exceptions into `errors` (a list of its own, or
 * one shared by several pages), each with the page's address and where it was logged. `expected`
 * passes over console errors the test provokes on purpose.
 */
export function watchErrors(
  page: Page,
  errors: string[] = [],
  expected?: (m: ConsoleMessage) => boolean,
): Watched {
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected?.(m))
      errors.push(`${page.url()}: ${m.text()} ${JSON.stringify(m.location())}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { page, errors };
}

/**
 * Signs in through the login page and waits for the page it lands on (a URL glob or pattern;
 * null: the test looks for itself, e.g. for a refusal).
 */
export async function signIn(
  page: Page,
  base: string,
  email: string,
  password: string,
  lands: string | RegExp | null = '**/today',
): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (lands !== null) await page.waitForURL(lands);
}

/**
 * The usual start of a browser test: prepared as above, the real server on a fresh folder (with
 * `env` added to its environment) and one desktop-sized Chromium page whose console errors go to
 * `errors`. Nothing is left running when a part fails to start.
 */
export async function openSession(
  errors: string[],
  options: { env?: Record<string, string> } = {},
): Promise<{ server: RunningServer; browser: Browser; page: Page }> {
  prepareBrowserRun();
  const server = await startServer(options);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser({ viewport: DESKTOP });
    const page = await browser.context.newPage();
    watchErrors(page, errors);
    return { server, browser, page };
  } catch (e) {
    await browser?.close();
    await server.stop();
    throw e;
  }
}

/** A signed-in API client (its own login's cookie and CSRF token), for setting up data. */
export async function apiAs(base: string, email: string, password: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
}

export type Api = Awaited<ReturnType<typeof apiAs>>;
