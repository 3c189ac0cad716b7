import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../http/schemas';
import { timeZoneSchema } from '../tenants/time-zone';
import { addLocation } from './add-location';
import { changeLocation } from './change-location';
import { listLocations } from './list-locations';
import { readLocation } from './read-location';

const locationInput = z.object({
  name: z.string().trim().min(1).max(200),
  timeZone: timeZoneSchema,
  address: z.string().trim().max(500).nullable().optional(),
});
const locationView = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  address: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const locationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  app.get(
    '/locations',
    {
      config: { permission: 'locations.read' },
      schema: {
        tags: ['locations'],
        summary: 'The clinic’s locations',
        response: { 200: z.object({ items: z.array(locationView) }) },
      },
    },
    async (request) => ({ items: await listLocations(exo.context(request)) }),
  );
  app.post(
    '/locations',
    {
      config: { permission: 'locations.write' },
      schema: {
        tags: ['locations'],
        summary: 'Add a location',
        body: locationInput,
        response: { 201: locationView },
      },
    },
    async (request, reply) => reply.code(201).send(await addLocation(exo.context(request), request.body)),
  );
  app.get(
    '/locations/:id',
    {
      config: { permission: 'locations.read' },
      schema: {
        tags: ['locations'],
        summary: 'A location',
        params: idParams,
        response: { 200: locationView },
      },
    },
    async (request) => readLocation(exo.context(request), request.params.id),
  );
  app.patch(
    '/locations/:id',
    {
      config: { permission: 'locations.write' },
      schema: {
        tags: ['locations'],
        summary: 'Change a location',
        params: idParams,
        body: locationInput
          .partial()
          .refine((b) => Object.keys(b).length > 0, 'must change at least one field'),
        response: { 200: locationView },
      },
    },
    async (request) => changeLocation(exo.context(request), request.params.id, request.body),
  );
};
