import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../db/tenant';
import { idParams } from '../http/schemas';
import { createResource } from './create-resource';
import { readLocationSchedule, setLocationSchedule } from './location-schedule';
import { findResourceView, loadResourceViews } from './repository';
import {
  hoursInput,
  locationScheduleInput,
  locationScheduleView,
  resourceInput,
  resourcePatch,
  resourceQuery,
  resourceView,
  timeOffInput,
} from './schemas';
import { setResourceHours } from './set-resource-hours';
import { setTimeOff } from './set-time-off';
import { updateResource } from './update-resource';

export const resourceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['resources'];

  app.get(
    '/resources',
    {
      config: { permission: 'resources.read' },
      schema: {
        tags,
        summary: 'Bookable practitioners, rooms and devices with their hours and time off',
        querystring: resourceQuery,
        response: { 200: z.object({ items: z.array(resourceView) }) },
      },
    },
    async (request) => {
      const { actor } = exo.context(request);
      const q = request.query;
      const items = await withTenant(exo.db, actor.tenantId, (tx) =>
        loadResourceViews(tx, actor.tenantId, {
          ...(q.kind && { kind: q.kind }),
          ...(q.location && { locationId: q.location }),
          includeInactive: q.includeInactive === 'true',
        }),
      );
      return { items };
    },
  );

  app.post(
    '/resources',
    {
      config: { permission: 'resources.write' },
      schema: {
        tags,
        summary: 'Add a room or a device at a site, or make a practitioner (a user) bookable',
        body: resourceInput,
        response: { 201: resourceView },
      },
    },
    async (request, reply) => reply.code(201).send(await createResource(exo.context(request), request.body)),
  );

  app.get(
    '/resources/:id',
    {
      config: { permission: 'resources.read' },
      schema: { tags, summary: 'A resource', params: idParams, response: { 200: resourceView } },
    },
    async (request) => {
      const { actor } = exo.context(request);
      return withTenant(exo.db, actor.tenantId, (tx) =>
        findResourceView(tx, actor.tenantId, request.params.id),
      );
    },
  );

  app.patch(
    '/resources/:id',
    {
      config: { permission: 'resources.write' },
      schema: {
        tags,
        summary: 'Rename, retire or change the modalities of a resource',
        params: idParams,
        body: resourcePatch,
        response: { 200: resourceView },
      },
    },
    async (request) => updateResource(exo.context(request), request.params.id, request.body),
  );

  app.put(
    '/resources/:id/hours',
    {
      config: { permission: 'resources.write' },
      schema: {
        tags,
        summary:
          'Replace working hours: per site for a practitioner, narrowing the site’s hours for a room or device',
        params: idParams,
        body: hoursInput,
        response: { 200: resourceView },
      },
    },
    async (request) =>
      setResourceHours(
        exo.context(request),
        request.params.id,
        request.body.hours.map((h) => ({ locationId: h.locationId, weekly: h.weekly as never })),
      ),
  );

  app.put(
    '/resources/:id/time-off',
    {
      config: { permission: 'resources.write' },
      schema: {
        tags,
        summary: 'Replace time off (leave, device service); lists live appointments that now fall inside it',
        params: idParams,
        body: timeOffInput,
        response: {
          200: resourceView.extend({
            affectedAppointments: z.array(z.object({ id: z.string(), start: z.number(), end: z.number() })),
          }),
        },
      },
    },
    async (request) => setTimeOff(exo.context(request), request.params.id, request.body.periods),
  );

  app.get(
    '/locations/:id/schedule',
    {
      config: { permission: 'resources.read' },
      schema: {
        tags,
        summary: 'A site’s opening hours, closures and booking grid (in the site’s IANA time zone)',
        params: idParams,
        response: { 200: locationScheduleView },
      },
    },
    async (request) => {
      const { actor } = exo.context(request);
      return withTenant(exo.db, actor.tenantId, (tx) =>
        readLocationSchedule(tx, actor.tenantId, request.params.id),
      );
    },
  );

  app.put(
    '/locations/:id/schedule',
    {
      config: { permission: 'resources.write' },
      schema: {
        tags,
        summary: 'Set a site’s opening hours, closures, slot grid and cleaning buffer',
        params: idParams,
        body: locationScheduleInput,
        response: { 200: locationScheduleView },
      },
    },
    async (request) =>
      setLocationSchedule(exo.context(request), request.params.id, {
        ...request.body,
        weekly: request.body.weekly as never,
      }),
  );
};
