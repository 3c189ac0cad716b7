import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { idParams, idSchema } from '../http/schemas';
import { findPatient } from '../patients/repository';
import { recordConsultation } from './record-consultation';
import { findConsultation, toConsultationView } from './repository';
import { consultationView } from './schemas';

export const consultationInput = z.object({
  profile: z
    .record(z.string(), z.unknown())
    .describe('The consultation profile of @exoclinic/core (consultationProfileSchema), without identity'),
  productId: idSchema.optional(),
  locationId: idSchema.optional(),
});

export const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;

  app.post(
    '/patients/:id/consultations',
    {
      config: { permission: 'consultations.write' },
      schema: {
        tags: ['consultations'],
        summary: 'Record a consultation: the profile is screened and regulatory-checked, both results stored',
        params: idParams,
        response: { 201: consultationView },
        body: consultationInput,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordConsultation(exo.context(request), request.params.id, request.body)),
  );

  app.get(
    '/patients/:id/consultations',
    {
      config: { permission: 'consultations.read' },
      schema: {
        tags: ['consultations'],
        summary: 'A patient’s consultations, newest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(consultationView) }) },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      const rows = await withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        await findPatient(tx, ctx, request.params.id);
        const rows = await tx
          .selectFrom('consultations')
          .selectAll()
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('patient_id', '=', request.params.id)
          .orderBy('created_at', 'desc')
          .orderBy('consultation_id', 'desc')
          .execute();
        await recordAudit(tx, ctx, {
          action: 'consultation.list',
          patientId: request.params.id,
          entity: 'consultation',
          entityId: null,
          detail: { count: rows.length },
        });
        return rows;
      });
      return { items: rows.map(toConsultationView) };
    },
  );

  app.get(
    '/consultations/:id',
    {
      config: { permission: 'consultations.read' },
      schema: {
        tags: ['consultations'],
        summary: 'A consultation with its screening and regulatory results',
        params: idParams,
        response: { 200: consultationView },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      const row = await withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const row = await findConsultation(tx, ctx, request.params.id);
        await recordAudit(tx, ctx, {
          action: 'consultation.read',
          patientId: row.patient_id,
          entity: 'consultation',
          entityId: row.consultation_id,
        });
        return row;
      });
      return toConsultationView(row);
    },
  );
};
