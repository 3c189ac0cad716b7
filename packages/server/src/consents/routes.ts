import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const consentRoutes: FastifyPluginAsyncZod = async () => {};
