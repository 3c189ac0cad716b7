// Clinic settings in Debian's Chromium against the real server on a temporary SQLite folder (the
// demo clinic): a room added and given its own hours (after one refused attempt whose error is
// shown), a closed day added to a site, a clinic default protocol chosen and found preselected in
// the consultation wizard with the sources' disagreement still shown. Every settings tab is
// axe-checked and screenshotted at desktop and phone width; no page may log a console error.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, RunningServer } from './support/browser';
import { visit } from './support/pages';
import { openSession, signIn } from './support/session';

interface ResourceView {
  id: string;
  name: string;
  kind: string;
  locationId: string | null;
  hours: { locationId: string; weekly: Record<string, { open: string; close: string }[]> }[];
}

/** GET through the page's own session cookie: what the server stored, not what the page shows. */
const apiGet = <T>(page: Page, path: string): Promise<T> =>
  page.evaluate(async (p) => {
    const res = await fetch(`/api/v1${p}`, { credentials: 'same-origin' });
    return res.json();
  }, path) as Promise<T>;

describe('clinic settings in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await openSession(errors));
    await signIn(page, server.url, server.logins.owner!, server.password);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('adds a room, refuses hours that end before they start, then saves them; adds a closed day to a site', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Resources and hours' }).click();
    await page.waitForURL(/tab=resources/);
    const table = page.getByRole('table', { name: 'Rooms, devices and practitioners' });
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    // The site's times are read in its own zone, and the page says which.
    await expect
      .poll(() =>
        page
          .getByText(/Times in America\/New_York/)
          .first()
          .isVisible(),
      )
      .toBe(true);

    // A room: added, then its dialog opens to set its hours.
    await page.getByLabel(/^Name/).fill('Quiet room');
    await page.getByRole('button', { name: 'Add the room' }).click();
    const dialog = page.getByRole('dialog', { name: /Quiet room/ });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => table.textContent()).toContain('Quiet room');
    const room = (await apiGet<{ items: ResourceView[] }>(page, '/resources')).items.find(
      (r) => r.name === 'Quiet room',
    )!;
    expect(room).toMatchObject({ kind: 'room', hours: [] });

    await dialog.getByRole('checkbox', { name: /Own hours/ }).check();
    await dialog.getByRole('button', { name: 'Add hours on Monday' }).click();
    await dialog.getByLabel('Monday, closes (range 1)').fill('08:00');
    await dialog.getByRole('button', { name: 'Save the hours' }).click();
    await expect.poll(() => dialog.getByText('The end must come after the start.').isVisible()).toBe(true);
    await expect.poll(() => dialog.getByText('Nothing was saved').isVisible()).toBe(true);
    // Refused in the page: the server still has no hours for the room.
    const stillNone = (await apiGet<ResourceView>(page, `/resources/${room.id}`)).hours;
    expect(stillNone).toEqual([]);
    await visit(page, '40-settings-room-hours-refused');

    await dialog.getByLabel('Monday, closes (range 1)').fill('13:00');
    await dialog.getByRole('button', { name: 'Add hours on Wednesday' }).click();
    await dialog.getByRole('button', { name: 'Save the hours' }).click();
    await expect.poll(() => dialog.getByText('Saved.').isVisible()).toBe(true);
    const saved = await apiGet<ResourceView>(page, `/resources/${room.id}`);
    expect(saved.hours).toEqual([
      {
        locationId: room.locationId,
        weekly: { '1': [{ open: '09:00', close: '13:00' }], '3': [{ open: '09:00', close: '17:00' }] },
      },
    ]);
    await visit(page, '41-settings-room-hours-saved');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect
      .poll(() => page.locator(`tr[data-resource="Quiet room"]`).textContent())
      .toContain('own hours');

    // A closed day at the site, in the site's calendar.
    const day = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Closed on').fill(day);
    await page.getByRole('button', { name: 'Add the closed day' }).click();
    await page.getByRole('button', { name: 'Save the site’s hours' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    const firstSite = (await apiGet<{ items: { id: string }[] }>(page, '/locations')).items[0]!;
    const schedule = await apiGet<{ closures: string[] }>(page, `/locations/${firstSite.id}/schedule`);
    expect(schedule.closures).toContain(day);
    await expect.poll(() => page.getByRole('list', { name: 'Closed days' }).textContent()).toMatch(/\d{4}/);
  }, 120_000);

  it('chooses a clinic default protocol and finds it preselected in the consultation wizard', async () => {
    await page.goto(`${server.url}/settings?tab=protocols`);
    const table = page.getByRole('table', { name: 'Protocols the clinic offers' });
    await expect.poll(() => table.textContent()).toContain('skin-rejuvenation/S3');
    // The reference-only protocol cannot be offered; the disagreement stays in view.
    await expect
      .poll(() => table.locator('tr[data-protocol="skin-rejuvenation/S4"]').textContent())
      .toContain('Reference only');
    await expect
      .poll(() => page.getByText('Where the sources disagree', { exact: true }).isVisible())
      .toBe(true);

    await table.locator('tr[data-protocol="skin-rejuvenation/S3"]').getByRole('radio').check();
    await table.locator('tr[data-protocol="skin-rejuvenation/LIANG-2022"]').getByRole('checkbox').uncheck();
    await page.getByRole('button', { name: 'Save the protocol choices' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    const stored = await apiGet<{ indications: Record<string, { offered: string[]; default: string }> }>(
      page,
      '/settings/protocols',
    );
    expect(stored.indications['skin-rejuvenation']).toMatchObject({
      default: 'skin-rejuvenation/S3',
      customised: true,
    });
    expect(stored.indications['skin-rejuvenation']!.offered).not.toContain('skin-rejuvenation/LIANG-2022');
    expect(stored.indications['skin-rejuvenation']!.offered[0]).toBe('skin-rejuvenation/S3');
    await expect
      .poll(() =>
        page
          .getByText('This clinic starts from “Series of 3–4, four to six weeks apart”', { exact: false })
          .isVisible(),
      )
      .toBe(true);

    // The consultation wizard: profile, screening, then the protocols with the clinic's default chosen.
    const patients = await apiGet<{ items: { id: string }[] }>(page, '/patients?q=gonz');
    await page.goto(`${server.url}/patients/${patients.items[0]!.id}/consultation`);
    await expect.poll(() => page.getByRole('heading', { name: 'Profile', level: 2 }).isVisible()).toBe(true);
    await page.getByRole('combobox', { name: 'Product' }).click();
    await page.getByRole('option', { name: /CordVita/ }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Screening', level: 3 }).isVisible())
      .toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();
    const compared = page.getByRole('table', { name: 'Protocols compared' });
    await expect.poll(() => compared.textContent()).toContain('skin-rejuvenation/S3');
    const s3 = page.getByRole('radio', { name: /Series of 3–4, four to six weeks apart/ });
    await expect.poll(() => s3.isChecked()).toBe(true);
    // Offered first, the clinic's default on top; the others still listed, marked as not offered.
    const firstRow = compared.locator('tbody tr').first();
    expect(await firstRow.textContent()).toContain('Clinic default');
    expect(await compared.locator('tbody tr').last().textContent()).toContain('Not offered by this clinic');
    await expect
      .poll(() =>
        page
          .getByText('S1 spaces sessions 2–4 weeks apart; S3 spaces them 4–6 weeks apart.')
          .first()
          .isVisible(),
      )
      .toBe(true);
    await visit(page, '42-wizard-protocol-clinic-default');
    // The plan preview follows the clinic's default.
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.getByText('Live preview').isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/skin-rejuvenation\/S3 · v/)
          .first()
          .isVisible(),
      )
      .toBe(true);
  }, 120_000);

  it('every settings tab passes axe at desktop and phone width', async () => {
    await page.goto(`${server.url}/settings`);
    for (const [tab, name, text] of [
      ['Locations', '43-settings-locations', 'Downtown'],
      ['Users and roles', '44-settings-users', 'owner@'],
      ['Price lists', '45-settings-price-lists', 'USD'],
      ['Consent templates', '46-settings-templates', 'v1'],
      ['Resources and hours', '47-settings-resources', 'Quiet room'],
      ['Protocols offered', '48-settings-protocols', 'skin-rejuvenation/S3'],
    ] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await expect.poll(() => page.getByRole('tabpanel').textContent()).toContain(text);
      await visit(page, name);
    }
    expect(errors).toEqual([]);
  }, 180_000);
});
