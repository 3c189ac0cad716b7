// bench/web: what a browser loads first and how fast Today paints, against a bare Vite React
// "hello" page built and measured in the same run.
//   staff_initial_js_gzip / portal_initial_js_gzip: the JavaScript a fresh load of Today (staff)
//     and My plan (patient) fetches, gzipped (goals: 250 KB / 150 KB);
//   today_lcp: largest contentful paint of Today over loopback, median of fresh loads.
//   week_calendar_1000: the week calendar with 1,000 appointments (the appointments API answered by
//     the browser with generated ones on the demo clinic's real resources), from navigation to the
//     frame after the grid is painted (performance marks), median of fresh loads; baseline: the
//     same page with an empty week, same run (goal <= 200 ms); _over_empty is the difference.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import {
  ensureWebBuilt,
  launchBrowser,
  type RunningServer,
  startServer,
  WEB_ROOT,
} from '../packages/web/test/support/browser';
import { percentile, report } from './lib/report';

const RUNS = 5;

/** Gzipped size (KB) of every script a fresh load of `url` fetches, read from the built files. */
async function initialJsKb(page: Page, url: string, dist: string): Promise<number> {
  const scripts = new Set<string>();
  const listener = (res: import('playwright-core').Response) => {
    const path = new URL(res.url()).pathname;
    if (path.endsWith('.js')) scripts.add(path);
  };
  page.on('response', listener);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', listener);
  let bytes = 0;
  const sizes: string[] = [];
  for (const path of scripts) {
    const n = gzipSync(readFileSync(join(dist, path))).length;
    bytes += n;
    sizes.push(`${path.replace(/^.*\//, '')} ${(n / 1024).toFixed(1)}`);
  }
  if (process.env.BENCH_VERBOSE) console.error(`${url}: ${sizes.join(', ')}`);
  return bytes / 1024;
}

/** Largest contentful paint (ms) of a fresh load of `url`. */
async function lcpMs(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'networkidle' });
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? Number.NaN);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(Number.NaN), 3000);
      }),
  );
}

