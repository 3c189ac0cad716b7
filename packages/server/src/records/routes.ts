import { dirname, resolve } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adverseEventRoutes } from '../adverse-events/routes';
import { analyticsRoutes } from '../analytics/routes';
import { chartingRoutes } from '../charting/routes';
import type { Db } from '../db/connect';
import { withTenant } from '../db/tenant';
import { outcomeRoutes } from '../outcomes/routes';
import { photoRoutes } from '../photos/routes';
import { recallRoutes } from '../recalls/routes';
import { readRecordSettings, updateRecordSettings } from './settings';

/** Files (photos) live beside the SQLite database, or in $EXOCLINIC_DATA / ./data. */
export function defaultDataDir(db: Db): string {
  if (db.config.engine === 'sqlite' && db.config.file !== ':memory:') return dirname(resolve(db.config.file));
  return resolve(process.env.EXOCLINIC_DATA ?? './data');
}

const settingsView = z.object({ screeningValidDays: z.number().int() });

/** Treatment records, safety and outcomes: one registration for app.ts. */
export const recordsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  await app.register(chartingRoutes);
  await app.register(photoRoutes);
  await app.register(adverseEventRoutes);
  await app.register(recallRoutes);
  await app.register(outcomeRoutes);
  await app.register(analyticsRoutes);

  app.get(
    '/settings/records',
    {
      config: { permission: 'record-settings.read' },
      schema: {
        tags: ['charting'],
        summary: 'Record settings: how many days a screening stays valid at check-in (default 90)',
        response: { 200: settingsView },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      return withTenant(exo.db, ctx.actor.tenantId, (tx) => readRecordSettings(tx, ctx));
    },
  );

  app.put(
    '/settings/records',
    {
      config: { permission: 'record-settings.write' },
      schema: {
        tags: ['charting'],
        summary: 'Change the record settings',
        body: z.object({ screeningValidDays: z.number().int().min(1).max(730) }),
        response: { 200: settingsView },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      return withTenant(exo.db, ctx.actor.tenantId, (tx) => updateRecordSettings(tx, ctx, request.body));
    },
  );
};
