import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../auth/authenticate';
import type { Role } from '../auth/permissions';
import { idParams } from '../http/schemas';
import { acceptInvitation } from './accept-invitation';
import { invitePatient } from './invite-patient';
import { inviteStaffMember } from './invite-staff-member';
import { listStaffInvitations } from './list-staff-invitations';
import { publicBaseUrl } from './public-base-url';
import { readInvitation } from './read-invitation';
import { readPortalAccess } from './read-portal-access';
import {
  acceptAnswer,
  acceptBody,
  invitationPreview,
  invitationView,
  portalAccessView,
  staffInvitationBody,
  tokenParams,
} from './schemas';

export interface InvitationRoutesOptions {
  /** Where the links in invitation mails point (default: the address the server listens on). */
  publicBaseUrl?: string;
}

export const invitationRoutes: FastifyPluginAsyncZod<InvitationRoutesOptions> = async (app, options) => {
  const { exo } = app;
  const link = () => ({ publicBaseUrl: publicBaseUrl(app, options.publicBaseUrl) });
  // The public routes take a secret from whoever holds it: rate-limited like the sign-in.
  const publicLimit = { max: exo.loginRateLimit.max, timeWindow: exo.loginRateLimit.timeWindowMs };

  app.post(
    '/patients/:id/invitations',
    {
      config: { permission: 'invitations.patient' },
      schema: {
        tags: ['invitations'],
        summary:
          "Invite a patient to the portal: a one-time link to the patient's e-mail (older links stop working)",
        params: idParams,
        response: { 201: invitationView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await invitePatient(exo.context(request), request.params.id, link())),
  );

  app.get(
    '/patients/:id/invitations',
    {
      config: { permission: 'invitations.patient' },
      schema: {
        tags: ['invitations'],
        summary: "The patient's portal account and latest invitation (sent, expires, accepted)",
        params: idParams,
        response: { 200: portalAccessView },
      },
    },
    async (request) => readPortalAccess(exo.context(request), request.params.id),
  );

  app.post(
    '/invitations',
    {
      config: { permission: 'invitations.staff' },
      schema: {
        tags: ['invitations'],
        summary: 'Invite a staff member with a role: they choose their password through a one-time link',
        body: staffInvitationBody,
        response: { 201: invitationView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await inviteStaffMember(exo.context(request), request.body, link())),
  );

  app.get(
    '/invitations',
    {
      config: { permission: 'invitations.staff' },
      schema: {
        tags: ['invitations'],
        summary: "Staff invitations: each invitee's latest, newest first",
        response: { 200: z.object({ items: z.array(invitationView) }) },
      },
    },
    async (request) => ({ items: await listStaffInvitations(exo.context(request)) }),
  );

  app.get(
    '/invitations/:token',
    {
      config: { public: true, rateLimit: publicLimit },
      schema: {
        tags: ['invitations'],
        summary:
          'What an invitation link shows: clinic, invitee; 404 unknown, 409 used, 410 expired or replaced',
        security: [],
        params: tokenParams,
        response: { 200: invitationPreview },
      },
    },
    async (request) => readInvitation(exo.db, request.params.token, exo.clock()),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { public: true, rateLimit: publicLimit },
      schema: {
        tags: ['invitations'],
        summary: 'Choose a password through an invitation link: signs in (session cookie, CSRF token)',
        security: [],
        params: tokenParams,
        body: acceptBody,
        response: { 200: acceptAnswer },
      },
    },
    async (request, reply) => {
      const result = await acceptInvitation(
        exo.db,
        {
          token: request.params.token,
          password: request.body.password,
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
          requestId: request.id,
        },
        { now: exo.clock(), scrypt: exo.scrypt },
      );
      reply.setCookie(SESSION_COOKIE, result.cookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure: exo.secureCookies ?? request.protocol === 'https',
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      const user = { ...result.user, role: result.user.role as Role };
      return { user, csrfToken: result.csrfToken, expiresAt: result.expiresAt };
    },
  );
};
