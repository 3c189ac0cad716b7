import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, noContent } from '../http/schemas';
import { SESSION_COOKIE, SESSION_TTL_MS } from './authenticate';
import { logOut } from './log-out';
import { logIn } from './login';
import { PERMISSION_NAMES, type Permission, permissionsOf, type Role } from './permissions';
import { loginAnswer, sessionAnswer, tokenView } from './schemas';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;

  app.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: { max: exo.loginRateLimit.max, timeWindow: exo.loginRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie and returns the CSRF token for writes',
        security: [],
        body: z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1000) }),
        response: { 200: loginAnswer },
      },
    },
    async (request, reply) => {
      const result = await logIn(
        exo.db,
        {
          ...request.body,
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
        },
        { now: exo.clock(), lockout: exo.lockout, scrypt: exo.scrypt },
      );
      reply.setCookie(SESSION_COOKIE, result.cookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure: exo.secureCookies ?? request.protocol === 'https',
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      // The stored role is one of ROLES (the users table allows no other).
      const user = { ...result.user, role: result.user.role as Role };
      return { user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { permission: 'session.read' },
      schema: {
        tags: ['auth'],
        summary: 'End the session',
        response: { 204: noContent('Signed out: the session is revoked and its cookie cleared') },
      },
    },
    async (request, reply) => {
      await logOut(exo.context(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(undefined);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { permission: 'session.read' },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, and what they may do',
        response: { 200: sessionAnswer },
      },
    },
    async (request) => {
      const { actor } = exo.context(request);
      return {
        user: {
          id: actor.userId,
          email: actor.email,
          displayName: actor.displayName,
          role: actor.role,
          tenantId: actor.tenantId,
          patientId: actor.patientId,
        },
        via: actor.via,
        permissions: actor.scopes ?? permissionsOf(actor.role),
      };
    },
  );

  app.post(
    '/auth/tokens',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Create a bearer token for an integration (shown once, stored hashed)',
        body: z.object({
          name: z.string().min(1).max(100),
          scopes: z
            .array(z.enum(PERMISSION_NAMES as [Permission, ...Permission[]]))
            .min(1)
            .max(PERMISSION_NAMES.length),
          expiresInDays: z.number().int().min(1).max(3650).optional(),
        }),
        response: { 201: tokenView.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(exo.context(request), request.body)),
  );

  app.get(
    '/auth/tokens',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Your tokens',
        response: { 200: z.object({ items: z.array(tokenView) }) },
      },
    },
    async (request) => ({ items: await listApiTokens(exo.context(request)) }),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { permission: 'tokens.manage' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke a token',
        params: idParams,
        response: { 204: noContent('Revoked') },
      },
    },
    async (request, reply) => {
      await revokeApiToken(exo.context(request), request.params.id);
      return reply.code(204).send(undefined);
    },
  );
};
