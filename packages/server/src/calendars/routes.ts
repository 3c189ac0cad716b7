import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, idSchema, textAnswer } from '../http/schemas';
import { notFound } from '../shared/errors';
import { createCalendarFeed, listCalendarFeeds, revokeCalendarFeed } from './feeds';
import { readCalendarFeed } from './read-feed';

const feedView = z.object({
  id: z.string(),
  kind: z.enum(['practitioner', 'room', 'patient']),
  subjectId: z.string(),
  label: z.string(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
});

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['calendars'];

  app.post(
    '/calendar-feeds',
    {
      config: { permission: 'calendar-feeds.manage' },
      schema: {
        tags,
        summary:
          'Create a secret ICS feed URL for a practitioner, a room or a patient (the URL is shown once)',
        body: z.object({ kind: z.enum(['practitioner', 'room', 'patient']), subjectId: idSchema }),
        response: { 201: feedView.extend({ token: z.string(), url: z.string() }) },
      },
    },
    async (request, reply) => {
      const feed = await createCalendarFeed(exo.context(request), request.body);
      const url = `${request.protocol}://${request.host}/api/v1/ics/${feed.token}`;
      return reply.code(201).send({ ...feed, url });
    },
  );

  app.get(
    '/calendar-feeds',
    {
      config: { permission: 'calendar-feeds.manage' },
      schema: {
        tags,
        summary: 'Calendar feeds of the clinic (never their secret URLs)',
        response: { 200: z.object({ items: z.array(feedView) }) },
      },
    },
    async (request) => ({ items: await listCalendarFeeds(exo.context(request)) }),
  );

  app.delete(
    '/calendar-feeds/:id',
    {
      config: { permission: 'calendar-feeds.manage' },
      schema: {
        tags,
        summary: 'Revoke a calendar feed: its URL stops answering',
        params: idParams,
        response: { 200: feedView },
      },
    },
    async (request) => revokeCalendarFeed(exo.context(request), request.params.id),
  );

  app.get(
    '/ics/:tenant/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'An ICS (RFC 5545) calendar at its secret URL; unknown or revoked tokens are 404',
        params: z.object({ tenant: z.string().max(100), token: z.string().max(200) }),
        security: [],
        response: {
          200: textAnswer('text/calendar', 'The calendar as iCalendar text (RFC 5545)'),
        },
      },
    },
    async (request, reply) => {
      const body = await readCalendarFeed(exo.db, request.params.tenant, request.params.token, exo.clock(), {
        ip: request.ip ?? null,
        requestId: request.id,
      });
      if (body === null) throw notFound('calendar');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="exoclinic.ics"')
        .send(body);
    },
  );
};
