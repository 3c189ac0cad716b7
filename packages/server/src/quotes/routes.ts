import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, idSchema } from '../http/schemas';
import { listPlanQuotes } from './list-plan-quotes';
import { quotePlan } from './quote-plan';
import { readQuote } from './read-quote';
import { quoteView } from './schemas';

export const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  app.post(
    '/plans/:id/quotes',
    {
      config: { permission: 'quotes.write' },
      schema: {
        tags: ['quotes'],
        summary: 'Quote the plan’s current version from a price list',
        params: idParams,
        body: z.object({ priceListId: idSchema, tier: z.enum(['standard', 'premium']).default('standard') }),
        response: { 201: quoteView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await quotePlan(exo.context(request), request.params.id, request.body)),
  );
  app.get(
    '/plans/:id/quotes',
    {
      config: { permission: 'quotes.read' },
      schema: {
        tags: ['quotes'],
        summary: 'Quotes issued for a plan',
        params: idParams,
        response: { 200: z.object({ items: z.array(quoteView) }) },
      },
    },
    async (request) => ({ items: await listPlanQuotes(exo.context(request), request.params.id) }),
  );
  app.get(
    '/quotes/:id',
    {
      config: { permission: 'quotes.read' },
      schema: {
        tags: ['quotes'],
        summary: 'A quote as issued',
        params: idParams,
        response: { 200: quoteView },
      },
    },
    async (request) => readQuote(exo.context(request), request.params.id),
  );
};
