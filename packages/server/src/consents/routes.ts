import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, idSchema } from '../http/schemas';
import { addConsentTemplate } from './add-consent-template';
import { REQUIRED_PLACEHOLDERS } from './fill-template';
import { listConsentTemplates } from './list-consent-templates';
import { listPlanConsents } from './list-plan-consents';
import { prepareConsent } from './prepare-consent';
import { readConsent } from './read-consent';
import { reviseConsentTemplate } from './revise-consent-template';
import { consentTemplateView, consentView } from './schemas';
import { signConsent, witnessConsent } from './sign-consent';

const templateInput = z.object({
  title: z.string().trim().min(1).max(200),
  body: z
    .string()
    .min(20)
    .max(20_000)
    .refine(
      (b) => REQUIRED_PLACEHOLDERS.every((p) => b.includes(p)),
      `must contain ${REQUIRED_PLACEHOLDERS.join(', ')}`,
    ),
});

export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;

  app.get(
    '/consent-templates',
    {
      config: { permission: 'consent-templates.read' },
      schema: {
        tags: ['consent'],
        summary: 'Consent templates, every version',
        response: { 200: z.object({ items: z.array(consentTemplateView) }) },
      },
    },
    async (request) => ({ items: await listConsentTemplates(exo.context(request)) }),
  );

  app.post(
    '/consent-templates',
    {
      config: { permission: 'consent-templates.write' },
      schema: {
        tags: ['consent'],
        summary: 'A new consent template (version 1)',
        body: templateInput,
        response: { 201: consentTemplateView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addConsentTemplate(exo.context(request), request.body)),
  );

  app.post(
    '/consent-templates/:id/versions',
    {
      config: { permission: 'consent-templates.write' },
      schema: {
        tags: ['consent'],
        summary: 'A new version of a template (signed consents keep the version they were signed on)',
        params: idParams,
        body: templateInput.extend({ basedOnVersion: z.number().int().min(1) }),
        response: { 201: consentTemplateView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await reviseConsentTemplate(exo.context(request), request.params.id, request.body)),
  );

  app.post(
    '/plans/:id/consents',
    {
      config: { permission: 'consents.write' },
      schema: {
        tags: ['consent'],
        summary:
          'Prepare a consent for the plan’s current version from a template (latest version by default)',
        params: idParams,
        body: z.object({ templateId: idSchema, templateVersion: z.number().int().min(1).optional() }),
        response: { 201: consentView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await prepareConsent(exo.context(request), request.params.id, request.body)),
  );

  app.get(
    '/plans/:id/consents',
    {
      config: { permission: 'consents.read' },
      schema: {
        tags: ['consent'],
        summary: 'Consents of a plan',
        params: idParams,
        response: { 200: z.object({ items: z.array(consentView) }) },
      },
    },
    async (request) => ({ items: await listPlanConsents(exo.context(request), request.params.id) }),
  );

  app.get(
    '/consents/:id',
    {
      config: { permission: 'consents.read' },
      schema: { tags: ['consent'], summary: 'A consent', params: idParams, response: { 200: consentView } },
    },
    async (request) => readConsent(exo.context(request), request.params.id),
  );

  app.post(
    '/consents/:id/sign',
    {
      config: { permission: 'consents.sign' },
      schema: {
        tags: ['consent'],
        summary:
          'The patient signs with their typed name (time and address recorded; staff on the device witness)',
        params: idParams,
        body: z.object({ typedName: z.string().trim().min(2).max(300) }),
        response: { 200: consentView },
      },
    },
    async (request) =>
      signConsent(exo.context(request), request.params.id, {
        typedName: request.body.typedName,
        userAgent: request.headers['user-agent'] ?? null,
      }),
  );

  app.post(
    '/consents/:id/witness',
    {
      config: { permission: 'consents.witness' },
      schema: {
        tags: ['consent'],
        summary: 'A staff member witnesses a consent the patient signed',
        params: idParams,
        response: { 200: consentView },
      },
    },
    async (request) => witnessConsent(exo.context(request), request.params.id),
  );
};
