import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { cursorQuery, decodeCursor, encodeCursor, idSchema } from '../http/schemas';

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
    async (request) => {
      const { actor } = exo.context(request);
      const q = request.query;
      const rows = await withTenant(exo.db, actor.tenantId, (tx) => {
        let s = tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', actor.tenantId);
        if (q.patientId) s = s.where('patient_id', '=', q.patientId);
        if (q.actorUserId) s = s.where('actor_user_id', '=', q.actorUserId);
        if (q.action) s = s.where('action', '=', q.action);
        if (q.since !== undefined) s = s.where('at', '>=', q.since);
        if (q.until !== undefined) s = s.where('at', '<', q.until);
        const after = decodeCursor(q.cursor, 2);
        if (after) {
          const [at, id] = after as [number, string];
          s = s.where((eb) =>
            eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('audit_id', '<', id)])]),
          );
        }
        return s
          .orderBy('at', 'desc')
          .orderBy('audit_id', 'desc')
          .limit(q.limit + 1)
          .execute();
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          id: r.audit_id,
          at: r.at,
          actorUserId: r.actor_user_id,
          actorRole: r.actor_role,
          via: r.via,
          action: r.action,
          patientId: r.patient_id,
          entity: r.entity,
          entityId: r.entity_id,
          ip: r.ip,
          requestId: r.request_id,
          detail: readJson(r.detail),
        })),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.at, last.audit_id]) : null,
      };
    },
  );
};
