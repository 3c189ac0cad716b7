import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { binaryAnswer, idParams } from '../http/schemas';
import { printAftercare } from './print-aftercare';
import { type Printout, printPlan } from './print-plan';
import { aftercareSession, readAftercareSession } from './read-aftercare-session';

// Printable PDFs for patients and staff. The answers are bytes: Fastify sends a Buffer as it is,
// so the response schemas only describe the file for the OpenAPI document.

const sendPdf = (reply: FastifyReply, printout: Printout) =>
  reply
    .type('application/pdf')
    // Shown in the browser, ready to print; saved under this name.
    .header('content-disposition', `inline; filename="${printout.fileName}"`)
    .send(printout.pdf);

export const printoutRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['printouts'];

  app.get(
    '/patients/:id/plan.pdf',
    {
      config: { permission: 'plan-printouts.read' },
      schema: {
        tags,
        summary:
          'The patient’s current plan as a printable PDF: series, maintenance, safety review, milestones, expected response, quote, regulatory status, every number with its sources',
        params: idParams,
        // 404 (problem+json) when the patient is not found or has no plan yet.
        response: { 200: binaryAnswer('application/pdf', 'The plan, as a PDF (shown inline)') },
      },
    },
    async (request, reply) => sendPdf(reply, await printPlan(exo.context(request), request.params.id)),
  );

  app.get(
    '/patients/:id/aftercare.pdf',
    {
      config: { permission: 'aftercare-printouts.read' },
      schema: {
        tags,
        summary:
          'Aftercare for the patient’s last treated session as a printable PDF: each phase with the day it ends, what to report and how to reach the clinic',
        params: idParams,
        // 404 (problem+json) when the patient is not found or has no treated session yet.
        response: { 200: binaryAnswer('application/pdf', 'The aftercare sheet, as a PDF (shown inline)') },
      },
    },
    async (request, reply) => sendPdf(reply, await printAftercare(exo.context(request), request.params.id)),
  );

  app.get(
    '/patients/:id/aftercare-session',
    {
      config: { permission: 'aftercare-printouts.read' },
      schema: {
        tags,
        summary:
          'The session the aftercare PDF counts from (the last charted or signed one), or null before any: whether to offer the PDF',
        params: idParams,
        response: { 200: aftercareSession },
      },
    },
    async (request) => readAftercareSession(exo.context(request), request.params.id),
  );
};
