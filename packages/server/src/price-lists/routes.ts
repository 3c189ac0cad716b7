import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../http/schemas';
import { addPriceList } from './add-price-list';
import { listPriceLists } from './list-price-lists';
import { readPriceList } from './read-price-list';
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
    async (request) => ({ items: await listPriceLists(exo.context(request)) }),
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
    async (request, reply) => reply.code(201).send(await addPriceList(exo.context(request), request.body)),
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
    async (request) => readPriceList(exo.context(request), request.params.id),
  );
};
