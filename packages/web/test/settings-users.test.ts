// Settings › Users and roles in Debian's Chromium against the real server on a temporary SQLite
// folder (the demo clinic): the owner renames a practitioner and makes them front desk, deactivates
// and reactivates them (each confirmed; the server's stored state and the sign-in checked), and
// tries to demote and to deactivate themself as the clinic's only owner: the server refuses and the
// page shows why at the field, in the app's readable error red. Axe and screenshots at desktop
// and phone width; no console errors.
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

interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: string;
  active: boolean;
}

/** What the server stored, read through the page's own session cookie. */
const users = (page: Page): Promise<UserView[]> =>
  page.evaluate(async () => {
    const res = await fetch('/api/v1/users', { credentials: 'same-origin' });
    return (await res.json()).items;
  });

/** A sign-in attempt from outside the browser (nothing kept): the answer's status. */
const tryLogin = async (url: string, email: string, password: string): Promise<number> =>
  (
    await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
  ).status;

describe('Settings › Users and roles in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let practitioner: UserView;
  let owner: UserView;

  beforeAll(async () => {
    findChromium();
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser({ viewport: DESKTOP });
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-mail/).fill(server.logins.owner!);
    await page.getByLabel(/^Password/).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/today');
    const all = await users(page);
    practitioner = all.find((u) => u.email === server.logins.practitioner)!;
    owner = all.find((u) => u.email === server.logins.owner)!;
    expect(all.filter((u) => u.role === 'owner' && u.active)).toHaveLength(1);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rowOf = (email: string) => page.getByRole('row').filter({ hasText: email });

  it('lists the staff with role and status, and changes a colleague’s name and role', async () => {
    await page.goto(`${server.url}/settings?tab=users`);
    const table = page.getByRole('table', { name: 'Users and roles' });
    await expect.poll(() => table.textContent()).toContain(practitioner.email);
    // Staff only: the portal accounts are managed from the patient's chart.
    expect(await table.textContent()).not.toContain(server.logins.patient!);
    await expect.poll(() => rowOf(owner.email).textContent()).toContain('(you)');
    await expect.poll(() => rowOf(practitioner.email).textContent()).toContain('Active');
    await visit(page, 'users-01-list');

    await page.getByRole('button', { name: `Edit ${practitioner.displayName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change ${practitioner.displayName}` });
    await dialog.getByLabel(/^Name/).fill('Dr. Ana Ruiz');
    await dialog.getByLabel('Role').selectOption('front_desk');
    await visit(page, 'users-02-edit');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.getByTestId('users-notice').textContent())
      .toBe('Saved the changes to Dr. Ana Ruiz.');
    await expect.poll(() => rowOf(practitioner.email).textContent()).toContain('Front desk');
    const stored = (await users(page)).find((u) => u.id === practitioner.id)!;
    expect(stored).toMatchObject({ displayName: 'Dr. Ana Ruiz', role: 'front_desk', active: true });
  }, 120_000);

  it('deactivates a colleague after confirming (no sign-in), then reactivates them', async () => {
    await page.getByRole('button', { name: 'Deactivate Dr. Ana Ruiz' }).click();
    const confirm = page.getByRole('dialog', { name: 'Deactivate Dr. Ana Ruiz?' });
    await expect.poll(() => confirm.textContent()).toContain('signed out at once');
    await visit(page, 'users-03-confirm-deactivate');
    // Cancel changes nothing.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => confirm.count()).toBe(0);
    expect((await users(page)).find((u) => u.id === practitioner.id)!.active).toBe(true);

    await page.getByRole('button', { name: 'Deactivate Dr. Ana Ruiz' }).click();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await expect
      .poll(() => page.getByTestId('users-notice').textContent())
      .toBe('Dr. Ana Ruiz is deactivated.');
    await expect.poll(() => rowOf(practitioner.email).textContent()).toContain('Deactivated');
    expect((await users(page)).find((u) => u.id === practitioner.id)!.active).toBe(false);
    expect(await tryLogin(server.url, practitioner.email, server.password)).toBe(401);
    await visit(page, 'users-04-deactivated');

    await page.getByRole('button', { name: 'Reactivate Dr. Ana Ruiz' }).click();
    const back = page.getByRole('dialog', { name: 'Reactivate Dr. Ana Ruiz?' });
    await back.getByRole('button', { name: 'Reactivate' }).click();
    await expect
      .poll(() => page.getByTestId('users-notice').textContent())
      .toBe('Dr. Ana Ruiz is active again.');
    await expect.poll(() => rowOf(practitioner.email).textContent()).toContain('Active');
    expect((await users(page)).find((u) => u.id === practitioner.id)!.active).toBe(true);
    expect(await tryLogin(server.url, practitioner.email, server.password)).toBe(200);
  }, 120_000);

  it('refuses to demote or deactivate the clinic’s last owner, and says why', async () => {
    await page.getByRole('button', { name: `Edit ${owner.displayName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change ${owner.displayName}` });
    await expect
      .poll(() => dialog.textContent())
      .toContain('Your own role is changed by another owner or administrator.');
    await dialog.getByLabel('Role').selectOption('admin');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    const fieldError = dialog.getByText('is the last active owner');
    await expect.poll(() => fieldError.isVisible()).toBe(true);
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('the clinic needs at least one active owner: make someone else owner first');
    // The one error red of the app (theme.ts), not Mantine's light default.
    expect(await fieldError.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(181, 38, 38)');
    await visit(page, 'users-05-last-owner-role');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: `Deactivate ${owner.displayName}` }).click();
    const confirm = page.getByRole('dialog', { name: `Deactivate ${owner.displayName}?` });
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await expect
      .poll(() => confirm.getByRole('alert').textContent())
      .toContain('the clinic needs at least one active owner');
    await visit(page, 'users-06-last-owner-deactivate');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    const stored = (await users(page)).find((u) => u.id === owner.id)!;
    expect(stored).toMatchObject({ role: 'owner', active: true });
  }, 120_000);

  it('logged no unexpected console errors', () => {
    expect(errors).toEqual([]);
  });
});
