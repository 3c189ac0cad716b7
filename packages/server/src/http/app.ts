import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { type AuditRow, commitReadAudits } from '../audit/audit-reads';
import { auditRoutes } from '../audit/routes';
import type { Actor } from '../auth/actor';
import { actorFromBearer, actorFromSessionCookie, SESSION_COOKIE } from '../auth/authenticate';
import { DEFAULT_LOCKOUT, type LockoutPolicy } from '../auth/login';
import type { ScryptParams } from '../auth/passwords';
import { isPermission, PERMISSIONS, type Permission, roleMay } from '../auth/permissions';
import { authRoutes } from '../auth/routes';
import { sameSecret } from '../auth/secrets';
import { clinicRoutes } from '../clinic/routes';
import { consentRoutes } from '../consents/routes';
import { consultationRoutes } from '../consultations/routes';
import type { Db } from '../db/connect';
import { publicBaseUrl as resolvePublicBaseUrl } from '../invitations/public-base-url';
import { invitationRoutes } from '../invitations/routes';
import { locationRoutes } from '../locations/routes';
import { patientRoutes } from '../patients/routes';
import { planRoutes } from '../plans/routes';
import { priceListRoutes } from '../price-lists/routes';
import { printoutRoutes } from '../printouts/routes';
import { productRoutes } from '../products/routes';
import { protocolSettingsRoutes } from '../protocol-settings/routes';
import { quoteRoutes } from '../quotes/routes';
import { defaultDataDir, recordsRoutes } from '../records/routes';
import { schedulingApi } from '../scheduling/api';
import { type Clock, systemClock } from '../shared/clock';
import type { UseCaseContext } from '../shared/context';
import { DomainError, forbidden, unauthorized } from '../shared/errors';
import { userRoutes } from '../users/routes';
import { registerProblemHandlers } from './problem';
import { addSecurityHeaders } from './security-headers';
import { serveWeb } from './serve-web';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** Read-audit rows this request must commit before it answers (see audit/audit-reads.ts). */
    readAudits: AuditRow[] | null;
  }
  interface FastifyContextConfig {
    /** The permission this route needs; `public` routes need none. */
    permission?: Permission;
    public?: boolean;
  }
  interface FastifyInstance {
    exo: AppServices;
  }
}

export interface AppOptions {
  db: Db;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (Secure cookies, client address). */
  trustProxy?: boolean;
  /** Force the Secure cookie flag; by default it follows the request's protocol. */
  secureCookies?: boolean;
  lockout?: LockoutPolicy;
  loginRateLimit?: { max: number; timeWindowMs: number };
  scrypt?: ScryptParams;
  /** Where files live (photos); default: beside the SQLite file, else $EXOCLINIC_DATA or ./data. */
  dataDir?: string;
  /** Where links in mails point (invitations, safety alerts); default: the address the server listens on. */
  publicBaseUrl?: string;
  /** How answers are encoded by their schema (tests wrap it to catch fields a schema would drop). */
  serializerCompiler?: typeof serializerCompiler;
}

export interface AppServices {
  db: Db;
  clock: Clock;
  lockout: LockoutPolicy;
  scrypt: ScryptParams | undefined;
  secureCookies: boolean | undefined;
  loginRateLimit: { max: number; timeWindowMs: number };
  dataDir: string;
  /** Every API route with the permission it needs: the matrix and isolation tests walk this. */
  routes: { method: string; url: string; permission: Permission | null }[];
  /** The context a use case runs in, from an authenticated request. */
  context(request: import('fastify').FastifyRequest): UseCaseContext;
  /** Where links in mails point (EXOCLINIC_PUBLIC_URL, else the address the server listens on). */
  publicBaseUrl(): string;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 512 * 1024,
    return503OnClosing: true,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(options.serializerCompiler ?? serializerCompiler);

