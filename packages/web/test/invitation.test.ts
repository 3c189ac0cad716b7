// Invitation links in Debian's Chromium, against the real server mailing through a real SMTP
// server on the loopback: staff send a portal invitation from the patient's profile, the link is
// read from the mail, the patient opens it, chooses a password and lands on the portal; a used or
// unknown link says so; a manager invites a staff member in Settings, who lands on Today. Every
// page axe-checked and screenshotted at desktop and phone width; no unexpected console error.
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpSink } from '../../server/test/helpers/smtp';
import { type Browser, launchBrowser, type RunningServer, startServer } from './support/browser';
import { DESKTOP, visit } from './support/pages';
import { prepareBrowserRun, signIn, watchErrors } from './support/session';

// The browser reports every 4xx answer; the refused links below are refused on purpose.
const refusedLink = (m: ConsoleMessage) =>
  m.text().startsWith('Failed to load resource') && m.location().url.includes('/api/v1/invitations/');

describe('invitation links in Chromium', () => {
  let sink: Awaited<ReturnType<typeof smtpSink>>;
  let server: RunningServer;
  let staffBrowser: Browser;
  let inviteeBrowser: Browser;
  let staff: Page;
  let invitee: Page;
  const errors: string[] = [];
  const stamp = Date.now().toString(36);
  const patientEmail = `lena.${stamp}@example.org`;
  const family = `Okafor${stamp.slice(-4)}`;
  const staffEmail = `sam.${stamp}@example.org`;
  let patientId = '';
  let patientLink = '';

  /** The invitation link in the newest mail to `to` (serve sends the outbox every 10 s). */
  async function linkMailedTo(to: string): Promise<string> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const mail = sink.received.filter((m) => m.to.includes(to)).at(-1);
      const link = mail && /(http:\/\/\S+\/invite\/\S+)/.exec(mail.raw)?.[1];
      if (link) return link;
      if (Date.now() > deadline) throw new Error(`no invitation mail to ${to}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    prepareBrowserRun();
    sink = await smtpSink();
    server = await startServer({ env: { EXOCLINIC_SMTP_URL: `smtp://127.0.0.1:${sink.port}` } });
    staffBrowser = await launchBrowser({ viewport: DESKTOP });
    inviteeBrowser = await launchBrowser({ viewport: DESKTOP });
    staff = watchErrors(await staffBrowser.context.newPage(), errors, refusedLink).page;
    invitee = watchErrors(await inviteeBrowser.context.newPage(), errors, refusedLink).page;

    // A new patient with an e-mail and no portal account, registered through the API.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.logins.owner, password: server.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await fetch(`${server.url}/api/v1/patients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        givenName: 'Lena',
        familyName: family,
        dateOfBirth: '1988-03-02',
        sex: 'female',
        email: patientEmail,
      }),
    });
    expect(created.status).toBe(201);
    patientId = ((await created.json()) as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    await staffBrowser?.close();
    await inviteeBrowser?.close();
    await server?.stop();
    await sink?.close();
  });

  it('staff send a portal invitation from the profile and see it sent', async () => {
    await signIn(staff, server.url, server.logins.owner!, server.password);
    await staff.goto(`${server.url}/patients/${patientId}?tab=profile`);
    await expect
      .poll(() => staff.getByText(`The invitation goes to ${patientEmail}.`).isVisible())
      .toBe(true);
    await staff.getByRole('button', { name: 'Send portal invitation' }).click();
    await expect.poll(() => staff.getByTestId('portal-invitation').textContent()).toContain('Sent');
    await expect
      .poll(() => staff.getByTestId('portal-invitation').textContent())
      .toContain(`to ${patientEmail}`);
    await expect
      .poll(() => staff.getByRole('button', { name: 'Send a new invitation' }).isVisible())
      .toBe(true);
    await visit(staff, 'invite-01-profile-sent');
  }, 60_000);

  it('the patient opens the mailed link, is told a bad password, then lands on the portal', async () => {
    patientLink = await linkMailedTo(patientEmail);
    expect(patientLink.startsWith(`${server.url}/invite/`)).toBe(true);
    await invitee.goto(patientLink);
    await expect
      .poll(() => invitee.getByTestId('invite-clinic').textContent())
      .toMatch(/invites you to sign in/);
    await expect.poll(() => invitee.getByLabel('Invitation for').inputValue()).toBe(`Lena ${family}`);
    expect(await invitee.getByLabel('E-mail').inputValue()).toBe(patientEmail);
    await visit(invitee, 'invite-02-open');

    // Two different passwords: said at the second field, nothing sent.
    await invitee.getByLabel(/^New password/).fill('first long password');
    await invitee.getByLabel(/^Repeat the password/).fill('second long password');
    await invitee.getByRole('button', { name: 'Save the password and sign in' }).click();
    await expect.poll(() => invitee.getByText('The two passwords are not the same.').isVisible()).toBe(true);
    // Too short: the server's rule, named at the password field.
    await invitee.getByLabel(/^New password/).fill('short');
    await invitee.getByLabel(/^Repeat the password/).fill('short');
    await invitee.getByRole('button', { name: 'Save the password and sign in' }).click();
    await expect.poll(() => invitee.getByText('must be at least 10 characters').isVisible()).toBe(true);
    await visit(invitee, 'invite-03-bad-password');

    await invitee.getByLabel(/^New password/).fill('lena portal password');
    await invitee.getByLabel(/^Repeat the password/).fill('lena portal password');
    await invitee.getByRole('button', { name: 'Save the password and sign in' }).click();
    await invitee.waitForURL('**/my');
    await expect.poll(() => invitee.getByRole('heading', { level: 1 }).textContent()).toBe('My plan');
    await expect.poll(() => invitee.getByText(`Lena ${family}`).first().isVisible()).toBe(true);
  }, 90_000);

  it('a used link and an unknown link say what to do', async () => {
    await invitee.goto(patientLink);
    await expect.poll(() => invitee.getByTestId('invite-used').textContent()).toContain('already used');
    await visit(invitee, 'invite-04-used');
    await invitee.goto(`${server.url}/invite/not-a-real-link`);
    await expect.poll(() => invitee.getByTestId('invite-unknown').textContent()).toContain('does not work');
    await visit(invitee, 'invite-05-unknown');

    await staff.reload();
    await expect.poll(() => staff.getByTestId('portal-active').textContent()).toContain(patientEmail);
    await expect.poll(() => staff.getByTestId('portal-invitation').textContent()).toContain('Accepted');
  }, 60_000);

  it('a manager invites a staff member in Settings, who chooses a password and lands on Today', async () => {
    await staff.goto(`${server.url}/settings?tab=users`);
    const form = staff.getByRole('form', { name: 'Invite a staff member' });
    await form.getByLabel(/^Name/).fill('Sam Rivera');
    await form.getByLabel(/^E-mail/).fill(staffEmail);
    await form.getByLabel('Role').selectOption('front_desk');
    await staff.getByRole('button', { name: 'Send invitation' }).click();
    await expect.poll(() => staff.getByTestId('staff-invited').textContent()).toContain(staffEmail);
    const row = staff.getByRole('row').filter({ hasText: staffEmail });
    await expect.poll(() => row.textContent()).toContain('Invited · link works until');
    await expect.poll(() => row.textContent()).toContain('Front desk');
    await visit(staff, 'invite-06-settings-users');

    const link = await linkMailedTo(staffEmail);
    await inviteeBrowser.context.clearCookies();
    await invitee.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await invitee.goto(link);
    await expect.poll(() => invitee.getByLabel('Invitation for').inputValue()).toBe('Sam Rivera');
    await invitee.getByLabel(/^New password/).fill('sam desk password');
    await invitee.getByLabel(/^Repeat the password/).fill('sam desk password');
    await invitee.getByRole('button', { name: 'Save the password and sign in' }).click();
    await invitee.waitForURL('**/today');

    await staff.reload();
    await expect
      .poll(() => staff.getByRole('row').filter({ hasText: staffEmail }).textContent())
      .toContain('Active');
  }, 90_000);

  it('logged no unexpected console errors', () => {
    expect(errors).toEqual([]);
  });
});
