import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { adverseEventRates } from './adverse-event-rates';
import { noShows } from './no-shows';
import { outcomesByProtocol } from './outcomes-by-protocol';
import {
  adverseEventRatesView,
  noShowsView,
  outcomesByProtocolView,
  periodQuery,
  seriesCompletionView,
} from './schemas';
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
        summary:
          'Outcome by protocol, indication and instrument: change, improvement, MCID, 95% intervals. With from/to (epoch ms, from inclusive, to exclusive): the courses scored in the period, each comparing its baseline (whenever taken) with its latest follow-up score in the period; a course scored in the period without a follow-up in it counts as without follow-up',
        querystring: periodQuery,
        response: { 200: outcomesByProtocolView },
      },
    },
    async (request) => outcomesByProtocol(exo.context(request), request.query),
  );
  app.get(
    '/analytics/adverse-events',
    {
      config,
      schema: {
        tags,
        summary:
          'Adverse-event rate per product and per lot, with counts and Wilson 95% intervals. With from/to (epoch ms, from inclusive, to exclusive): the sessions checked in during the period and the events linked to those sessions, whenever the events began',
        querystring: periodQuery,
        response: { 200: adverseEventRatesView },
      },
    },
    async (request) => adverseEventRates(exo.context(request), request.query),
  );
  app.get(
    '/analytics/series-completion',
    {
      config,
      schema: {
        tags,
        summary:
          'Share of finished courses that received the whole initial series, by protocol. With from/to (epoch ms, from inclusive, to exclusive): the courses whose last session (attended, else recorded) fell in the period, each judged as of now',
        querystring: periodQuery,
        response: { 200: seriesCompletionView },
      },
    },
    async (request) => seriesCompletion(exo.context(request), request.query),
  );
  app.get(
    '/analytics/no-shows',
    {
      config,
      schema: {
        tags,
        summary:
          'No-show rate (appointments when scheduled, else recorded sessions) in a period: from/to (epoch ms, from inclusive, to exclusive) bound the visits’ start; by default from the first record to now',
        querystring: periodQuery,
        response: { 200: noShowsView },
      },
    },
    async (request) => noShows(exo.context(request), request.query),
  );
};
