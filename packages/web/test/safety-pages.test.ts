// Safety pages and analytics in Debian's Chromium against the real server (demo clinic on a
// temporary SQLite folder): a practitioner charts a session (through the API, the chart form has
// its own test), then reports a grade-3 adverse event through the chart's form (an invalid submit
// first: every bad field is named at its input), sees it on the tab with its expected duration,
// follows it up, completes a task and downloads the MedWatch PDF; the owner finds the alert in the
// inbox with an unread count, marks it read, opens the event, and reads the four analytics
// reports; front desk sees neither the tab nor analytics. Every page: axe, screenshots at desktop
// and phone width, no console error.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, RunningServer } from './support/browser';
import { visit } from './support/pages';
import { openSession, signIn } from './support/session';

const ZONE = 'America/New_York'; // the demo clinic's locations

/** An instant as the `datetime-local` / `date` value the clinic's wall clock shows. */
function clinicWall(ms: number): { dateTime: string; day: string } {
  const p: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(ms)))
    p[part.type] = part.value;
  const day = `${p.year}-${p.month}-${p.day}`;
  return { day, dateTime: `${day}T${p.hour}:${p.minute}` };
}

describe('safety pages and analytics in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let patientId = '';
  let sessionId = '';
  let eventId = '';

  const signInAs = (role: string) => signIn(page, server.url, server.logins[role]!, server.password);

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
  }

  /** The API as the signed-in browser: its cookie, and the CSRF token the app keeps. */
  async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const csrf = await page.evaluate(() => sessionStorage.getItem('exoclinic.csrf'));
    const res = await page.request.fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        'x-csrf-token': csrf ?? '',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { data: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${text}`);
    return JSON.parse(text) as T;
  }

  beforeAll(async () => {
    ({ server, browser, page } = await openSession(errors));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('charts a session for María to link the event to (through the API)', async () => {
    await signInAs('practitioner');
    const found = await api<{ items: { id: string }[] }>('GET', '/patients?q=Gonz');
    patientId = found.items[0]!.id;
    const plans = await api<{ items: { id: string; status: string }[] }>(
      'GET',
      `/patients/${patientId}/plans`,
    );
    const plan = plans.items.find((p) => p.status === 'accepted')!;
    const session = await api<{ id: string }>('POST', `/plans/${plan.id}/check-in`, {});
    sessionId = session.id;
    const products = await api<{ items: { id: string; name: string }[] }>('GET', '/products');
    const phyto = products.items.find((p) => p.name.startsWith('PhytoVesicle'))!;
    const lots = await api<{ items: { id: string; lotNumber: string }[] }>(
      'GET',
      `/products/${phyto.id}/lots`,
    );
    const lot = lots.items.find((l) => l.lotNumber === 'PLANT-0002')!;
    await api('PUT', `/sessions/${sessionId}/chart`, {
      chart: {
        products: [
          {
            productId: phyto.id,
            lotId: lot.id,
            quantity: 1,
            route: 'topical-after-needling',
            areas: [{ areaId: 'face-full' }],
          },
        ],
        areas: [{ areaId: 'face-full' }],
        notes: 'Microneedling 0.5 mm with the ampoule.',
      },
    });
    await api('POST', `/sessions/${sessionId}/sign`, { version: 1 });
    // A GAIS rating (comparative: no baseline needed) gives the outcome report a row.
    await api('POST', `/plans/${plan.id}/outcomes`, {
      instrumentId: 'gais-clinician',
      value: 2,
      timepoint: 'end-of-series',
      sessionId,
    });
  }, 60_000);

  it('shows an empty adverse-events tab, then names every bad field of an invalid report', async () => {
    await page.goto(`${server.url}/patients/${patientId}`);
    await page.getByRole('tab', { name: 'Adverse events' }).click();
    await expect
      .poll(() => page.getByText('No adverse event has been reported for this patient.').isVisible())
      .toBe(true);
    await visit(page, 'ae-01-tab-empty');

    await page.getByRole('button', { name: 'Report an adverse event' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Report an adverse event' }).isVisible())
      .toBe(true);
    // Nothing chosen, the onset cleared, a too-short follow-up task: the server refuses it all.
    await page.getByLabel(/^Onset/).fill('');
    await page.getByRole('textbox', { name: 'Task' }).fill('ab');
    const answer = page.waitForResponse(
      (r) => r.url().endsWith(`/patients/${patientId}/adverse-events`) && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Report the event' }).click();
    const res = await answer;
    // That 400 is the expected answer, not an error of the page.
    await expect.poll(() => errors.some((e) => e.includes('status of 400'))).toBe(true);
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('status of 400')));
    expect(res.status()).toBe(400);
    expect(res.headers()['content-type']).toContain('application/problem+json');
    const problem = (await res.json()) as { errors: { path: string }[] };
    const paths = problem.errors.map((e) => e.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.description',
        'body.followUps.0.dueAt',
        'body.followUps.0.title',
        'body.grade',
        'body.onsetAt',
        'body.typeId',
      ]),
    );
    // Each bad field is named at its own input (Mantine links the message with aria-describedby).
    for (const [label, message] of [
      [/^Type of event/, 'Pick the type of event from the catalog.'],
      [/^What happened/, 'Describe what happened in at least 3 characters.'],
      [/^Onset/, 'Give the date and time of the onset.'],
      [/^Task$/, 'Name the task in at least 3 characters.'],
      [/^Due on/, 'Give the day the task is due.'],
    ] as const) {
      const input = page.getByLabel(label).first();
      await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
      const described = (await input.getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        described
          .split(' ')
          .filter(Boolean)
          .map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      expect(texts.join(' ')).toContain(message);
    }
    await expect.poll(() => page.getByText('Choose a grade from 1 to 5.').isVisible()).toBe(true);
    await expect
      .poll(() => page.getByTestId('form-problem').textContent())
      .toContain(`${problem.errors.length} field(s) need attention`);
    await visit(page, 'ae-02-form-errors');
  }, 90_000);

  it('reports a grade-3 event linked to the session and lot, and shows it outlasting its course', async () => {
    const onset = clinicWall(Date.now() - 5 * 86_400_000);
    await page.getByRole('combobox', { name: /^Type of event/ }).click();
    await page.getByRole('option', { name: 'Swelling' }).click();
    await page.getByLabel(/^Onset/).fill(onset.dateTime);
    await page
      .getByLabel(/^What happened/)
      .fill('Swelling of both cheeks, firm, not settling after five days.');
    await page.getByRole('radio', { name: /Grade 3/ }).check();
    await page.getByPlaceholder('Pick sessions').click();
    await page.getByRole('option').first().click();
    await page.keyboard.press('Escape');
    await page.getByPlaceholder('Pick lots').click();
    await page.getByRole('option', { name: /PLANT-0002/ }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel(/^Actions taken/).fill('Cold compress\nOral antihistamine');
    await page.getByRole('textbox', { name: 'Task' }).fill('Call the patient');
    await page.getByLabel(/^Due on/).fill(clinicWall(Date.now() + 2 * 86_400_000).day);
    await visit(page, 'ae-03-form-filled');
    await page.getByRole('button', { name: 'Report the event' }).click();

    const detail = page.getByTestId('ae-detail');
    await expect.poll(() => detail.getByRole('heading', { name: 'Swelling' }).isVisible()).toBe(true);
    eventId = new URL(page.url()).searchParams.get('ae') ?? '';
    expect(eventId).not.toBe('');
    const facts = await detail.locator('table').first().textContent();
    expect(facts).toContain('Grade 3 · Severe');
    expect(facts).toContain('Usually settles within 3 days');
    expect(facts).toMatch(/5(\.0)? days so far/);
    expect(facts).toContain('Outlasts its expected duration');
    expect(facts).toContain('PLANT-0002 · PhytoVesicle ampoule');
    expect(facts).toContain('Cold compress; Oral antihistamine');
    expect(facts).toContain('owners and admins were alerted');
    await expect
      .poll(() => detail.getByRole('table', { name: 'Follow-up tasks' }).textContent())
      .toContain('Call the patient');
    await visit(page, 'ae-04-detail');

    // The server holds exactly what the form sent.
    const stored = await api<{ grade: number; sessionIds: string[]; lotIds: string[]; serious: boolean }>(
      'GET',
      `/adverse-events/${eventId}`,
    );
    expect(stored).toMatchObject({ grade: 3, serious: false, sessionIds: [sessionId] });
    expect(stored.lotIds).toHaveLength(1);
  }, 90_000);

  it('follows the event up, completes its task and exports MedWatch as a PDF', async () => {
    const detail = page.getByTestId('ae-detail');
    await detail.getByRole('combobox', { name: /^Outcome so far/ }).click();
    await page.getByRole('option', { name: 'Recovering' }).click();
    await detail.getByLabel(/^Note/).fill('Seen in clinic: swelling easing, no sign of infection.');
    await detail.getByRole('button', { name: 'Save the follow-up' }).click();
    await expect.poll(() => page.getByTestId('ae-updated').textContent()).toContain('version 2');
    // The history shows the report and the follow-up: who, the change from → to, the note.
    const history = detail.getByTestId('ae-history-item');
    await expect.poll(() => history.count()).toBe(2);
    const reported = (await history.nth(0).textContent()) ?? '';
    expect(reported).toMatch(/^Reported by Dr\. Priya Practitioner/);
    expect(reported).toContain('As reported: Grade 3 · Severe · Ongoing');
    const followUp = (await history.nth(1).textContent()) ?? '';
    expect(followUp).toMatch(/^Version 2: follow-up by Dr\. Priya Practitioner/);
    expect(followUp).toContain('Outcome so far: Ongoing → Recovering');
    expect(followUp).toContain('Note: Seen in clinic: swelling easing, no sign of infection.');
    expect(await detail.getByRole('list', { name: 'History of this record' }).count()).toBe(1);
    await detail.getByRole('button', { name: 'Mark done: Call the patient' }).click();
    await expect
      .poll(() => detail.getByRole('table', { name: 'Follow-up tasks' }).textContent())
      .toMatch(/Done .*20\d\d/);

    const href = await page.getByTestId('medwatch-pdf').getAttribute('href');
    expect(href).toBe(`/api/v1/adverse-events/${eventId}/medwatch.pdf`);
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await visit(page, 'ae-05-detail-followed-up');

    await page.getByRole('button', { name: 'Back to the list' }).click();
    const row = page.getByTestId('ae-row');
    await expect.poll(() => row.count()).toBe(1);
    const text = await row.textContent();
    expect(text).toContain('Swelling');
    expect(text).toContain('Grade 3');
    expect(text).toContain('Recovering');
    expect(text).toContain('1 session(s)');
    expect(text).toContain('PLANT-0002');
    await visit(page, 'ae-06-tab-list');
  }, 60_000);

  it('gives the owner the alert with an unread count, marked read in the inbox', async () => {
    await signOut();
    await signInAs('owner');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByTestId('unread-alerts').textContent()).toBe('1 unread');
    await nav.getByRole('link', { name: /^Alerts/ }).click();
    await expect.poll(() => page.getByTestId('alerts-unread-count').textContent()).toBe('1 unread');
    const item = page.getByTestId('alert-item').filter({ hasText: 'Grade 3 adverse event: Swelling' });
    await expect.poll(() => item.getAttribute('data-unread')).toBe('true');
    expect(await item.textContent()).toContain('María González');
    await visit(page, 'alerts-01-unread');

    await item.getByRole('button', { name: 'Mark read' }).click();
    await expect.poll(() => item.getAttribute('data-unread')).toBe('false');
    await expect.poll(() => page.getByTestId('alerts-unread-count').textContent()).toBe('0 unread');
    await expect.poll(() => nav.getByTestId('unread-alerts').count()).toBe(0);
    const alerts = await api<{ items: { readAt: number | null }[] }>('GET', '/alerts');
    expect(alerts.items.every((a) => a.readAt !== null)).toBe(true);
    await visit(page, 'alerts-02-read');

    await item.getByRole('link', { name: /Open the event/ }).click();
    await expect
      .poll(() => page.getByTestId('ae-detail').getByRole('heading', { name: 'Swelling' }).isVisible())
      .toBe(true);
  }, 60_000);

  it('shows the owner the four analytics reports with their intervals', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Analytics', level: 1 }).isVisible())
      .toBe(true);
    for (const name of [
      'Missed visits',
      'Outcomes by protocol',
      'Adverse events by product and lot',
      'Series completion',
    ])
      await expect.poll(() => page.getByRole('heading', { name, level: 2 }).isVisible()).toBe(true);
    // One session used the ampoule and had an event: 1 of 1, with the wide interval flagged.
    const byProduct = page.getByRole('table', { name: 'By product' });
    await expect.poll(() => byProduct.textContent()).toContain('PhytoVesicle ampoule');
    const row = byProduct.getByRole('row').filter({ hasText: 'PhytoVesicle ampoule' });
    expect(await row.textContent()).toMatch(/100%.*95% interval.*Few cases: wide interval/);
    await expect
      .poll(() => page.getByRole('table', { name: 'By lot' }).textContent())
      .toContain('PLANT-0002');
    await expect
      .poll(() => page.getByRole('table', { name: 'Outcomes by protocol' }).textContent())
      .toContain('GAIS (clinician)');
    await expect.poll(() => page.getByTestId('report-an-noshows').textContent()).toContain('No-show rate');
    await expect
      .poll(() => page.getByTestId('report-an-series').textContent())
      .toMatch(/Nothing recorded|finished/);
    await expect
      .poll(() =>
        page
          .getByRole('img', { name: /Sessions with an adverse event: .*PhytoVesicle ampoule: 100%/ })
          .count(),
      )
      .toBe(1);
    await visit(page, 'analytics-01');

    // A period that ends before it starts is refused in place.
    await page.getByLabel(/^From/).fill('2030-01-10');
    await page.getByLabel(/^To/).fill('2030-01-01');
    await expect
      .poll(() => page.getByText('Two days, the second not before the first').isVisible())
      .toBe(true);

    // The period applies to all four reports: a month before the clinic opened holds nothing.
    await page.getByLabel(/^From/).fill('2020-01-01');
    await page.getByLabel(/^To/).fill('2020-01-31');
    for (const id of ['an-noshows', 'an-outcomes', 'an-ae', 'an-series'])
      await expect
        .poll(() => page.getByTestId(`report-${id}`).textContent())
        .toContain('Nothing recorded in this period for this report.');
    for (const id of ['an-outcomes', 'an-ae', 'an-series'])
      expect(await page.getByTestId(`period-${id}`).textContent()).toMatch(
        /from Jan 1, 2020 to Jan 31, 2020/,
      );
    expect(await page.getByText('applies to missed visits').count()).toBe(0);
    await visit(page, 'analytics-02-empty-period');
  }, 60_000);

  it('keeps adverse events and analytics from front desk', async () => {
    await signOut();
    await signInAs('front_desk');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link', { name: /^Alerts/ }).isVisible()).toBe(true);
    expect(await nav.getByRole('link', { name: 'Analytics' }).count()).toBe(0);
    await page.goto(`${server.url}/patients/${patientId}`);
    await expect.poll(() => page.getByRole('tab', { name: 'Profile' }).isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: 'Adverse events' }).count()).toBe(0);
    await page.goto(`${server.url}/analytics`);
    await expect
      .poll(() => page.getByText('Analytics are open to owners and admins.').isVisible())
      .toBe(true);
  }, 60_000);

  it('logged no console errors on any page', () => {
    expect(errors).toEqual([]);
  });
});
