import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const consultationRoutes: FastifyPluginAsyncZod = async () => {};
