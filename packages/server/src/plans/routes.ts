import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, localDate } from '../http/schemas';
import { acceptPlan } from './accept-plan';
import { listPatientPlans } from './list-patient-plans';
import { listPlanVersions } from './list-plan-versions';
import { planCourse } from './plan-course';
import { readCurrentPlan } from './read-current-plan';
import { readPlan } from './read-plan';
import { revisePlan } from './revise-plan';
import { planVersionView, planView } from './schemas';
import { withdrawPlan } from './withdraw-plan';

const reason = z.string().trim().min(10, 'must explain the decision in at least 10 characters').max(2000);
const choices = {
  protocol: z.string().min(1).max(100).optional(),
  startDate: localDate.optional(),
  overrideReason: reason.optional(),
};

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;

  app.post(
    '/consultations/:id/plans',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary:
          'Plan a course from a consultation (version 1); a stopped consultation needs an override reason',
        params: idParams,
        response: { 201: planView },
        body: z.object({ ...choices, reason: z.string().trim().min(1).max(2000).optional() }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await planCourse(exo.context(request), request.params.id, request.body)),
  );

  app.get(
    '/plans/:id',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: 'A plan and its current version',
        params: idParams,
        response: { 200: planView },
      },
    },
    async (request) => readPlan(exo.context(request), request.params.id),
  );

  app.get(
    '/plans/:id/versions',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: 'Every version of a plan with its reason, oldest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(planVersionView) }) },
      },
    },
    async (request) => ({ items: await listPlanVersions(exo.context(request), request.params.id) }),
  );

  app.post(
    '/plans/:id/versions',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary: 'Revise a plan: a new version with its reason (needs acceptance again)',
        params: idParams,
        response: { 201: planView },
        body: z.object({ ...choices, reason, basedOnVersion: z.number().int().min(1) }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await revisePlan(exo.context(request), request.params.id, request.body)),
  );

  app.post(
    '/plans/:id/accept',
    {
      config: { permission: 'plans.accept' },
      schema: {
        tags: ['plans'],
        summary: 'Accept the current version; a stopped consultation needs a practitioner’s override reason',
        params: idParams,
        response: { 200: planView },
        body: z.object({ version: z.number().int().min(1), overrideReason: reason.optional() }),
      },
    },
    async (request) => acceptPlan(exo.context(request), request.params.id, request.body),
  );

  app.post(
    '/plans/:id/withdraw',
    {
      config: { permission: 'plans.write' },
      schema: {
        tags: ['plans'],
        summary:
          'Withdraw a plan with its reason; booked sessions are cancelled with it only when asked (cancelBookedSessions)',
        params: idParams,
        response: { 200: planView },
        body: z.object({ reason, cancelBookedSessions: z.boolean().optional() }),
      },
    },
    async (request) => withdrawPlan(exo.context(request), request.params.id, request.body),
  );

  app.get(
    '/patients/:id/plans',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: 'A patient’s plans, newest first',
        params: idParams,
        response: { 200: z.object({ items: z.array(planView) }) },
      },
    },
    async (request) => ({ items: await listPatientPlans(exo.context(request), request.params.id) }),
  );

  app.get(
    '/patients/:id/current-plan',
    {
      config: { permission: 'plans.read' },
      schema: {
        tags: ['plans'],
        summary: 'The patient’s current plan: the newest accepted one, else the newest proposed',
        params: idParams,
        response: { 200: planView },
      },
    },
    async (request, reply) => {
      const body = await readCurrentPlan(exo.context(request), request.params.id);
      // Already the JSON answer's bytes (see read-current-plan.ts): Fastify sends a Buffer as it is.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );
};
