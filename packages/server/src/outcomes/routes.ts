import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../http/schemas';
import { listResponseTimedMaintenance } from './list-maintenance-due';
import { listQuestionnairesDue, questionnairesDue } from './list-questionnaires-due';
import { readPlanOutcomes, readPlanResponse } from './read-outcomes';
import { recordOutcome } from './record-outcome';
import {
  maintenanceDueList,
  outcomeRecorded,
  planOutcomes,
  planResponse,
  recordOutcomeInput,
} from './schemas';

export const outcomeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['outcomes'];

  app.post(
    '/plans/:id/outcomes',
    {
      config: { permission: 'outcomes.write' },
      schema: {
        tags,
        summary:
          'Record a score of a catalog instrument (range-checked); returns the change from baseline, the MCID verdict and the maintenance date it leads to',
        params: idParams,
        body: recordOutcomeInput,
        response: { 201: outcomeRecorded },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordOutcome(exo.context(request), request.params.id, request.body)),
  );

  app.get(
    '/plans/:id/outcomes',
    {
      config: { permission: 'outcomes.read' },
      schema: {
        tags,
        summary: 'Scores per instrument with change from baseline, and the assessment schedule',
        params: idParams,
        response: { 200: planOutcomes },
      },
    },
    async (request) => readPlanOutcomes(exo.context(request), request.params.id),
  );

  app.get(
    '/plans/:id/response',
    {
      config: { permission: 'outcomes.read' },
      schema: {
        tags,
        summary:
          'The response curve personalised with the patient’s scores, and the maintenance date with its reason',
        params: idParams,
        response: { 200: planResponse },
      },
    },
    async (request) => readPlanResponse(exo.context(request), request.params.id),
  );

  app.get(
    '/plans/:id/questionnaires',
    {
      config: { permission: 'outcomes.read' },
      schema: {
        tags,
        summary:
          'The patient-rated questionnaires of a course and when each is due: baseline, after each session given, end of series and follow-ups, each answered, due, upcoming or missed',
        params: idParams,
        response: { 200: questionnairesDue },
      },
    },
    async (request) => listQuestionnairesDue(exo.context(request), request.params.id),
  );

  app.get(
    '/maintenance-due',
    {
      config: { permission: 'maintenance.read' },
      schema: {
        tags,
        summary:
          'Recall list: courses whose maintenance (timed by response) is due within N days, overdue included',
        querystring: z.object({ withinDays: z.coerce.number().int().min(0).max(3650).default(30) }),
        response: { 200: maintenanceDueList },
      },
    },
    async (request) => listResponseTimedMaintenance(exo.context(request), request.query),
  );
};
