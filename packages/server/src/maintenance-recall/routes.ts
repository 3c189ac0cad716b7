import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema, localDate } from '../http/schemas';
import { recallDueMaintenance } from './recall-due-maintenance';
import { recallListView } from './schemas';

export const recallRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  app.get(
    '/recalls',
    {
      config: { permission: 'maintenance-recall.read' },
      schema: {
        tags: ['scheduling'],
        summary:
          'Patients due for a maintenance session or follow-up on a range of local days (default: the next 30), from their completed sessions',
        querystring: z.object({
          location: idSchema.optional(),
          from: localDate.optional(),
          to: localDate.optional(),
        }),
        response: { 200: recallListView },
      },
    },
    async (request) => recallDueMaintenance(exo.context(request), request.query),
  );
};
