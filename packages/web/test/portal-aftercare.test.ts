// The portal's aftercare page in Debian's Chromium against the real server (the demo clinic): a
// plan whose first session days have passed but with no session charted shows the aftercare
// advice without the "Print aftercare (PDF)" link, whose PDF would be a 404 (the link itself, once
// a session is charted, is followed in e2e.test.ts). Axe and screenshots at desktop and phone width.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  ensureWebBuilt,
  findChromium,
  launchBrowser,
  type RunningServer,
  startServer,
} from './support/browser';
import { DESKTOP, SHOTS, visit } from './support/pages';

const DAY = 86_400_000;

/** A signed-in API client, for what the demo clinic does not have yet. */
async function apiAs(base: string, email: string, password: string) {
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
  return async <T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
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
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

describe('portal aftercare: the print link only with a charted session (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let patientId = '';
  const errors: string[] = [];

  beforeAll(async () => {
    findChromium();
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    server = await startServer();
    // Aiko's plan (the demo portal patient) moved to start five weeks ago: its first session
    // days have passed, and no session was checked in or charted.
    const staff = await apiAs(server.url, server.logins.owner!, server.password);
    type Found = { items: { id: string; currentVersion: number }[] };
    patientId = (await staff<Found>('GET', '/patients?q=tanaka')).body.items[0]!.id;
    const plan = (await staff<Found>('GET', `/patients/${patientId}/plans`)).body.items[0]!;
    const revised = await staff('POST', `/plans/${plan.id}/versions`, {
      basedOnVersion: plan.currentVersion,
      reason: 'Started earlier than first planned',
      startDate: new Date(Date.now() - 35 * DAY).toISOString().slice(0, 10),
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(201);
    browser = await launchBrowser({ viewport: DESKTOP });
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-mail/).fill(server.logins.patient!);
    await page.getByLabel(/^Password/).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/my');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the advice for the passed session days, and no print link while nothing is charted', async () => {
    await page.getByRole('link', { name: 'Aftercare' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Aftercare', level: 1 }).isVisible())
      .toBe(true);
    // The planned days have passed: the page offers them…
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Counting from the session on' }).isVisible())
      .toBe(true);
    // …but the server has no charted session, so the PDF would be a 404: no link.
    const answer = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/patients/${id}/aftercare-session`, { credentials: 'same-origin' });
      return res.json();
    }, patientId);
    expect(answer).toEqual({ session: null });
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('link', { name: 'Print aftercare (PDF)' }).count()).toBe(0);
    await visit(page, 'portal-aftercare-nothing-charted');
    expect(errors).toEqual([]);
  }, 60_000);
});
