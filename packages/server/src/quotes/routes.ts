import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { idParams, idSchema } from '../http/schemas';
import { assertMayReachPatient } from '../patients/repository';
import { findPlan } from '../plans/repository';
import { notFound } from '../shared/errors';
import { quotePlan, toQuoteView } from './quote-plan';
import { quoteView } from './schemas';

export const quoteRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  app.post(
    '/plans/:id/quotes',
    {
      config: { permission: 'quotes.write' },
      schema: {
        tags: ['quotes'],
        summary: 'Quote the plan’s current version from a price list',
        params: idParams,
        body: z.object({ priceListId: idSchema, tier: z.enum(['standard', 'premium']).default('standard') }),
        response: { 201: quoteView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await quotePlan(exo.context(request), request.params.id, request.body)),
  );
  app.get(
    '/plans/:id/quotes',
    {
      config: { permission: 'quotes.read' },
      schema: {
        tags: ['quotes'],
        summary: 'Quotes issued for a plan',
        params: idParams,
        response: { 200: z.object({ items: z.array(quoteView) }) },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      return withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const plan = await findPlan(tx, ctx, request.params.id);
        const rows = await tx
          .selectFrom('quotes')
          .selectAll()
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('plan_id', '=', plan.plan_id)
          .orderBy('created_at', 'desc')
          .execute();
        await recordAudit(tx, ctx, {
          action: 'quote.list',
          patientId: plan.patient_id,
          entity: 'quote',
          entityId: null,
        });
        return { items: rows.map(toQuoteView) };
      });
    },
  );
  app.get(
    '/quotes/:id',
    {
      config: { permission: 'quotes.read' },
      schema: {
        tags: ['quotes'],
        summary: 'A quote as issued',
        params: idParams,
        response: { 200: quoteView },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      return withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const row = await tx
          .selectFrom('quotes')
          .selectAll()
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('quote_id', '=', request.params.id)
          .executeTakeFirst();
        if (!row) throw notFound('quote');
        assertMayReachPatient(ctx, row.patient_id);
        await recordAudit(tx, ctx, {
          action: 'quote.read',
          patientId: row.patient_id,
          entity: 'quote',
          entityId: row.quote_id,
        });
        return toQuoteView(row);
      });
    },
  );
};
