// The staff calendar in Debian's Chromium against the real server on a temporary SQLite folder
// (the demo clinic: two sites, rooms, devices, hours and a booked course): the week and the day
// with the booked sessions, a session dragged to a later time through the reschedule endpoint,
// the Move dialog by keyboard, an ICS feed link made. axe-clean, no console error, screenshots
// at desktop and phone width.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, RunningServer } from './support/browser';
import { checkA11y, SHOTS, visit } from './support/pages';
import { openSession, signIn } from './support/session';

interface Appt {
  id: string;
  status: string;
  start: number;
  sessionIndex: number | null;
  local: { date: string; time: string };
}

describe('staff calendar in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ server, browser, page } = await openSession(errors));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the booked course by week and by day, moves a session by drag and by keyboard, makes an ICS link', async () => {
    await signIn(page, server.url, server.logins.owner!, server.password);

    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.waitForURL('**/calendar');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Calendar');

    // The demo course's sessions, as the API has them: the calendar opens on the first one's week.
    const booked = await page.evaluate(async () => {
      const from = new Date().toISOString().slice(0, 10);
      const to = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
      const res = await fetch(`/api/v1/appointments?from=${from}&to=${to}`, { credentials: 'same-origin' });
      // From tomorrow: the demo's own day is under way, and a move must land in the future.
      return ((await res.json()) as { items: Appt[] }).items.filter(
        (a) => a.status === 'booked' && a.start > Date.now() + 86_400_000,
      );
    });
    expect(booked.length).toBeGreaterThan(0);
    const first = booked[0]!;

    await page.goto(`${server.url}/calendar?view=week&date=${first.local.date}`);
    const block = page.locator(`[data-appointment="${first.id}"]`);
    await expect.poll(() => block.count()).toBe(1);
    expect(await block.getAttribute('aria-label')).toContain(first.local.time);
    await visit(page, '30-calendar-week');

    // The day: a column per practitioner, room and device; the session sits in each it holds.
    await page.getByText('Day', { exact: true }).click();
    await page.waitForURL(/view=day/);
    await expect.poll(() => block.count()).toBeGreaterThanOrEqual(2);
    await visit(page, '30-calendar-day');

    // Keyboard: the session opens the Move dialog with Enter, Escape closes it.
    await block.first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Move appointment' });
    await expect.poll(() => dialog.count()).toBe(1);
    expect(await dialog.getByLabel('Start time').inputValue()).toBe(first.local.time);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    // Pointer: drag the session one hour later in its practitioner's column.
    const box = (await block.first().boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + 8;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y + 20, { steps: 4 });
    await page.mouse.move(x, y + 72, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => dialog.count()).toBe(1);
    const [h, m] = first.local.time.split(':').map(Number) as [number, number];
    const later = `${String(h + 1).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    expect(await dialog.getByLabel('Start time').inputValue()).toBe(later);
    await checkA11y(page, '30-calendar-move-dialog');
    await page.screenshot({ path: join(SHOTS, '30-calendar-move-desktop.png') });
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();

    // Either it fits (later sessions follow) or the server proposes a deviation to confirm.
    const result = dialog.getByTestId('move-result');
    const deviation = dialog.getByRole('button', { name: 'Record the deviation and move' });
    await expect
      .poll(async () => (await result.count()) + (await deviation.count()), { timeout: 10_000 })
      .toBe(1);
    if (await deviation.count()) {
      await dialog.getByLabel(/^Reason for the deviation/).fill('patient asked for a later time');
      await deviation.click();
    }
    await expect.poll(() => result.count(), { timeout: 10_000 }).toBe(1);
    expect(await result.textContent()).toContain(later);
    await page.screenshot({ path: join(SHOTS, '30-calendar-moved-desktop.png') });
    await result.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => block.first().getAttribute('aria-label')).toContain(`${later}–`);

    // ICS: a feed link for the first practitioner.
    const feeds = page.getByRole('region', { name: 'Calendar feeds (ICS)' });
    await feeds.getByLabel('Feed for').click();
    await page.getByRole('option').first().click();
    await feeds.getByRole('button', { name: 'Create feed link' }).click();
    const url = await feeds.getByTestId('feed-url').locator('input').inputValue();
    expect(url).toMatch(/\/api\/v1\/ics\//);
    const ics = await page.evaluate(async (u) => (await fetch(u)).text(), url);
    expect(ics).toContain('BEGIN:VCALENDAR');
    await expect.poll(() => feeds.getByRole('button', { name: /^Revoke the feed link/ }).count()).toBe(1);
    await visit(page, '30-calendar-feeds');

    expect(errors, errors.join('\n')).toEqual([]);
  }, 120_000);
});
