import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { type SessionView, toChartVersionView, toSessionView } from './repository';

/**
 * A patient's treatment record: every session, newest first, with its current chart version and
 * the lots used. Two queries whatever the number of sessions.
 */
export async function loadPatientChart(
  ctx: UseCaseContext,
  patientId: string,
  filter: { planId?: string | undefined } = {},
): Promise<{ items: SessionView[] }> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    let q = tx
      .selectFrom('treatment_sessions')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('patient_id', '=', patientId);
    if (filter.planId) q = q.where('plan_id', '=', filter.planId);
    const sessions = await q.orderBy('created_at', 'desc').orderBy('session_id', 'desc').execute();
    const charts = sessions.length
      ? await tx
          .selectFrom('chart_versions as c')
          .innerJoin('treatment_sessions as s', (j) =>
            j
              .onRef('s.tenant_id', '=', 'c.tenant_id')
              .onRef('s.session_id', '=', 'c.session_id')
              .onRef('s.chart_version', '=', 'c.version'),
          )
          .selectAll('c')
          .where('s.tenant_id', '=', ctx.actor.tenantId)
          .where('s.patient_id', '=', patientId)
          .execute()
      : [];
    const bySession = new Map(charts.map((c) => [c.session_id, toChartVersionView(c)]));
    await recordAudit(tx, ctx, {
      action: 'session.list',
      patientId,
      entity: 'session',
      entityId: null,
      detail: { count: sessions.length, ...(filter.planId && { planId: filter.planId }) },
    });
    return { items: sessions.map((s) => toSessionView(s, bySession.get(s.session_id) ?? null)) };
  });
}
