import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import {
  findChartVersion,
  findSession,
  type SessionView,
  toChartVersionView,
  toSessionView,
} from './repository';

/** A session with its current chart version. */
export async function readSession(ctx: UseCaseContext, sessionId: string): Promise<SessionView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const s = await findSession(tx, ctx, sessionId);
    const chart =
      s.chart_version === null
        ? null
        : toChartVersionView(await findChartVersion(tx, ctx, sessionId, s.chart_version));
    await recordAudit(tx, ctx, {
      action: 'session.read',
      patientId: s.patient_id,
      entity: 'session',
      entityId: sessionId,
    });
    return toSessionView(s, chart);
  });
}

/** Every version of a session's chart, oldest first: originals stay beside their amendments. */
export async function listChartVersions(ctx: UseCaseContext, sessionId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const s = await findSession(tx, ctx, sessionId);
    const rows = await tx
      .selectFrom('chart_versions')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('session_id', '=', sessionId)
      .orderBy('version')
      .execute();
    await recordAudit(tx, ctx, {
      action: 'chart.history',
      patientId: s.patient_id,
      entity: 'session',
      entityId: sessionId,
    });
    return { items: rows.map(toChartVersionView) };
  });
}
