import { compareToBaseline } from '@exoclinic/core';
import type { Tx } from '../db/tenant';
import { clinicDay } from '../records/settings';
import type { UseCaseContext } from '../shared/context';
import type { CourseContext } from './course-context';

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Mean of the values on the earliest (or latest) local day: order-free, like the core's reference. */
function valueOn(rows: { day: string; value: number }[], pick: 'earliest' | 'latest') {
  if (rows.length === 0) return null;
  const days = rows.map((r) => r.day).sort();
  const day = pick === 'earliest' ? days[0]! : days.at(-1)!;
  return mean(rows.filter((r) => r.day === day).map((r) => r.value));
}

/**
 * Recompute the course's row in `outcome_latest` for one instrument from its scores, exactly as
 * the core's `summariseOutcomesByProtocol` pairs them (earliest baseline day, latest later day),
 * so that clinic analytics is a plain GROUP BY over this table.
 */
export async function refreshOutcomeSummary(
  tx: Tx,
  ctx: UseCaseContext,
  course: CourseContext & { planId: string; patientId: string },
  instrumentId: string,
) {
  const t = ctx.actor.tenantId;
  const scores = await tx
    .selectFrom('outcome_scores')
    .select(['value', 'timepoint', 'measured_at'])
    .where('tenant_id', '=', t)
    .where('plan_id', '=', course.planId)
    .where('instrument_id', '=', instrumentId)
    .execute();
  const rows = scores.map((s) => ({ ...s, day: clinicDay(s.measured_at, course.timeZone) }));
  const baselineRows = rows.filter((r) => r.timepoint === 'baseline');
  const laterRows = rows.filter((r) => r.timepoint !== 'baseline');
  const baseline = valueOn(baselineRows, 'earliest');
  const latest = valueOn(laterRows, 'latest');
  const latestAt = laterRows.length ? Math.max(...laterRows.map((r) => r.measured_at)) : null;
  const compared = latest === null ? null : compareToBaseline(instrumentId, baseline, latest);
  const c = compared?.ok ? compared.comparison : null;
  const values = {
    patient_id: course.patientId,
    protocol_id: course.protocolId,
    indication: course.indication,
    baseline,
    latest,
    latest_at: latestAt,
    paired: c ? 1 : 0,
    improvement: c?.improvement ?? null,
    percent_change: c?.percentChange ?? null,
    improved: c ? (c.improved ? 1 : 0) : null,
    reaches_mcid: c?.reachesMcid === null || c?.reachesMcid === undefined ? null : c.reachesMcid ? 1 : 0,
    scores: rows.length,
    updated_at: ctx.now,
  };
  await tx
    .insertInto('outcome_latest')
    .values({ tenant_id: t, plan_id: course.planId, instrument_id: instrumentId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'plan_id', 'instrument_id']).doUpdateSet(values))
    .execute();
  return c;
}
