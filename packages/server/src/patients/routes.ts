import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../http/schemas';
import { preconditionRequired } from '../shared/errors';
import { createPatient } from './create-patient';
import { readPatient } from './read-patient';
import { patientInput, patientPatch, patientQuery, patientView } from './schemas';
import { searchPatients } from './search-patients';
import { updatePatient } from './update-patient';

const etag = (version: number) => `"${version}"`;

function parseIfMatch(header: string | undefined): number {
  if (!header) throw preconditionRequired('send If-Match with the ETag of the patient you read');
  const m = /^"(\d+)"$/.exec(header.trim());
  // An ETag from something else can never match the current version.
  return m ? Number(m[1]) : -1;
}

export const patientRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;

  app.post(
    '/patients',
    {
      config: { permission: 'patients.write' },
      schema: {
        tags: ['patients'],
        summary: 'Register a patient',
        body: patientInput,
        response: { 201: patientView },
      },
    },
    async (request, reply) => {
      const patient = await createPatient(exo.context(request), request.body);
      return reply
        .code(201)
        .header('etag', etag(patient.version))
        .header('location', `/api/v1/patients/${patient.id}`)
        .send(patient);
    },
  );

  app.get(
    '/patients',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags: ['patients'],
        summary: 'Find patients by name (partial, any case or accent), date of birth, phone or e-mail',
        querystring: patientQuery,
        response: { 200: z.object({ items: z.array(patientView), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => searchPatients(exo.context(request), request.query),
  );

  app.get(
    '/patients/:id',
    {
      config: { permission: 'patients.read' },
      schema: {
        tags: ['patients'],
        summary: 'Read a patient',
        params: idParams,
        response: { 200: patientView },
      },
    },
    async (request, reply) => {
      const patient = await readPatient(exo.context(request), request.params.id);
      return reply.header('etag', etag(patient.version)).send(patient);
    },
  );

  app.patch(
    '/patients/:id',
    {
      config: { permission: 'patients.write' },
      schema: {
        tags: ['patients'],
        summary: 'Change a patient (If-Match required; 412 when stale)',
        params: idParams,
        headers: z.object({ 'if-match': z.string().optional() }),
        body: patientPatch,
        response: { 200: patientView },
      },
    },
    async (request, reply) => {
      const expected = parseIfMatch(request.headers['if-match']);
      const patient = await updatePatient(exo.context(request), request.params.id, expected, request.body);
      return reply.header('etag', etag(patient.version)).send(patient);
    },
  );
};
