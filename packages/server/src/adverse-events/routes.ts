import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { binaryAnswer, idParams } from '../http/schemas';
import { listMyAlerts, markAlertRead } from './alerts';
import { addFollowUpTask, completeFollowUpTask } from './follow-up-tasks';
import { listOpenAdverseEvents, listPatientAdverseEvents, readAdverseEvent } from './list-adverse-events';
import { listFollowUpTasks } from './list-follow-up-tasks';
import { buildMedWatchReport } from './medwatch';
import { renderMedWatchPdf } from './medwatch-pdf';
import { reportAdverseEvent } from './report-adverse-event';
import {
  adverseEventDetail,
  adverseEventList,
  adverseEventView,
  alertList,
  alertView,
  followUpTaskList,
  followUpTaskView,
  medWatchReport,
  reportInput,
  taskInput,
  updateInput,
} from './schemas';
import { updateAdverseEvent } from './update-adverse-event';

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

export const adverseEventRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['adverse events'];

  app.post(
    '/patients/:id/adverse-events',
    {
      config: { permission: 'adverse-events.report' },
      schema: {
        tags,
        summary:
          'Report an adverse event (staff, or the patient in the portal): catalog type, onset, CTCAE grade, serious, linked sessions and lots; grade ≥ 3 or serious alerts the owners and admins at once',
        params: idParams,
        body: reportInput,
        response: { 201: adverseEventView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await reportAdverseEvent(exo.context(request), request.params.id, request.body, {
          publicBaseUrl: exo.publicBaseUrl(),
        }),
      ),
  );

  app.get(
    '/patients/:id/adverse-events',
    {
      config: { permission: 'adverse-events.read' },
      schema: {
        tags,
        summary: 'A patient’s adverse events, each assessed against the catalog now',
        params: idParams,
        response: { 200: adverseEventList },
      },
    },
    async (request) => listPatientAdverseEvents(exo.context(request), request.params.id),
  );

  app.get(
    '/adverse-events',
    {
      config: { permission: 'adverse-events.review' },
      schema: {
        tags,
        summary: 'The safety worklist: unresolved events, those outlasting their expected duration first',
        querystring: z.object({ overdueOnly: flag }),
        response: { 200: adverseEventList },
      },
    },
    async (request) => listOpenAdverseEvents(exo.context(request), request.query),
  );

  app.get(
    '/adverse-events/:id',
    {
      config: { permission: 'adverse-events.read' },
      schema: {
        tags,
        summary:
          'An adverse event with links, follow-up tasks, flags and its history: the report and every follow-up (who, when, note, what changed, the event as it then stood)',
        params: idParams,
        response: { 200: adverseEventDetail },
      },
    },
    async (request) => readAdverseEvent(exo.context(request), request.params.id),
  );

  app.post(
    '/adverse-events/:id/updates',
    {
      config: { permission: 'adverse-events.write' },
      schema: {
        tags,
        summary:
          'Follow the event up (grade, seriousness, relation, actions, outcome, resolution), with a note; answers the event with its history',
        params: idParams,
        body: updateInput,
        response: { 200: adverseEventDetail },
      },
    },
    async (request) =>
      updateAdverseEvent(exo.context(request), request.params.id, request.body, {
        publicBaseUrl: exo.publicBaseUrl(),
      }),
  );

  app.post(
    '/adverse-events/:id/tasks',
    {
      config: { permission: 'adverse-events.write' },
      schema: {
        tags,
        summary: 'Add a follow-up task',
        params: idParams,
        body: taskInput,
        response: { 201: followUpTaskView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addFollowUpTask(exo.context(request), request.params.id, request.body)),
  );

  app.get(
    '/follow-up-tasks',
    {
      config: { permission: 'follow-up-tasks.read' },
      schema: {
        tags,
        summary:
          'Adverse-event follow-up tasks across the clinic, soonest due first, with patient and event (status=open&dueBefore=<now> lists the overdue ones)',
        querystring: z.object({
          status: z.enum(['open', 'done', 'all']).default('open'),
          dueBefore: z.coerce.number().int().min(0).optional().describe('epoch ms: only tasks due before it'),
        }),
        response: { 200: followUpTaskList },
      },
    },
    async (request) => listFollowUpTasks(exo.context(request), request.query),
  );

  app.post(
    '/follow-up-tasks/:id/complete',
    {
      config: { permission: 'adverse-events.write' },
      schema: {
        tags,
        summary: 'Mark a follow-up task done',
        params: idParams,
        response: { 200: followUpTaskView },
      },
    },
    async (request) => completeFollowUpTask(exo.context(request), request.params.id),
  );

  app.get(
    '/adverse-events/:id/medwatch',
    {
      config: { permission: 'adverse-events.export' },
      schema: {
        tags,
        summary: 'The event in the fields of FDA MedWatch form 3500 (JSON)',
        params: idParams,
        response: { 200: medWatchReport },
      },
    },
    async (request) => buildMedWatchReport(exo.context(request), request.params.id),
  );

  app.get(
    '/adverse-events/:id/medwatch.pdf',
    {
      config: { permission: 'adverse-events.export' },
      schema: {
        tags,
        summary: 'The MedWatch 3500 fields as a printable PDF',
        params: idParams,
        response: { 200: binaryAnswer('application/pdf', 'The report as a PDF (an attachment)') },
      },
    },
    async (request, reply) => {
      const report = await buildMedWatchReport(exo.context(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="medwatch-${request.params.id}.pdf"`)
        .send(await renderMedWatchPdf(report));
    },
  );

  app.get(
    '/alerts',
    {
      config: { permission: 'alerts.read' },
      schema: {
        tags,
        summary: 'My alerts (serious adverse events, recalls), newest first',
        querystring: z.object({ unreadOnly: flag }),
        response: { 200: alertList },
      },
    },
    async (request) => listMyAlerts(exo.context(request), request.query),
  );

  app.post(
    '/alerts/:id/read',
    {
      config: { permission: 'alerts.read' },
      schema: { tags, summary: 'Mark one of my alerts read', params: idParams, response: { 200: alertView } },
    },
    async (request) => markAlertRead(exo.context(request), request.params.id),
  );
};
