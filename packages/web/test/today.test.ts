// Today and the chart's Sessions tab in Debian's Chromium against the real server (the demo clinic
// on a temporary SQLite folder, whose day is under way when it is created): the day by
// practitioner and by room with each appointment's status, a booked patient checked in from the
// day's link, an overdue adverse-event follow-up (reported through the API: the demo has none)
// and the demo's maintenance recall among the alerts, and the Sessions tab of a patient treated
// last year and of one treated today. Every page: axe, screenshots at desktop and phone width,
// no console error.
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
import { type Api, apiAs, signIn } from './support/session';

const ZONE = 'America/New_York'; // the demo clinic's sites
const DAY = 86_400_000;

interface Appt {
  id: string;
  patientId: string;
  status: string;
  practitionerId: string | null;
  roomId: string | null;
  local: { date: string; time: string };
}
interface Patient {
  id: string;
  givenName: string;
  familyName: string;
}

const STATUS_LABEL: Record<string, string> = {
  booked: 'Booked',
  'checked-in': 'Checked in',
  completed: 'Completed',
  'no-show': 'No-show',
  cancelled: 'Cancelled',
};

function clinicDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date(ms))
    .slice(0, 10);
}

describe('Today and the Sessions tab in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let api: Api;
  const errors: string[] = [];
  let appts: Appt[] = [];
  const names = new Map<string, string>();

  beforeAll(async () => {
    findChromium(); // fails with the install hint when Chromium is missing: never a silent skip
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser({ viewport: DESKTOP });
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    api = await apiAs(server.url, server.logins.owner!, server.password);
    const day = clinicDay(Date.now());
    appts = (await api<{ items: Appt[] }>('GET', `/appointments?from=${day}&to=${day}&includeCancelled=true`))
      .items;
    for (const a of appts) {
      const p = await api<Patient>('GET', `/patients/${a.patientId}`);
      names.set(a.patientId, `${p.givenName} ${p.familyName}`);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the day by practitioner and by room, each appointment with its status and next step', async () => {
    // The demo's day: a treated, a missed and a checked-in patient at least (more on a weekday).
    expect(appts.length).toBeGreaterThanOrEqual(3);
    const resources = await api<{ items: { id: string; name: string }[] }>('GET', '/resources');
    const nameOf = (id: string | null) => resources.items.find((r) => r.id === id)?.name ?? '';

    await signIn(page, server.url, server.logins.owner!, server.password);
    const schedule = page.getByRole('region', { name: 'Schedule' });
    await expect
      .poll(() => schedule.getByTestId('day-appointment').count(), { timeout: 10_000 })
      .toBe(appts.length);
    for (const a of appts) {
      const card = schedule.getByRole('region', { name: nameOf(a.practitionerId), exact: true });
      const row = card.getByTestId('day-appointment').filter({ hasText: names.get(a.patientId)! });
      expect(await row.getAttribute('data-status')).toBe(a.status);
      const text = await row.textContent();
      expect(text).toContain(a.local.time);
      expect(text).toContain(STATUS_LABEL[a.status]);
      expect(text).toMatch(/Session 1( of \d)? · Microneedling/);
    }
    // The next step: check in the booked, open the session of the checked in, the chart of the treated.
    const checkedIn = appts.find((a) => a.status === 'checked-in')!;
    const open = schedule.getByRole('link', {
      name: `Open the session of ${names.get(checkedIn.patientId)} at ${checkedIn.local.time}`,
    });
    await expect.poll(() => open.count()).toBe(1);
    const treated = appts.find((a) => a.status === 'completed')!;
    await expect
      .poll(() =>
        schedule
          .getByRole('link', {
            name: `View the chart of ${names.get(treated.patientId)} at ${treated.local.time}`,
          })
          .count(),
      )
      .toBe(1);
    const booked = appts.filter((a) => a.status === 'booked');
    expect(await schedule.getByRole('link', { name: /^Check in / }).count()).toBe(booked.length);
    await visit(page, 'today-01-by-practitioner');

    await schedule.getByText('By room', { exact: true }).click();
    await page.waitForURL(/by=room/);
    for (const a of appts) {
      const card = schedule.getByRole('region', { name: nameOf(a.roomId), exact: true });
      await expect
        .poll(() =>
          card
            .getByTestId('day-appointment')
            .filter({ hasText: names.get(a.patientId)! })
            .getAttribute('data-status'),
        )
        .toBe(a.status);
    }
    await visit(page, 'today-02-by-room');

    await open.click();
    await page.waitForURL(/\/sessions\//);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain(names.get(checkedIn.patientId));
  }, 120_000);

  it('checks a booked patient in from the day', async () => {
    const booked = appts.find((a) => a.status === 'booked');
    // A weekend morning holds only three sessions, none of them still to come.
    if (!booked) return;
    const name = names.get(booked.patientId)!;
    await page.getByRole('link', { name: 'Today' }).click();
    await page.getByRole('link', { name: `Check in ${name} at ${booked.local.time}` }).click();
    await page.waitForURL(new RegExp(`/patients/${booked.patientId}/check-in\\?appointment=${booked.id}`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(name);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await page.waitForURL(/\/sessions\//);
    await page.getByRole('link', { name: 'Today' }).click();
    const row = page.getByTestId('day-appointment').filter({ hasText: name });
    await expect.poll(() => row.getAttribute('data-status')).toBe('checked-in');
    await expect
      .poll(() =>
        page.getByRole('link', { name: `Open the session of ${name} at ${booked.local.time}` }).count(),
      )
      .toBe(1);
    const stored = await api<Appt>('GET', `/appointments/${booked.id}`);
    expect(stored.status).toBe('checked-in');
  }, 60_000);

  it('lists an overdue follow-up, the maintenance recall, stock and unread alerts', async () => {
    const treated = appts.find((a) => a.status === 'completed')!;
    await api('POST', `/patients/${treated.patientId}/adverse-events`, {
      typeId: 'redness',
      description: 'Redness of both cheeks that has not settled',
      onsetAt: Date.now() - 3 * DAY,
      grade: 1,
      followUps: [
        { title: 'Phone about the redness', dueAt: Date.now() - 2 * DAY },
        { title: 'Review photos at four weeks', dueAt: Date.now() + 28 * DAY },
      ],
    });
    await page.getByRole('link', { name: 'Today' }).click();
    await page.reload(); // the task was added behind the page's back
    const followUps = page.getByRole('list', { name: 'Adverse-event follow-ups overdue or due today' });
    await expect
      .poll(() => followUps.textContent(), { timeout: 10_000 })
      .toContain('Phone about the redness');
    const row = followUps.getByTestId('follow-up-alert').filter({ hasText: 'Phone about the redness' });
    expect(await row.textContent()).toMatch(/Overdue since .*Grade 1/s);
    expect(await row.textContent()).toContain(names.get(treated.patientId));
    // Not yet due: not on Today.
    expect(await followUps.textContent()).not.toContain('Review photos at four weeks');

    const recalls = page.getByRole('list', { name: /due or overdue for maintenance/ });
    await expect.poll(() => recalls.textContent()).toContain('Elena Novak');
    const maintenance = recalls
      .getByTestId('recall-alert')
      .filter({ hasText: 'Elena Novak' })
      .filter({ hasText: 'Maintenance session' });
    expect(await maintenance.textContent()).toMatch(/^(Due|Overdue)Elena Novak/);
    await expect
      .poll(() => page.getByRole('table', { name: /expire soon/ }).textContent())
      .toContain('CORD-0001');
    await expect.poll(() => page.getByTestId('today-unread-alerts').getAttribute('href')).toBe('/alerts');
    await visit(page, 'today-03-alerts');

    // The row leads to the patient's adverse events.
    await row.getByRole('link', { name: names.get(treated.patientId)! }).click();
    await page.waitForURL(/tab=adverse-events/);
  }, 60_000);

  it('shows a patient’s appointments and sessions with course progress on the Sessions tab', async () => {
    const found = await api<{ items: Patient[] }>('GET', '/patients?q=novak');
    const elena = found.items[0]!;
    await page.goto(`${server.url}/patients/${elena.id}?tab=sessions`);
    const table = page.getByRole('table', { name: 'Appointments and sessions' });
    await expect.poll(() => table.getByTestId('sessions-row').count()).toBe(3);
    const progress = page.getByTestId('course-progress');
    await expect.poll(() => progress.textContent()).toContain('3 of 3 sessions given');
    for (const r of await table.getByTestId('sessions-row').all()) {
      const text = await r.textContent();
      expect(text).toMatch(/Completed.*Signed/s);
      expect(text).toContain('Nadia Nurse');
      expect(text).toContain('CordVita exosome serum · lot CORD-0002');
    }
    await visit(page, 'sessions-tab-01-finished-course');
    await table
      .getByRole('link', { name: /^Open the session of / })
      .first()
      .click();
    await page.waitForURL(/\/sessions\//);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Session 1 of 3');

    // Today's treated patient: session 1 signed with the short-dated lot, the rest booked ahead.
    const treated = appts.find((a) => a.status === 'completed')!;
    await page.goto(`${server.url}/patients/${treated.patientId}?tab=sessions`);
    const rows = page.getByRole('table', { name: 'Appointments and sessions' }).getByTestId('sessions-row');
    await expect.poll(() => rows.first().textContent()).toContain('lot CORD-0001');
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await rows.nth(1).textContent()).toContain('Booked');
    // A booked session not yet given still says which of the series it is.
    expect(await rows.nth(1).textContent()).toMatch(/Session 2 of \d/);
    await expect
      .poll(() => page.getByTestId('course-progress').textContent())
      .toMatch(/1 of \d sessions given/);
    await visit(page, 'sessions-tab-02-course-under-way');

    expect(errors, errors.join('\n')).toEqual([]);
  }, 90_000);
});
