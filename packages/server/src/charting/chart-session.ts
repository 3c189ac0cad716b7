import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict } from '../shared/errors';
import { findSession, type SessionView, toChartVersionView, toSessionView } from './repository';
import type { ChartInput } from './schemas';
import { writeChartVersion } from './write-chart-version';

/**
 * Chart a checked-in session, or revise its unsigned draft. Every write is a new version (drafts
 * included), so nothing a clinician typed is lost; once signed, only an amendment changes it.
 */
export async function chartSession(
  ctx: UseCaseContext,
  sessionId: string,
  input: { basedOnVersion?: number | undefined; chart: ChartInput },
): Promise<SessionView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const session = await findSession(tx, ctx, sessionId);
    if (session.status === 'signed') throw conflict('the chart is signed: amend it with a reason');
    if (session.status !== 'checked_in' && session.status !== 'charted') {
      throw conflict(`a ${session.status.replace('_', '-')} session has no chart`);
    }
    if ((input.basedOnVersion ?? null) !== session.chart_version) {
      throw conflict(
        session.chart_version === null
          ? 'the session has no chart yet: leave out basedOnVersion'
          : `the chart is at version ${session.chart_version}, not ${input.basedOnVersion ?? 'none'}: read it again`,
      );
    }
    const written = await writeChartVersion(tx, ctx, session, input.chart, {
      status: 'draft',
      amends: null,
      reason: null,
    });
    await recordAudit(tx, ctx, {
      action: 'chart.write',
      patientId: session.patient_id,
      entity: 'session',
      entityId: sessionId,
      detail: { version: written.chart.version, lots: input.chart.products.map((p) => p.lotId) },
    });
    return toSessionView(written.session, toChartVersionView(written.chart));
  });
}
