// The portal's sessions page in Debian's Chromium against the real server (demo clinic on a
// temporary SQLite folder). The clinic accepts Aiko's plan and books her course through the API;
// Aiko signs in, sees her sessions on the clinic's clock, downloads one as an .ics file (its
// content checked), moves session 2 to another free time inside its window, and is told to call
// the clinic when the time she chose for session 3 left its window meanwhile (the front desk moved
// session 4). Every page state: axe, screenshots at desktop and phone width, no console error.
import { mkdirSync, readFileSync } from 'node:fs';
import { type APIRequestContext, type Locator, type Page, request } from 'playwright-core';
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
const PHONE_NUMBER = '+1 555-0142';

interface Appointment {
  id: string;
  sessionIndex: number | null;
  status: string;
  start: number;
  end: number;
  version: number;
  local: { date: string; time: string; timeZone: string };
  window: { earliest: string; latest: string } | null;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
/** Node and Chromium may space a date range differently (thin or plain spaces): compare the words. */
const words = (x: string | null) => (x ?? '').replace(/\s+/g, ' ');
/** A session's day and hours as the page writes them in en-US on its site's clock. */
const range = (a: Appointment) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: a.local.timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).formatRange(a.start, a.end);
const icsTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

describe('the portal sessions page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let staff: APIRequestContext;
  let csrf = '';
  const errors: string[] = [];
  let course: Appointment[] = [];

  /** The API as the clinic's owner, beside the patient's browser session. */
  async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, headers = {}) {
    const res = await staff.fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        'x-csrf-token': csrf,
        ...headers,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { data: JSON.stringify(body) }),
    });
    return { status: res.status(), json: (await res.json()) as T };
  }
  async function ok<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, headers = {}) {
    const r = await api<T>(method, path, body, headers);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.json)}`).toBeLessThan(300);
    return r.json;
  }
  const appointment = (id: string) => ok<Appointment>('GET', `/appointments/${id}`);
  const card = (n: number) => page.getByTestId('session-card').nth(n);

  beforeAll(async () => {
    findChromium(); // fails with the install hint when Chromium is missing: never a silent skip
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    server = await startServer();
    browser = await launchBrowser({ viewport: DESKTOP });
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()} ${JSON.stringify(m.location())}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    staff = await request.newContext();
    const login = await staff.post(`${server.url}/api/v1/auth/login`, {
      data: { email: server.logins.owner, password: server.password },
    });
    expect(login.status()).toBe(200);
    csrf = (await login.json()).csrfToken;
  }, 180_000);

  afterAll(async () => {
    await staff?.dispose();
    await browser?.close();
    await server?.stop();
  });

  it('the clinic books Aiko’s course through the API', async () => {
    const clinic = await ok<{ version: number }>('GET', '/clinic');
    await ok('PATCH', '/clinic', { phone: PHONE_NUMBER }, { 'if-match': `"${clinic.version}"` });
    const found = await ok<{ items: { id: string }[] }>('GET', '/patients?q=Tanaka');
    const patientId = found.items[0]!.id;
    const plans = await ok<{ items: { id: string; currentVersion: number }[] }>(
      'GET',
      `/patients/${patientId}/plans`,
    );
    const plan = plans.items[0]!;
    await ok('POST', `/plans/${plan.id}/accept`, { version: plan.currentVersion });
    const booked = await ok<{ appointments: Appointment[] }>('POST', `/plans/${plan.id}/course`, {});
    course = booked.appointments;
    expect(course.length).toBeGreaterThanOrEqual(4);
  });

  it('Aiko sees her sessions with date, time, site and what to expect', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-mail/).fill(server.logins.patient!);
    await page.getByLabel(/^Password/).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/my$/);
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.waitForURL(/\/my\/sessions$/);
    await expect.poll(() => page.getByTestId('session-card').count()).toBe(course.length);
    const s1 = course[0]!;
    const first = card(0);
    await expect
      .poll(() => first.getByRole('heading').first().textContent())
      .toBe(`Session 1 of ${course.length}`);
    // On the clinic's clock (New York) in its language (en-US).
    const when = new Intl.DateTimeFormat('en-US', {
      timeZone: s1.local.timeZone,
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).formatRange(s1.start, s1.end);
    expect(words(await first.getByTestId('session-when').textContent())).toBe(words(when));
    expect(await first.textContent()).toMatch(/At .+ · With /);
    await first.getByRole('button', { name: 'What to expect and how to prepare' }).click();
    await expect.poll(() => first.getByText('Laser pass and exosome application').isVisible()).toBe(true);
    await expect.poll(() => first.getByText(/Plan for \d+ to \d+ minutes in all/).isVisible()).toBe(true);
    await visit(page, 'portal-sessions');
  });

  it('downloads a session as an .ics file for her calendar', async () => {
    const s1 = course[0]!;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card(0).getByRole('link', { name: 'Add to my calendar' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`session-${s1.local.date}.ics`);
    const text = readFileSync((await download.path())!, 'utf8');
    const unfolded = text.replace(/\r\n /g, '');
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text).toContain(`UID:${s1.id}@exoclinic\r\n`);
    expect(text).toContain(`DTSTART:${icsTime(s1.start)}\r\n`);
    expect(text).toContain(`DTEND:${icsTime(s1.end)}\r\n`);
    expect(text).toContain('STATUS:CONFIRMED\r\n');
    expect(unfolded).toMatch(
      new RegExp(`SUMMARY:Laser treatment with topical exosomes \\(session 1 of ${course.length}\\)`),
    );
    expect(unfolded).toContain(PHONE_NUMBER);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });

  it('moves session 2 to another free time inside its window', async () => {
    const s2 = course[1]!;
    const second = card(1);
    await second.getByRole('button', { name: 'Change time' }).click();
    const panel = second.getByTestId('change-time');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toMatch(/This session can move to a day from .+ to .+\./);
    await panel.getByLabel('Day').click();
    const options = page.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    // A day other than the current one.
    const labels = await options.allTextContents();
    const index = labels.findIndex((l) => l !== formatLabel(s2.local.date));
    await options.nth(index).click();
    const chips = panel.getByRole('radio');
    await expect.poll(() => chips.count()).toBeGreaterThan(0);
    await pickTime(panel, chips.first());
    const confirm = panel.getByRole('button', { name: /^Move to / });
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await visit(page, 'portal-sessions-change');
    await confirm.click();
    await expect.poll(() => second.getByTestId('session-moved').isVisible()).toBe(true);

    const moved = await appointment(s2.id);
    expect(moved.start).not.toBe(s2.start);
    expect(moved.version).toBe(s2.version + 1);
    expect(moved.local.date >= s2.window!.earliest && moved.local.date <= s2.window!.latest).toBe(true);
    expect(words(await second.getByTestId('session-when').textContent())).toBe(
      words(
        new Intl.DateTimeFormat('en-US', {
          timeZone: moved.local.timeZone,
          weekday: 'long',
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
        }).formatRange(moved.start, moved.end),
      ),
    );
    for (const other of [course[0]!, ...course.slice(2)])
      expect((await appointment(other.id)).start).toBe(other.start);
    course[1] = moved;
    await visit(page, 'portal-sessions-moved');
  });

  it('a time that left the window meanwhile is refused with the clinic to call, and nothing moves', async () => {
    const [s1, s2, s3, s4] = course as [Appointment, Appointment, Appointment, Appointment];
    const gapMin = daysBetween(s1.local.date, s2.window!.earliest);
    const gapMax = daysBetween(s1.local.date, s2.window!.latest);
    const third = card(2);
    await third.getByRole('button', { name: 'Change time' }).click();
    const panel = third.getByTestId('change-time');
    await expect.poll(() => panel.isVisible()).toBe(true);
    await panel.getByLabel('Day').click();
    const options = page.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    const labels = await options.allTextContents();
    // The first day offered: a neighbour's move can put it outside the window.
    const pickIndex = 0;
    await options.nth(pickIndex).click();
    const chip = panel.getByRole('radio').first();
    await pickTime(panel, chip);
    const chosenDay = localDay(Number(await chip.getAttribute('value')), s3.local.timeZone);
    expect(formatLabel(chosenDay)).toBe(labels[pickIndex]);

    // The front desk moves session 2 or session 4, each inside its own window (no other session
    // follows): the days session 3 may move to no longer hold the chosen one.
    const windowOf3 = (d2: string, d4: string) => ({
      earliest: [addDays(d2, gapMin), addDays(d4, -gapMax)].sort()[1]!,
      latest: [addDays(d2, gapMax), addDays(d4, -gapMin)].sort()[0]!,
    });
    const candidates: { id: string; day: string }[] = [];
    for (let k = 1; k <= 10; k++) {
      for (const d2 of [addDays(s2.local.date, k), addDays(s2.local.date, -k)]) {
        const gap = daysBetween(d2, s3.local.date);
        const w = windowOf3(d2, s4.local.date);
        const inOwn = d2 >= s2.window!.earliest && d2 <= s2.window!.latest && gap >= gapMin && gap <= gapMax;
        if (inOwn && (chosenDay < w.earliest || chosenDay > w.latest))
          candidates.push({ id: s2.id, day: d2 });
      }
      for (const d4 of [addDays(s4.local.date, k), addDays(s4.local.date, -k)]) {
        const gap = daysBetween(s3.local.date, d4);
        const w = windowOf3(s2.local.date, d4);
        if (gap >= gapMin && gap <= gapMax && (chosenDay < w.earliest || chosenDay > w.latest))
          candidates.push({ id: s4.id, day: d4 });
      }
    }
    let movedBy: string | null = null;
    const tried: string[] = [
      `s1 ${s1.local.date} s2 ${s2.local.date} s3 ${s3.local.date} s4 ${s4.local.date}, chosen ${chosenDay}`,
    ];
    for (const c of candidates) {
      for (const hhmm of ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00']) {
        const start = wallTime(c.day, hhmm, s3.local.timeZone);
        const r = await api('POST', `/appointments/${c.id}/reschedule`, { start });
        tried.push(`${c.id === s2.id ? 's2' : 's4'} ${c.day} ${hhmm}: ${r.status}`);
        if (r.status === 200) {
          movedBy = c.id;
          break;
        }
      }
      if (movedBy) break;
    }
    expect(movedBy, tried.join('\n')).not.toBeNull();
    const before = await appointment(s3.id);

    await panel.getByRole('button', { name: /^Move to / }).click();
    const refused = third.getByTestId('move-refused');
    await expect.poll(() => refused.isVisible()).toBe(true);
    expect(await refused.textContent()).toMatch(/outside the days this session can move to/);
    expect(await refused.getByRole('link', { name: PHONE_NUMBER }).getAttribute('href')).toBe(
      'tel:+15550142',
    );
    expect(await appointment(s3.id)).toEqual(before);
    // The page read the sessions again: the one the front desk moved shows its new time.
    const movedNow = await appointment(movedBy!);
    const movedCard = card(movedBy === s2.id ? 1 : 3);
    await expect
      .poll(async () => words(await movedCard.getByTestId('session-when').textContent()))
      .toBe(words(range(movedNow)));
    await visit(page, 'portal-sessions-refused');
  });

  it('a cancelled session leaves the upcoming list for the collapsed past and cancelled ones', async () => {
    const s4 = course[3]!;
    await ok('POST', `/appointments/${s4.id}/status`, { status: 'cancelled', reason: 'Patient travelling' });
    await page.reload();
    await expect.poll(() => page.getByTestId('session-card').count()).toBe(course.length - 1);
    const past = page.getByRole('button', { name: 'Past and cancelled sessions (1)' });
    expect(await past.getAttribute('aria-expanded')).toBe('false');
    await past.click();
    const list = page.getByTestId('past-sessions');
    await expect.poll(() => list.isVisible()).toBe(true);
    expect(await list.textContent()).toMatch(new RegExp(`Session 4 of ${course.length} · Cancelled`));
    // The staff's reason is theirs: the patient's page does not show it.
    expect(await page.getByText('Patient travelling').count()).toBe(0);
    await visit(page, 'portal-sessions-past');
  });

  it('logs no console error but the refused move’s 409', () => {
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
  });
});

/** A local day as the Day select writes it (en-US, short weekday and month). */
function formatLabel(day: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(Date.parse(`${day}T00:00:00Z`));
}

/** The instant of a wall-clock time on a local day in a time zone (no DST edge on the days used). */
function wallTime(day: string, hhmm: string, timeZone: string): number {
  const guess = Date.parse(`${day}T${hhmm}:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(guess)
      .map((p) => [p.type, p.value]),
  );
  const shown = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00Z`);
  return guess - (shown - guess);
}

/** The local day of an instant in a time zone (YYYY-MM-DD). */
function localDay(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}

/** Choose a time as a person does: the chip's label (its radio input is visually hidden). */
async function pickTime(panel: Locator, radio: Locator): Promise<void> {
  const id = await radio.getAttribute('id');
  await panel.locator(`label[for="${id}"]`).click();
  await expect.poll(() => radio.isChecked()).toBe(true);
}
