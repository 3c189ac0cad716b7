import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../db/tenant';
import { idParams } from '../http/schemas';
import { notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import { timeZoneSchema } from '../tenants/time-zone';

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
type Row = {
  location_id: string;
  name: string;
  time_zone: string;
  address: string | null;
  created_at: number;
  updated_at: number;
};
const view = (r: Row) => ({
  id: r.location_id,
  name: r.name,
  timeZone: r.time_zone,
  address: r.address,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
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
    async (request) => {
      const { actor } = exo.context(request);
      const rows = await withTenant(exo.db, actor.tenantId, (tx) =>
        tx
          .selectFrom('locations')
          .selectAll()
          .where('tenant_id', '=', actor.tenantId)
          .orderBy('name')
          .execute(),
      );
      return { items: rows.map(view) };
    },
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
    async (request, reply) => {
      const ctx = exo.context(request);
      const row = await withTenant(exo.db, ctx.actor.tenantId, (tx) =>
        tx
          .insertInto('locations')
          .values({
            tenant_id: ctx.actor.tenantId,
            location_id: newId(ctx.now),
            name: request.body.name,
            time_zone: request.body.timeZone,
            address: request.body.address ?? null,
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return reply.code(201).send(view(row));
    },
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
    async (request) => {
      const { actor } = exo.context(request);
      const row = await withTenant(exo.db, actor.tenantId, (tx) =>
        tx
          .selectFrom('locations')
          .selectAll()
          .where('tenant_id', '=', actor.tenantId)
          .where('location_id', '=', request.params.id)
          .executeTakeFirst(),
      );
      if (!row) throw notFound('location');
      return view(row);
    },
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
    async (request) => {
      const ctx = exo.context(request);
      const b = request.body;
      const row = await withTenant(exo.db, ctx.actor.tenantId, (tx) =>
        tx
          .updateTable('locations')
          .set({
            ...(b.name !== undefined && { name: b.name }),
            ...(b.timeZone !== undefined && { time_zone: b.timeZone }),
            ...(b.address !== undefined && { address: b.address }),
            updated_at: ctx.now,
          })
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('location_id', '=', request.params.id)
          .returningAll()
          .executeTakeFirst(),
      );
      if (!row) throw notFound('location');
      return view(row);
    },
  );
};
