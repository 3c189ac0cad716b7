import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorQuery, idSchema } from '../http/schemas';
import { searchAuditLog } from './search-audit-log';

const auditView = z.object({
  id: z.string(),
  at: z.number(),
  actorUserId: z.string().nullable(),
  actorRole: z.string().nullable(),
  via: z.string().nullable(),
  action: z.string(),
  patientId: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  detail: z.unknown(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  app.get(
    '/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first: who did what to which patient, when, from where',
        querystring: z.object({
          patientId: idSchema.optional(),
          actorUserId: idSchema.optional(),
          action: z.string().max(100).optional(),
          since: z.coerce.number().int().min(0).optional(),
          until: z.coerce.number().int().min(0).optional(),
          ...cursorQuery,
        }),
        response: { 200: z.object({ items: z.array(auditView), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => searchAuditLog(exo.context(request), request.query),
  );
};
