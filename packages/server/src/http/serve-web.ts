import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

// The web app (packages/web, built by Vite into dist/) served at `/`, with the single-page
// fallback: any other path that is not a file gets index.html. The API, /healthz and /readyz are
// untouched, and an unknown /api path stays a 404 problem document.

const DEFAULT_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.webmanifest']);

interface Cached {
  key: string;
  raw: Buffer;
  gzip: Buffer | null;
}

export interface ServeWebOptions {
  /** The built app; defaults to packages/web/dist. */
  dist?: string;
}

const isBackendPath = (path: string) =>
  path === '/api' || path.startsWith('/api/') || path === '/healthz' || path === '/readyz';

export const serveWeb: FastifyPluginAsync<ServeWebOptions> = async (app, options) => {
  const root = resolve(options.dist ?? process.env.EXOCLINIC_WEB_DIST ?? DEFAULT_DIST);
  const cache = new Map<string, Cached>();

  async function load(file: string): Promise<Cached | null> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
    } catch {
      return null;
    }
    if (!info.isFile()) return null;
    const key = `${info.mtimeMs}:${info.size}`;
    const hit = cache.get(file);
    if (hit?.key === key) return hit;
    const raw = await readFile(file);
    const entry = {
      key,
      raw,
      gzip: COMPRESSIBLE.has(extname(file)) && raw.length > 1024 ? gzipSync(raw) : null,
    };
    cache.set(file, entry);
    return entry;
  }

  function send(reply: FastifyReply, file: string, body: Cached, acceptsGzip: boolean, immutable: boolean) {
    reply.header('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
    // Vite names built assets by content hash: they never change. index.html always revalidates.
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    reply.header('vary', 'accept-encoding');
    if (body.gzip && acceptsGzip) {
      reply.header('content-encoding', 'gzip');
      return reply.send(body.gzip);
    }
    return reply.send(body.raw);
  }

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isBackendPath(path)) return reply.callNotFound();
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return reply.callNotFound();
    }
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const file = resolve(join(root, decoded));
    // Never outside the built app.
    if (file !== root && !file.startsWith(root + sep)) return reply.callNotFound();
    const found = file === root ? null : await load(file);
    if (found) return send(reply, file, found, acceptsGzip, decoded.startsWith('/assets/'));
    // A missing asset is a 404, not the app's page.
    if (extname(decoded) !== '') return reply.callNotFound();
    const index = join(root, 'index.html');
    const page = await load(index);
    if (!page) {
      return reply.code(503).type('application/problem+json').send({
        type: 'https://exoclinic.org/problems/web-not-built',
        title: 'Web app not built',
        status: 503,
        detail: 'the web app has not been built: run `npm run build -w @exoclinic/web` (npm start does it)',
      });
    }
    return send(reply, index, page, acceptsGzip, false);
  });
};
