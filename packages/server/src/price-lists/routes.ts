import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const priceListRoutes: FastifyPluginAsyncZod = async () => {};
