import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../http/schemas';
import { addProduct } from './add-product';
import { listProductLots } from './list-product-lots';
import { listProducts } from './list-products';
import { readProduct } from './read-product';
import { receiveLot } from './receive-lot';
import { reviseProduct } from './revise-product';
import { lotInput, lotView, productInput, productView } from './schemas';

export const productRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;

  app.get(
    '/products',
    {
      config: { permission: 'products.read' },
      schema: {
        tags: ['products'],
        summary: 'Products with origin, supplier and registration per jurisdiction',
        response: { 200: z.object({ items: z.array(productView) }) },
      },
    },
    async (request) => ({ items: await listProducts(exo.context(request)) }),
  );

  app.post(
    '/products',
    {
      config: { permission: 'products.write' },
      schema: {
        tags: ['products'],
        summary: 'Add a product',
        body: productInput,
        response: { 201: productView },
      },
    },
    async (request, reply) => reply.code(201).send(await addProduct(exo.context(request), request.body)),
  );

  app.get(
    '/products/:id',
    {
      config: { permission: 'products.read' },
      schema: { tags: ['products'], summary: 'A product', params: idParams, response: { 200: productView } },
    },
    async (request) => readProduct(exo.context(request), request.params.id),
  );

  app.put(
    '/products/:id',
    {
      config: { permission: 'products.write' },
      schema: {
        tags: ['products'],
        summary: 'Replace a product’s description (its version goes up)',
        params: idParams,
        body: productInput,
        response: { 200: productView },
      },
    },
    async (request) => reviseProduct(exo.context(request), request.params.id, request.body),
  );

  app.get(
    '/products/:id/lots',
    {
      config: { permission: 'products.read' },
      schema: {
        tags: ['products'],
        summary: 'Lots of a product, soonest expiry first, each with its expiry and recall state',
        params: idParams,
        response: { 200: z.object({ items: z.array(lotView) }) },
      },
    },
    async (request) => ({ items: await listProductLots(exo.context(request), request.params.id) }),
  );

  app.post(
    '/products/:id/lots',
    {
      config: { permission: 'products.write' },
      schema: {
        tags: ['products'],
        summary: 'Receive a lot (lot number, expiry, quantity)',
        params: idParams,
        body: lotInput,
        response: { 201: lotView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await receiveLot(exo.context(request), request.params.id, request.body)),
  );
};
