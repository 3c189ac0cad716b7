import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { preconditionRequired, unprocessable } from '../shared/errors';
import { readClinic } from './read-clinic';
import { clinicPatch, clinicView } from './schemas';
import { updateClinic } from './update-clinic';

const etag = (version: number) => `"${version}"`;

function parseIfMatch(header: string | undefined): number {
  if (!header) throw preconditionRequired('send If-Match with the ETag of the clinic settings you read');
  const m = /^"(\d+)"$/.exec(header.trim());
  // An ETag from something else can never match the current version.
  return m ? Number(m[1]) : -1;
}

/** Bad settings are a 422 naming every bad field (the shape is right, the values are not). */
function unprocessableSettings(error: Error & { validation?: unknown; validationContext?: string }) {
  const where = error.validationContext ?? 'body';
  const issues = Array.isArray(error.validation)
    ? (error.validation as { instancePath?: string; message?: string; params?: { keys?: string[] } }[])
    : [];
  const errors = issues.flatMap((v) => {
    const path = [where, ...(v.instancePath ?? '').split('/').filter(Boolean)].join('.');
    // An unknown field is named itself, so that a caller sees which one is not a setting.
    if (v.params?.keys?.length)
      return v.params.keys.map((k) => ({ path: `${path}.${k}`, message: 'is not a clinic setting' }));
    return [{ path, message: v.message ?? 'is invalid' }];
  });
  return unprocessable(`${errors.length} field(s) are invalid`, errors);
}

export const clinicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['clinic'];

  app.get(
    '/clinic',
    {
      config: { permission: 'clinic.read' },
      schema: {
        tags,
        summary: 'The clinic’s settings: name, time zone, locale, currency, contact',
        response: { 200: clinicView },
      },
    },
    async (request, reply) => {
      const clinic = await readClinic(exo.context(request));
      return reply.header('etag', etag(clinic.version)).send(clinic);
    },
  );

  app.patch(
    '/clinic',
    {
      config: { permission: 'clinic.write' },
      attachValidation: true,
      schema: {
        tags,
        summary:
          'Change the clinic’s settings (If-Match required; 412 when stale; 422 naming each bad field)',
        headers: z.object({ 'if-match': z.string().optional() }),
        body: clinicPatch,
        response: { 200: clinicView },
      },
    },
    async (request, reply) => {
      if (request.validationError) throw unprocessableSettings(request.validationError);
      const expected = parseIfMatch(request.headers['if-match']);
      const clinic = await updateClinic(exo.context(request), expected, request.body);
      return reply.header('etag', etag(clinic.version)).send(clinic);
    },
  );
};
