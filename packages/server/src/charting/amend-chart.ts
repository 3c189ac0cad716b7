import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict } from '../shared/errors';
import { findSession, type SessionView, toChartVersionView, toSessionView } from './repository';
import type { ChartInput } from './schemas';
import { writeChartVersion } from './write-chart-version';

/** Amend a signed chart: a new signed version with its reason; the signed original is kept. */
export async function amendChart(
  ctx: UseCaseContext,
  sessionId: string,
  input: { basedOnVersion: number; reason: string; chart: ChartInput },
): Promise<SessionView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const session = await findSession(tx, ctx, sessionId);
    if (session.status !== 'signed')
      throw conflict('only a signed chart is amended; revise the draft instead');
    if (session.chart_version !== input.basedOnVersion) {
      throw conflict(
        `the chart is at version ${session.chart_version}, not ${input.basedOnVersion}: read it again`,
      );
    }
    const written = await writeChartVersion(tx, ctx, session, input.chart, {
      status: 'signed',
      amends: input.basedOnVersion,
      reason: input.reason,
    });
    await recordAudit(tx, ctx, {
      action: 'chart.amend',
      patientId: session.patient_id,
      entity: 'session',
      entityId: sessionId,
      detail: { version: written.chart.version, amends: input.basedOnVersion, reason: input.reason },
    });
    return toSessionView(written.session, toChartVersionView(written.chart));
  });
}
