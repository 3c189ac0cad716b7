import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, idSchema } from '../http/schemas';
import { listPatientConsultations } from './list-patient-consultations';
import { readConsultation } from './read-consultation';
import { recordConsultation } from './record-consultation';
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
    async (request) => ({ items: await listPatientConsultations(exo.context(request), request.params.id) }),
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
    async (request) => readConsultation(exo.context(request), request.params.id),
  );
};
