import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readTenant } from '../db/tenant';
import { readProtocolSettings } from './read-protocol-settings';
import { saveProtocolSettings } from './save-protocol-settings';
import { problemView, protocolSettingsInput, protocolSettingsView } from './schemas';

export const protocolSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['protocols'];

  app.get(
    '/settings/protocols',
    {
      config: { permission: 'protocol-settings.read' },
      schema: {
        tags,
        summary:
          'The clinic’s protocol preferences: per indication, the catalog protocols it offers and its default',
        response: { 200: protocolSettingsView },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      return readTenant(exo.db, ctx.actor.tenantId, (tx) => readProtocolSettings(tx, ctx));
    },
  );

  app.put(
    '/settings/protocols',
    {
      config: { permission: 'protocol-settings.write' },
      schema: {
        tags,
        summary:
          'Replace the clinic’s protocol preferences (422 naming each field that does not match the catalog)',
        description:
          'Indications left out follow the catalog again. Offered ids must be plannable protocols of that indication; the default must be one of them. The catalog’s own default and the sources’ disagreements are unchanged.',
        body: protocolSettingsInput,
        response: {
          200: protocolSettingsView,
          400: problemView.describe('the body is not shaped as described (application/problem+json)'),
          422: problemView.describe(
            'an indication or protocol id the catalog does not have, a reference-only protocol offered, or a default not among the offered (application/problem+json)',
          ),
        },
      },
    },
    async (request) => saveProtocolSettings(exo.context(request), request.body),
  );
};