  const clock = options.clock ?? systemClock;
  const services: AppServices = {
    db: options.db,
    clock,
    lockout: options.lockout ?? DEFAULT_LOCKOUT,
    scrypt: options.scrypt,
    secureCookies: options.secureCookies,
    loginRateLimit: options.loginRateLimit ?? { max: 20, timeWindowMs: 60_000 },
    routes: [],
    dataDir: options.dataDir ?? defaultDataDir(options.db),
    publicBaseUrl: () => resolvePublicBaseUrl(app, options.publicBaseUrl),
    context(request) {
      if (!request.actor) throw unauthorized();
      return {
        db: options.db,
        actor: request.actor,
        ip: request.ip ?? null,
        requestId: request.id,
        now: clock(),
        deferReadAudit: (row) => {
          if (request.readAudits) request.readAudits.push(row);
          else request.readAudits = [row];
        },
      };
    },
  };
  app.decorate('exo', services);
  app.decorateRequest('actor', null);
  app.decorateRequest('readAudits', null);
  // A successful read answers only once its audit rows are committed; a failed one leaves none.
  // Written with a callback, not async: most answers carry no read audit and pass straight on.
  app.addHook('onSend', (request, reply, payload, done) => {
    const rows = request.readAudits;
    if (!rows) return done(null, payload);
    request.readAudits = null;
    if (reply.statusCode >= 400) return done(null, payload);
    commitReadAudits(options.db, rows).then(
      () => done(null, payload),
      (error: Error) => done(error),
    );
  });

  // Every API route must say who may call it: a route without a permission is a bug, found at start.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const config = (route.config ?? {}) as { permission?: string; public?: boolean };
    const methods = ([] as string[]).concat(route.method).filter((m) => m !== 'HEAD');
    if (config.public) {
      for (const method of methods) services.routes.push({ method, url: route.url, permission: null });
      return;
    }
    if (!config.permission || !isPermission(config.permission)) {
      throw new Error(`route ${route.method} ${route.url} names no permission from auth/permissions.ts`);
    }
    for (const method of methods)
      services.routes.push({ method, url: route.url, permission: config.permission });
  });

  registerProblemHandlers(app);
  addSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new DomainError(429, 'too-many-requests', 'Too many requests', `slow down: try again in ${ctx.after}`, {
        retryAfterSeconds: Math.ceil(ctx.ttl / 1000),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Exoclinic API',
        version: '1',
        description:
          'Clinic records for exosome therapy: patients, consultations with screening and regulatory checks, plans, quotes, consent, products, audit.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/api/v1/')) return;
    const config = request.routeOptions.config as { permission?: Permission; public?: boolean };
    if (config.public || !config.permission) return; // unknown routes fall through to the 404 problem
    const now = clock();
    const authz = request.headers.authorization;
    if (authz !== undefined) {
      const [scheme, value] = authz.split(' ', 2);
      if (scheme?.toLowerCase() !== 'bearer' || !value)
        throw unauthorized('use Authorization: Bearer <token>');
      const actor = await actorFromBearer(options.db, value.trim(), now);
      if (!actor) throw unauthorized('the token is not valid');
      request.actor = actor;
    } else {
      const raw = request.cookies[SESSION_COOKIE];
      const found = raw ? await actorFromSessionCookie(options.db, raw, now) : null;
      if (!found) throw unauthorized();
      if (UNSAFE.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameSecret(sent, found.csrfToken)) {
          throw new DomainError(
            403,
            'csrf',
            'Missing CSRF token',
            'a signed-in write must carry the X-CSRF-Token header given at sign-in',
          );
        }
      }
      request.actor = found.actor;
    }
    const actor = request.actor;
    if (!roleMay(actor.role, config.permission))
      throw forbidden(`the ${actor.role} role may not ${config.permission}`);
    if (actor.scopes && !actor.scopes.includes(config.permission)) {
      throw new DomainError(
        403,
        'insufficient-scope',
        'Insufficient scope',
        `the token lacks the '${config.permission}' scope`,
      );
    }
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(options.db.kysely);
      return { status: 'ready', engine: options.db.engine };
    } catch {
      return reply.code(503).type('application/problem+json').send({
        type: 'https://exoclinic.org/problems/not-ready',
        title: 'Not ready',
        status: 503,
        detail: 'the database does not answer',
      });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(authRoutes);
      await api.register(patientRoutes);
      await api.register(consultationRoutes);
      await api.register(planRoutes);
      await api.register(quoteRoutes);
      await api.register(consentRoutes);
      await api.register(productRoutes);
      await api.register(priceListRoutes);
      await api.register(locationRoutes);
      await api.register(clinicRoutes);
      await api.register(userRoutes);
      await api.register(invitationRoutes, { publicBaseUrl: options.publicBaseUrl });
      await api.register(auditRoutes);
      await api.register(schedulingApi);
      await api.register(recordsRoutes);
      await api.register(printoutRoutes);
      await api.register(protocolSettingsRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(serveWeb);
  return app;
}

export { PERMISSIONS };
