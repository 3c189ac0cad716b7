// The patient chart's Photos and Outcomes tabs in Debian's Chromium against the real server on a
// temporary SQLite folder. The demo clinic has no sessions, photos or scores, so the test makes
// them through the API first: two check-ins for María's accepted course, three VAS pain scores for
// Walter's knee course. Then, in the page: a real JPEG is uploaded (after the server's per-field
// problems for a missing area and kind, and for a PNG sent as a JPEG), its thumbnail loads, a
// second photo opens the side-by-side comparison, and the outcome chart shows its MCID line and
// value table. Both tabs pass axe at desktop and phone width, and no page logs a console error.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { kneeProfile } from '../../server/test/helpers/profiles';
import { type Browser, launchBrowser, type RunningServer, startServer } from './support/browser';
import { DESKTOP, visit } from './support/pages';
import { apiAs, prepareBrowserRun, signIn, type Watched, watchErrors } from './support/session';

const DAY = 86_400_000;

/** A small photo-like JPEG (or PNG): a skin-toned field with a mark, so before and after differ. */
async function photo(format: 'jpeg' | 'png', tone: string, mark: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360">
    <rect width="480" height="360" fill="${tone}"/>
    <ellipse cx="240" cy="180" rx="120" ry="90" fill="${mark}" opacity="0.6"/>
  </svg>`;
  const img = sharp(Buffer.from(svg));
  return format === 'jpeg' ? img.jpeg({ quality: 85 }).toBuffer() : img.png().toBuffer();
}

async function chooseFile(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Photo/ }).click();
  await (await chooser).setFiles({ name, mimeType, buffer });
}

async function pick(page: Page, combobox: string, option: RegExp | string) {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Every <img> inside the locator has really loaded (decoded with a width). */
async function imagesLoaded(page: Page, selector: string): Promise<boolean[]> {
  return page.$$eval(selector, (imgs) =>
    (imgs as HTMLImageElement[]).map((i) => i.complete && i.naturalWidth > 0),
  );
}

describe('patient chart: photos and outcomes tabs (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let staff: Watched;
  let mariaId = '';
  let walterId = '';

  beforeAll(async () => {
    // Two cores shared with other work: a page can take longer than the one-second default to settle.
    vi.setConfig({ expect: { poll: { timeout: 10_000 } } });
    prepareBrowserRun();
    server = await startServer();
    const api = await apiAs(server.url, server.logins.practitioner!, server.password);
    type Found = { items: { id: string; status: string }[] };
    mariaId = (await api<Found>('GET', '/patients?q=gonz')).items[0]!.id;
    walterId = (await api<Found>('GET', '/patients?q=schmidt')).items[0]!.id;
    // María's course is accepted and consented: two sessions checked in.
    const mariaPlan = (await api<Found>('GET', `/patients/${mariaId}/plans`)).items.find(
      (p) => p.status === 'accepted',
    )!;
    await api('POST', `/plans/${mariaPlan.id}/check-in`, {});
    await api('POST', `/plans/${mariaPlan.id}/check-in`, {});
    // A second course for María, her knee: planned, not started (the skin course stays current).
    const knee = await api<{ id: string }>('POST', `/patients/${mariaId}/consultations`, {
      profile: kneeProfile({}, { startDate: new Date(Date.now() + 21 * DAY).toISOString().slice(0, 10) }),
    });
    await api('POST', `/consultations/${knee.id}/plans`, {});
    // Walter's knee course: VAS pain (0–100 mm, lower better, MCID 10–20 mm) over two months.
    const walterPlan = (await api<Found>('GET', `/patients/${walterId}/plans`)).items[0]!;
    const now = Date.now();
    for (const [value, timepoint, ago] of [
      [62, 'baseline', 60 * DAY],
      [48, 'follow-up', 30 * DAY],
      [35, 'follow-up', 60_000],
    ] as const) {
      await api('POST', `/plans/${walterPlan.id}/outcomes`, {
        instrumentId: 'vas-pain',
        value,
        timepoint,
        measuredAt: now - ago,
      });
    }
    browser = await launchBrowser({ viewport: DESKTOP });
    staff = watchErrors(await browser.context.newPage());
    await signIn(staff.page, server.url, server.logins.practitioner!, server.password);
  }, 180_000);

  afterAll(async () => {
    vi.resetConfig();
    await browser?.close();
    await server?.stop();
  });

  it('uploads photos to sessions, shows the server’s problems per field, thumbnails and the comparison', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/patients/${mariaId}`);
    await page.getByRole('tab', { name: 'Photos' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Add a photo' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('photo-session').count()).toBe(2);
    await expect
      .poll(() => page.getByRole('region', { name: 'Compare' }).textContent())
      .toContain('A comparison needs two photos of the same area');

    // A file but no area and no kind: the server names both fields.
    const before = await photo('jpeg', '#e0b49a', '#b5654a');
    await pick(page, 'Session', /^Session 1 ·/);
    await chooseFile(page, 'cheek-before.jpg', 'image/jpeg', before);
    await page.getByRole('button', { name: 'Upload the photo' }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Area', exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    const form = page.getByRole('region', { name: 'Add a photo' });
    // Mantine ties each field's error to its input (aria-describedby): read it from there.
    const areaError = () =>
      page
        .getByRole('combobox', { name: 'Area', exact: true })
        .getAttribute('aria-describedby')
        .then((ids) =>
          page.locator(`[id="${ids?.split(' ').find((i) => i.endsWith('-error'))}"]`).textContent(),
        );
    await expect.poll(areaError).toBe('is required');
    await expect.poll(() => form.textContent()).toContain('is required: before or after');
    await visit(page, 'chart-photos-problems');

    // A PNG sent as a JPEG: the server reads the bytes and says so at the file field.
    await pick(page, 'Area', 'Cheek');
    await pick(page, 'Side', 'Left');
    await page.getByRole('radio', { name: 'Before the treatment' }).check();
    // Each field's problem clears once the field is filled in.
    await expect.poll(() => form.textContent()).not.toContain('is required');
    expect(
      await page.getByRole('combobox', { name: 'Area', exact: true }).getAttribute('aria-invalid'),
    ).not.toBe('true');
    await chooseFile(page, 'mislabelled.jpg', 'image/jpeg', await photo('png', '#e0b49a', '#b5654a'));
    await page.getByRole('button', { name: 'Upload the photo' }).click();
    await expect.poll(() => form.textContent()).toContain('the file is png, not image/jpeg');
    await expect.poll(() => form.textContent()).not.toContain('is required');

    // The real JPEG: stored, and its thumbnail loads in session 1.
    await chooseFile(page, 'cheek-before.jpg', 'image/jpeg', before);
    await page.getByRole('button', { name: 'Upload the photo' }).click();
    await expect
      .poll(() => page.getByTestId('photo-uploaded').textContent())
      .toMatch(/Photo added to Session 1/);
    const session1 = page.getByTestId('photo-session').filter({ hasText: /^Session 1/ });
    await expect
      .poll(() => session1.getByRole('img', { name: /^Before photo of Cheek \(left\)/ }).count())
      .toBe(1);
    await expect.poll(() => imagesLoaded(page, '[data-testid="photo-session"] img')).toEqual([true]);

    // The after-photo at session 2 opens the comparison: both photos, dates, days, the note.
    await pick(page, 'Session', /^Session 2 ·/);
    await chooseFile(page, 'cheek-after.jpg', 'image/jpeg', await photo('jpeg', '#e6c2ab', '#cf8f76'));
    await page.getByRole('radio', { name: 'After the treatment' }).check();
    await page.getByRole('button', { name: 'Upload the photo' }).click();
    await expect
      .poll(() => page.getByTestId('photo-uploaded').textContent())
      .toMatch(/Photo added to Session 2/);
    const comparison = page.getByTestId('photo-comparison');
    await expect.poll(() => comparison.getByRole('img').count()).toBe(2);
    await expect
      .poll(() => comparison.getByRole('img').evaluateAll((els) => els.map((e) => e.getAttribute('alt'))))
      .toEqual([
        expect.stringMatching(/^Before photo of Cheek \(left\)/),
        expect.stringMatching(/^After photo of Cheek \(left\)/),
      ]);
    await expect.poll(() => imagesLoaded(page, '[data-testid="photo-comparison"] img')).toEqual([true, true]);
    await expect
      .poll(() => comparison.textContent())
      .toMatch(/Baseline photo: Before, .*day 0 after the first session/);
    await expect
      .poll(() => comparison.textContent())
      .toMatch(/Follow-up photo: After, .*day 0 after the first session/);
    await expect.poll(() => page.getByTestId('photo-note').textContent()).toContain('Results vary');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Area and side' }).inputValue())
      .toBe('Cheek (left) · 2 photos');
    // The one-image link is the server's side-by-side JPEG of the same two photos.
    const href = await page.getByRole('link', { name: 'Open both as one image' }).getAttribute('href');
    const sideBySide = await page.request.get(`${server.url}${href}`);
    expect(sideBySide.status()).toBe(200);
    expect(sideBySide.headers()['content-type']).toBe('image/jpeg');
    await expect.poll(() => imagesLoaded(page, '[data-testid="photo-session"] img')).toEqual([true, true]);
    await visit(page, 'chart-photos');

    // The two 422 answers above were the server's expected problems, logged by the browser.
    const unexpected = staff.errors.filter((e) => !(e.includes('/photos') && e.includes('422')));
    expect(unexpected).toEqual([]);
    staff.errors.splice(0);
  }, 120_000);

  it('draws each instrument’s scores with the MCID line, a value table and the maintenance timing', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/patients/${walterId}?tab=outcomes`);
    const chart = page.getByRole('img', { name: /^VAS pain.*: 3 score\(s\)/ });
    await expect.poll(() => chart.count()).toBe(1);
    await expect
      .poll(() =>
        chart.getAttribute('aria-labelledby').then((id) => page.locator(`[id="${id}"]`).textContent()),
      )
      .toMatch(
        /Baseline 62, change -27\. The dashed line marks the smallest change that matters \(62 − 10\)/,
      );
    await expect.poll(() => page.getByTestId('mcid-line').count()).toBe(1);
    const table = page.getByRole('table', { name: /^Scores of VAS pain/ });
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/Baseline\s*62.*—/);
    expect(rows[1]).toMatch(/Follow-up\s*48.*-14/);
    expect(rows[2]).toMatch(/Follow-up\s*35.*-27/);
    const card = page.getByTestId('outcome-instrument');
    await expect
      .poll(() => card.getByTestId('outcome-comparison').textContent())
      .toContain('Reaches the minimal clinically important difference (10–20)');
    await expect.poll(() => card.getByRole('button', { name: /VAS-PAIN/ }).count()).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('maintenance-timing').textContent())
      .toMatch(/Maintenance due around .* days after the last session/);
    // No session yet for this course: the tab says where scores are recorded.
    await expect.poll(() => page.getByText('Scores are recorded on a session’s page').isVisible()).toBe(true);
    await visit(page, 'chart-outcomes');

    // María's course has sessions: the tab links to the latest one's outcome form.
    await page.goto(`${server.url}/patients/${mariaId}?tab=outcomes`);
    await expect
      .poll(() => page.getByText('No outcome score recorded for this course yet.').isVisible())
      .toBe(true);
    // Two courses: the current one (accepted skin course) first, the knee course one choice away.
    const course = page.getByRole('combobox', { name: 'Course', exact: true });
    await expect.poll(() => course.inputValue()).toMatch(/ · Accepted · planned .* \(current\)$/);
    await course.click();
    // The current course is offered first, the others after it.
    await expect.poll(() => page.getByRole('option').first().textContent()).toMatch(/\(current\)$/);
    await page.getByRole('option', { name: /^Joint and tendon pain · Proposed/ }).click();
    await expect.poll(() => course.inputValue()).toMatch(/^Joint and tendon pain · Proposed · planned /);
    await expect.poll(() => page.getByText('Scores are recorded on a session’s page').isVisible()).toBe(true);
    await visit(page, 'chart-outcomes-courses');
    await course.click();
    await page.getByRole('option', { name: / \(current\)$/ }).click();
    await page.getByRole('link', { name: 'Record a score at the latest session' }).click();
    await page.waitForURL('**/sessions/*');
    await expect.poll(() => page.getByRole('button', { name: 'Record the score' }).isVisible()).toBe(true);
    expect(staff.errors).toEqual([]);
  }, 90_000);

  it('shows the tabs only to roles that may read them', async () => {
    const desk = await launchBrowser({ viewport: DESKTOP });
    try {
      const watched = watchErrors(await desk.context.newPage());
      await signIn(watched.page, server.url, server.logins.front_desk!, server.password);
      await watched.page.goto(`${server.url}/patients/${mariaId}`);
      await expect.poll(() => watched.page.getByRole('tab', { name: 'Profile' }).isVisible()).toBe(true);
      expect(await watched.page.getByRole('tab', { name: 'Photos' }).count()).toBe(0);
      expect(await watched.page.getByRole('tab', { name: 'Outcomes' }).count()).toBe(0);
      expect(watched.errors).toEqual([]);
    } finally {
      await desk.close();
    }
  }, 60_000);
});
