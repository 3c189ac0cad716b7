// Shared by the browser test and bench/web.ts: Debian's Chromium driven by playwright-core, the
// real server on a temporary SQLite folder and a free port, and the web app built when needed.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';

export const WEB_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const REPO_ROOT = resolve(WEB_ROOT, '../..');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium from CHROMIUM_PATH or Debian's package; a clear error with the install hint otherwise. */
export function findChromium(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. The browser tests need Debian's Chromium: run \`apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary). Never `playwright install`.',
    );
  }
  return path;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with its own new user-data-dir, removed on close. */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  const executablePath = findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'exoclinic-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Build packages/web when dist/ is missing or older than its sources. */
export function ensureWebBuilt(): void {
  const index = join(WEB_ROOT, 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(join(WEB_ROOT, 'src')),
    newestMtime(join(REPO_ROOT, 'packages', 'core', 'src')),
    statSync(join(WEB_ROOT, 'index.html')).mtimeMs,
    statSync(join(WEB_ROOT, 'vite.config.ts')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const r = spawnSync('npm', ['run', 'build', '-w', '@exoclinic/web'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`building the web app failed:\n${r.stdout}\n${r.stderr}`);
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The demo clinic's sign-ins: role → e-mail, and the shared password. */
  logins: Record<string, string>;
  password: string;
  stop(): Promise<void>;
}

/**
 * `exoclinic serve` on a fresh SQLite folder and a free port; resolves when it listens. `env`
 * adds to the server's environment (EXOCLINIC_SMTP_URL: mail to a test SMTP server).
 */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'exoclinic-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(REPO_ROOT, 'packages/server/bin/exoclinic.js'), 'serve', '--data', dataDir, '--port', String(port)],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the server did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      if (/listening on/.test(output)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  const creds = readFileSync(join(dataDir, 'demo-credentials.txt'), 'utf8');
  const logins: Record<string, string> = {};
  let password = '';
  for (const line of creds.split('\n')) {
    const [k, v] = line.split('\t');
    if (!k || !v) continue;
    if (k === 'password') password = v;
    else if (!(k in logins)) logins[k] = v;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    logins,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
