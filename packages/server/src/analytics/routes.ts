import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adverseEventRates } from './adverse-event-rates';
import { noShows } from './no-shows';
import { outcomesByProtocol } from './outcomes-by-protocol';
import { adverseEventRatesView, noShowsView, outcomesByProtocolView, seriesCompletionView } from './schemas';
import { seriesCompletion } from './series-completion';

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['analytics'];
  const config = { permission: 'analytics.read' as const };

  app.get(
    '/analytics/outcomes',
    {
      config,
      schema: {
        tags,
        summary: 'Outcome by protocol, indication and instrument: change, improvement, MCID, 95% intervals',
        response: { 200: outcomesByProtocolView },
      },
    },
    async (request) => outcomesByProtocol(exo.context(request)),
  );
  app.get(
    '/analytics/adverse-events',
    {
      config,
      schema: {
        tags,
        summary: 'Adverse-event rate per product and per lot, with counts and Wilson 95% intervals',
        response: { 200: adverseEventRatesView },
      },
    },
    async (request) => adverseEventRates(exo.context(request)),
  );
  app.get(
    '/analytics/series-completion',
    {
      config,
      schema: {
        tags,
        summary: 'Share of finished courses that received the whole initial series, by protocol',
        response: { 200: seriesCompletionView },
      },
    },
    async (request) => seriesCompletion(exo.context(request)),
  );
  app.get(
    '/analytics/no-shows',
    {
      config,
      schema: {
        tags,
        summary: 'No-show rate (appointments when scheduled, else recorded sessions) in a period',
        querystring: z.object({
          from: z.coerce.number().int().min(0).optional(),
          to: z.coerce.number().int().min(0).optional(),
        }),
        response: { 200: noShowsView },
      },
    },
    async (request) => noShows(exo.context(request), request.query),
  );
};
