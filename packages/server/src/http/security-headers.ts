import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers on every response, in two sets recorded once at start.
 * - Documents (the web app, the API docs page, anything a browser renders): helmet's full set.
 * - JSON API answers under /api/v1 (OWASP REST Security Cheat Sheet): no caching, no framing, no
 *   type sniffing, HTTPS only, and a policy that forbids everything a document could load. The
 *   rest of helmet's set (cross-origin opener and resource policies, origin-agent cluster, DNS
 *   prefetch, download options, cross-domain policies, referrer policy, the XSS auditor switch)
 *   governs how a browser renders a page and says nothing about a JSON answer; sending thirteen
 *   headers on every API answer cost about a tenth of a cached plan read.
 * helmet's middleware chain is not run per request: with this configuration its headers are the
 * same for every request (no CSP nonce).
 */
export function addSecurityHeaders(app: FastifyInstance): void {
  const documents = recordSecurityHeaders();
  const api = apiSecurityHeaders(documents);
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/v1/') ? api : documents);
    done();
  });
}

/** The API answers' set, taken from helmet's so the shared values never drift apart. */
export function apiSecurityHeaders(documents: Record<string, string>): Record<string, string> {
  const pick = (name: string) => {
    const value = documents[name];
    if (!value) throw new Error(`helmet no longer sets ${name}`);
    return value;
  };
  return Object.freeze({
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'strict-transport-security': pick('strict-transport-security'),
    'x-content-type-options': pick('x-content-type-options'),
    'x-frame-options': 'DENY',
  }) as Record<string, string>;
}

/** The headers helmet sets, read off a stand-in response. */
export function recordSecurityHeaders(): Record<string, string> {
  const apply = helmet({
    // The API serves JSON; the docs page needs its own script and style.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'validator.swagger.io'],
      },
    },
  });
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  apply({} as never, response as never, (error?: unknown) => {
    failed = error;
  });
  if (failed) throw failed;
  if (Object.keys(headers).length < 10) throw new Error('helmet wrote fewer headers than expected');
  return Object.freeze(headers) as Record<string, string>;
}