/** A bare React page built by Vite with the same plugin, served statically on loopback. */
async function buildHello(): Promise<{ dist: string; url: string; server: Server; cleanup: () => void }> {
  // Inside packages/web so that react resolves from the workspace's node_modules.
  const root = join(WEB_ROOT, `.bench-hello-${process.pid}`);
  mkdirSync(join(root, 'src'), { recursive: true });
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Hello</title></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
  );
  writeFileSync(
    join(root, 'src', 'main.tsx'),
    "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!).render(<main><h1>Hello, Exoclinic</h1><p>A bare React page for comparison.</p></main>);\n",
  );
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const dist = join(root, 'dist');
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir: dist, target: 'es2022' },
  });
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const file = join(dist, path === '/' ? 'index.html' : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    dist,
    url: `http://127.0.0.1:${port}/`,
    server,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

async function signIn(page: Page, server: RunningServer, email: string, next: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/^Password/).fill(server.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**${next}`);
}

/** The Monday of this week and its seven days, YYYY-MM-DD. */
function thisWeek(): string[] {
  const now = new Date();
  const monday = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate() - ((now.getUTCDay() + 6) % 7),
  );
  return Array.from({ length: 7 }, (_, i) => new Date(monday + i * 86_400_000).toISOString().slice(0, 10));
}

/** Median ms from navigation to the week grid painted: [empty week, 1,000 appointments]. */
async function weekCalendarMs(page: Page, server: RunningServer): Promise<[number, number]> {
  await page.goto(`${server.url}/calendar`, { waitUntil: 'networkidle' });
  const { resources, locationId } = await page.evaluate(async () => {
    const r = await (await fetch('/api/v1/resources')).json();
    const l = await (await fetch('/api/v1/locations')).json();
    return {
      resources: r.items as { id: string; kind: string; locationId: string | null }[],
      locationId: l.items[0].id as string,
    };
  });
  const practitioners = resources.filter((r) => r.kind === 'practitioner');
  const rooms = resources.filter((r) => r.kind === 'room' && r.locationId === locationId);
  const days = thisWeek();
  const generated = Array.from({ length: 1000 }, (_, i) => {
    const day = days[i % 7]!;
    const startMin = 9 * 60 + ((i * 37) % 32) * 15;
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const start = Date.UTC(y, m - 1, d, 0, startMin) + 5 * 3_600_000;
    return {
      id: `bench-${i}`,
      courseId: null,
      planId: 'bench',
      patientId: `bench-patient-${i % 300}`,
      locationId,
      modality: 'microneedling',
      kind: 'initial',
      followUpKind: null,
      sessionIndex: (i % 4) + 1,
      status: 'booked',
      start,
      end: start + 60 * 60_000,
      local: {
        date: day,
        time: `${String(Math.floor(startMin / 60)).padStart(2, '0')}:${String(startMin % 60).padStart(2, '0')}`,
        timeZone: 'America/New_York',
      },
      practitionerId: practitioners[i % practitioners.length]?.id ?? null,
      roomId: rooms[i % rooms.length]?.id ?? null,
      deviceIds: [],
      window: null,
    };
  });
  const measure = async (items: unknown[]): Promise<number> => {
    const body = JSON.stringify({ items });
    await page.route('**/api/v1/appointments?*', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body }),
    );
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${server.url}/calendar?view=week&date=${days[0]}`, { waitUntil: 'networkidle' });
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('[data-appointment]').length === n &&
          performance.getEntriesByName('calendar:painted').length > 0,
        items.length,
      );
      await page.waitForTimeout(50);
      samples.push(
        await page.evaluate(() => {
          const marks = performance.getEntriesByName('calendar:painted');
          return marks[marks.length - 1]!.startTime;
        }),
      );
    }
    await page.unroute('**/api/v1/appointments?*');
    return percentile(samples, 50);
  };
  return [await measure([]), await measure(generated)];
}

ensureWebBuilt();
const dist = join(WEB_ROOT, 'dist');
const hello = await buildHello();
let server: RunningServer | null = null;
let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
try {
  server = await startServer();
  browser = await launchBrowser();
  const page = await browser.context.newPage();
  // Every load below is a first visit: nothing comes from the HTTP cache.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });

  const helloKb = await initialJsKb(page, hello.url, hello.dist);
  const helloLcp: number[] = [];
  for (let i = 0; i < RUNS; i++) helloLcp.push(await lcpMs(page, hello.url));

  await signIn(page, server, server.logins.owner!, '/today');
  const staffKb = await initialJsKb(page, `${server.url}/today`, dist);
  const todayLcp: number[] = [];
  for (let i = 0; i < RUNS; i++) todayLcp.push(await lcpMs(page, `${server.url}/today`));

  const patientBrowser = await launchBrowser();
  try {
    const p = await patientBrowser.context.newPage();
    await signIn(p, server, server.logins.patient!, '/my');
    const portalKb = await initialJsKb(p, `${server.url}/my`, dist);
    report('web', 'staff_initial_js_gzip', staffKb, 'KB', { name: 'vite-react-hello', value: helloKb });
    report('web', 'portal_initial_js_gzip', portalKb, 'KB', { name: 'vite-react-hello', value: helloKb });
  } finally {
    await patientBrowser.close();
  }
  report('web', 'today_lcp', percentile(todayLcp, 50), 'ms', {
    name: 'vite-react-hello',
    value: percentile(helloLcp, 50),
  });
  const [empty, full] = await weekCalendarMs(page, server);
  report('web', 'week_calendar_1000', full, 'ms', { name: 'empty-week', value: empty });
  // What the 1,000 appointments add to the same load: their layout, render and paint.
  report('web', 'week_calendar_1000_over_empty', full - empty, 'ms');
} finally {
  await browser?.close();
  await server?.stop();
  hello.server.close();
  hello.cleanup();
}
