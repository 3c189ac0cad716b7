import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { idParams } from '../http/schemas';
import { notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import { toPriceList } from './repository';
import { priceListInput, priceListView } from './schemas';

export const priceListRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  app.get(
    '/price-lists',
    {
      config: { permission: 'price-lists.read' },
      schema: {
        tags: ['price lists'],
        summary: 'The clinic’s price lists',
        response: { 200: z.object({ items: z.array(priceListView) }) },
      },
    },
    async (request) => {
      const { actor } = exo.context(request);
      const rows = await withTenant(exo.db, actor.tenantId, (tx) =>
        tx
          .selectFrom('price_lists')
          .selectAll()
          .where('tenant_id', '=', actor.tenantId)
          .orderBy('name')
          .execute(),
      );
      return { items: rows.map(toPriceList) };
    },
  );
  app.post(
    '/price-lists',
    {
      config: { permission: 'price-lists.write' },
      schema: {
        tags: ['price lists'],
        summary: 'Add a price list (prices in minor units)',
        body: priceListInput,
        response: { 201: priceListView },
      },
    },
    async (request, reply) => {
      const ctx = exo.context(request);
      const b = request.body;
      const row = await withTenant(exo.db, ctx.actor.tenantId, (tx) =>
        tx
          .insertInto('price_lists')
          .values({
            tenant_id: ctx.actor.tenantId,
            price_list_id: newId(ctx.now),
            name: b.name,
            currency: b.currency,
            content: writeJson({ isExample: b.isExample, entries: b.entries }),
            created_at: ctx.now,
            created_by: ctx.actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return reply.code(201).send(toPriceList(row));
    },
  );
  app.get(
    '/price-lists/:id',
    {
      config: { permission: 'price-lists.read' },
      schema: {
        tags: ['price lists'],
        summary: 'A price list',
        params: idParams,
        response: { 200: priceListView },
      },
    },
    async (request) => {
      const { actor } = exo.context(request);
      const row = await withTenant(exo.db, actor.tenantId, (tx) =>
        tx
          .selectFrom('price_lists')
          .selectAll()
          .where('tenant_id', '=', actor.tenantId)
          .where('price_list_id', '=', request.params.id)
          .executeTakeFirst(),
      );
      if (!row) throw notFound('price list');
      return toPriceList(row);
    },
  );
};
