import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, idSchema } from '../http/schemas';
import { amendChart } from './amend-chart';
import { chartSession } from './chart-session';
import { checkInPatient } from './check-in-patient';
import { loadPatientChart } from './load-patient-chart';
import { listChartVersions, readSession } from './read-session';
import { recordNoShow } from './record-no-show';
import {
  amendChartBody,
  chartVersionList,
  checkInInput,
  draftChartBody,
  noShowInput,
  sessionList,
  sessionView,
  signChartBody,
  treatmentAreaList,
} from './schemas';
import { signChart } from './sign-chart';
import { TREATMENT_AREAS } from './treatment-areas';

export const chartingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['charting'];

  app.get(
    '/record-catalog/areas',
    {
      config: { permission: 'record-catalog.read' },
      schema: {
        tags,
        summary: 'Treatment areas a chart may name (face and scalp zones, joints with side)',
        response: { 200: treatmentAreaList },
      },
    },
    async () => ({ items: [...TREATMENT_AREAS] }),
  );

  app.post(
    '/plans/:id/check-in',
    {
      config: { permission: 'sessions.check-in' },
      schema: {
        tags,
        summary:
          'Check the patient in for a session: signed consent for the accepted version, recent screening or the change questionnaire (409 with the reason when refused)',
        params: idParams,
        body: checkInInput,
        response: { 201: sessionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await checkInPatient(exo.context(request), request.params.id, request.body)),
  );

  app.post(
    '/plans/:id/no-shows',
    {
      config: { permission: 'sessions.check-in' },
      schema: {
        tags,
        summary: 'Record a planned session the patient missed',
        params: idParams,
        body: noShowInput,
        response: { 201: sessionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordNoShow(exo.context(request), request.params.id, request.body)),
  );

  app.get(
    '/patients/:id/sessions',
    {
      config: { permission: 'sessions.read' },
      schema: {
        tags,
        summary: 'The patient’s treatment record: sessions newest first, each with its current chart',
        params: idParams,
        querystring: z.object({ planId: idSchema.optional() }),
        response: { 200: sessionList },
      },
    },
    async (request) => loadPatientChart(exo.context(request), request.params.id, request.query),
  );

  app.get(
    '/sessions/:id',
    {
      config: { permission: 'sessions.read' },
      schema: {
        tags,
        summary: 'A session with its current chart version',
        params: idParams,
        response: { 200: sessionView },
      },
    },
    async (request) => readSession(exo.context(request), request.params.id),
  );

  app.get(
    '/sessions/:id/chart-versions',
    {
      config: { permission: 'sessions.read' },
      schema: {
        tags,
        summary: 'Every version of the chart (originals kept beside amendments)',
        params: idParams,
        response: { 200: chartVersionList },
      },
    },
    async (request) => listChartVersions(exo.context(request), request.params.id),
  );

  app.put(
    '/sessions/:id/chart',
    {
      config: { permission: 'charts.write' },
      schema: {
        tags,
        summary:
          'Chart the session or revise its unsigned draft: products with lots (expired or recalled refused, stock moved), areas, device settings, notes',
        params: idParams,
        body: draftChartBody,
        response: { 200: sessionView },
      },
    },
    async (request) => chartSession(exo.context(request), request.params.id, request.body),
  );

  app.post(
    '/sessions/:id/sign',
    {
      config: { permission: 'charts.sign' },
      schema: {
        tags,
        summary: 'Sign the chart version read: it is locked',
        params: idParams,
        body: signChartBody,
        response: { 200: sessionView },
      },
    },
    async (request) => signChart(exo.context(request), request.params.id, request.body.version),
  );

  app.post(
    '/sessions/:id/amendments',
    {
      config: { permission: 'charts.write' },
      schema: {
        tags,
        summary: 'Amend a signed chart: a new signed version with a reason; the original is kept',
        params: idParams,
        body: amendChartBody,
        response: { 201: sessionView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await amendChart(exo.context(request), request.params.id, request.body)),
  );
};
