import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { idParams, idSchema } from '../http/schemas';
import { findPlan } from '../plans/repository';
import { conflict, notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import { REQUIRED_PLACEHOLDERS } from './fill-template';
import { prepareConsent } from './prepare-consent';
import { findConsent, toConsentView } from './repository';
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

type TemplateRow = {
  template_id: string;
  version: number;
  title: string;
  body: string;
  created_at: number;
  created_by: string;
};
const templateView = (r: TemplateRow) => ({
  id: r.template_id,
  version: r.version,
  title: r.title,
  body: r.body,
  createdAt: r.created_at,
  createdBy: r.created_by,
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
    async (request) => {
      const { actor } = exo.context(request);
      const rows = await withTenant(exo.db, actor.tenantId, (tx) =>
        tx
          .selectFrom('consent_templates')
          .selectAll()
          .where('tenant_id', '=', actor.tenantId)
          .orderBy('template_id')
          .orderBy('version')
          .execute(),
      );
      return { items: rows.map(templateView) };
    },
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
    async (request, reply) => {
      const ctx = exo.context(request);
      const row = await withTenant(exo.db, ctx.actor.tenantId, (tx) =>
        tx
          .insertInto('consent_templates')
          .values({
            tenant_id: ctx.actor.tenantId,
            template_id: newId(ctx.now),
            version: 1,
            ...request.body,
            created_at: ctx.now,
            created_by: ctx.actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return reply.code(201).send(templateView(row));
    },
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
    async (request, reply) => {
      const ctx = exo.context(request);
      const { basedOnVersion, ...body } = request.body;
      const row = await withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const latest = await tx
          .selectFrom('consent_templates')
          .select('version')
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('template_id', '=', request.params.id)
          .orderBy('version', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (!latest) throw notFound('consent template');
        if (latest.version !== basedOnVersion) {
          throw conflict(`the template is at version ${latest.version}, not ${basedOnVersion}`);
        }
        return tx
          .insertInto('consent_templates')
          .values({
            tenant_id: ctx.actor.tenantId,
            template_id: request.params.id,
            version: latest.version + 1,
            ...body,
            created_at: ctx.now,
            created_by: ctx.actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      return reply.code(201).send(templateView(row));
    },
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
    async (request) => {
      const ctx = exo.context(request);
      return withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const plan = await findPlan(tx, ctx, request.params.id);
        const rows = await tx
          .selectFrom('consents')
          .selectAll()
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('plan_id', '=', plan.plan_id)
          .orderBy('created_at', 'desc')
          .execute();
        await recordAudit(tx, ctx, {
          action: 'consent.list',
          patientId: plan.patient_id,
          entity: 'consent',
          entityId: null,
        });
        return { items: rows.map(toConsentView) };
      });
    },
  );

  app.get(
    '/consents/:id',
    {
      config: { permission: 'consents.read' },
      schema: { tags: ['consent'], summary: 'A consent', params: idParams, response: { 200: consentView } },
    },
    async (request) => {
      const ctx = exo.context(request);
      return withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const row = await findConsent(tx, ctx, request.params.id);
        await recordAudit(tx, ctx, {
          action: 'consent.read',
          patientId: row.patient_id,
          entity: 'consent',
          entityId: row.consent_id,
        });
        return toConsentView(row);
      });
    },
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
