// The clinic's own settings in Debian's Chromium against the real server (the demo clinic): the
// owner sees a bad language tag named, changes the clinic to British English, pounds and London
// time and the portal's notice period to 48 hours, and staff pages and the patient portal then write dates that way; the front desk reads the
// settings without a form. axe-clean, screenshots at desktop and phone width, no console error
// beyond the refusals the test provokes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser, type RunningServer, startServer } from './support/browser';
import { DESKTOP, visit } from './support/pages';
import { prepareBrowserRun, signIn, watchErrors } from './support/session';

// "30 Jun 2031" (en-GB) rather than "Jun 30, 2031" (en-US).
const BRITISH_DAY = /\d{1,2} [A-Z][a-z]{2} \d{4}/;
const AMERICAN_DAY = /[A-Z][a-z]{2} \d{1,2}, \d{4}/;

describe('clinic settings in Chromium', () => {
  let server: RunningServer;
  let staff: Browser;
  let patient: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    prepareBrowserRun();
    server = await startServer();
    staff = await launchBrowser({ viewport: DESKTOP });
    patient = await launchBrowser({ viewport: DESKTOP });
  }, 120_000);

  afterAll(async () => {
    await staff?.close();
    await patient?.close();
    await server?.stop();
  });

  it('the owner changes locale, currency and time zone; bad values are named; pages follow', async () => {
    const page = await staff.context.newPage();
    watchErrors(page, errors);
    await signIn(page, server.url, server.logins.owner!, server.password, '**/today');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Clinic' }).click();
    await expect.poll(() => page.getByLabel(/^Clinic name/).inputValue()).toBe('Demo Exosome Clinic');
    expect(await page.getByLabel(/^Language and region/).inputValue()).toBe('en-US');
    expect(await page.getByLabel(/^Phone/).inputValue()).toBe('+1 555-0100');
    await expect.poll(() => page.getByTestId('clinic-preview').textContent()).toMatch(/\$1,234\.50/);
    await visit(page, '40-clinic-settings');

    // A tag no browser knows is flagged at once, and the server names it when sent anyway.
    await page.getByLabel(/^Language and region/).fill('en-US-!!');
    await expect.poll(() => page.getByText('Not a language tag this browser knows').isVisible()).toBe(true);
    await page.getByLabel(/^E-mail/).fill('not an address');
    // The portal's notice period: a week at most, whole hours; named before anything is sent.
    expect(await page.getByLabel(/^Patients may move a session online until/).inputValue()).toBe('24');
    await page.getByLabel(/^Patients may move a session online until/).fill('200');
    await expect
      .poll(() => page.getByText('Give a whole number of hours from 0 to 168.').isVisible())
      .toBe(true);
    await page.getByLabel(/^Patients may move a session online until/).fill('48');
    await page.getByRole('button', { name: 'Save the clinic settings' }).click();
    await expect.poll(() => page.getByText('must be an e-mail address').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/must be a BCP 47 language tag/).isVisible()).toBe(true);
    await visit(page, '41-clinic-settings-invalid');
    // The refusal is the 422 the test asked for; the browser logs it.
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('status of 422')));

    await page.getByLabel(/^Language and region/).fill('en-GB');
    await page.getByLabel(/^E-mail/).fill('frontdesk@demo-clinic.example');
    await page.getByRole('combobox', { name: 'Currency', exact: true }).fill('GBP');
    await page.getByRole('option', { name: /^GBP/ }).click();
    await page.getByRole('combobox', { name: 'Time zone', exact: true }).fill('Europe/Lon');
    await page.getByRole('option', { name: 'Europe/London' }).click();
    await expect.poll(() => page.getByTestId('clinic-preview').textContent()).toMatch(/£1,234\.50/);
    await page.getByRole('button', { name: 'Save the clinic settings' }).click();
    await expect.poll(() => page.getByTestId('clinic-saved').isVisible()).toBe(true);
    await visit(page, '42-clinic-settings-saved');

    // Saved on the server, not only on the screen.
    const clinic = await page.evaluate(async () => (await fetch('/api/v1/clinic')).json());
    expect(clinic).toMatchObject({
      locale: 'en-GB',
      currency: 'GBP',
      timeZone: 'Europe/London',
      email: 'frontdesk@demo-clinic.example',
      patientChangeNoticeHours: 48,
      version: 2,
    });

    // A fresh load of a staff page writes days the British way.
    await page.goto(`${server.url}/products`);
    await expect
      .poll(() =>
        page
          .getByRole('table', { name: /^Lots of/ })
          .first()
          .textContent(),
      )
      .toMatch(BRITISH_DAY);
    expect(
      await page
        .getByRole('table', { name: /^Lots of/ })
        .first()
        .textContent(),
    ).not.toMatch(AMERICAN_DAY);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the patient portal writes dates in the clinic’s locale', async () => {
    const page = await patient.context.newPage();
    watchErrors(page, errors);
    await signIn(page, server.url, server.logins.patient!, server.password, '**/my');
    await expect.poll(() => page.locator('main').textContent()).toMatch(BRITISH_DAY);
    expect(await page.locator('main').textContent()).not.toMatch(AMERICAN_DAY);
    await visit(page, '43-portal-clinic-locale');
    expect(errors).toEqual([]);
  }, 90_000);

  it('the front desk reads the settings without a form', async () => {
    const desk = await launchBrowser({ viewport: DESKTOP });
    const page = await desk.context.newPage();
    watchErrors(page, errors);
    await signIn(page, server.url, server.logins.front_desk!, server.password, '**/today');
    await page.goto(`${server.url}/settings?tab=clinic`);
    const table = page.getByRole('table', { name: 'The clinic' });
    await expect.poll(() => table.textContent()).toContain('en-GB');
    expect(await table.textContent()).toContain('GBP');
    expect(await table.textContent()).toContain('48 hours before the session');
    expect(await page.getByRole('button', { name: 'Save the clinic settings' }).count()).toBe(0);
    await visit(page, '44-clinic-settings-read-only');
    await desk.close();
    expect(errors).toEqual([]);
  }, 90_000);
});
