import {
  findInstrument,
  type LocalDate,
  type PersonalisedResponse,
  personaliseResponse,
} from '@exoclinic/core';
import { writeJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import { clinicDay } from '../records/settings';
import type { UseCaseContext } from '../shared/context';
import type { CourseContext } from './course-context';

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * The course's response curve personalised with the patient's own scores (core
 * `personaliseResponse`, method in docs/response-model.md). One instrument drives it: the
 * non-comparative one with the most scores after the baseline (ties: the indication's order);
 * with none, the protocol's model stands and the explanation says so.
 */
export async function personaliseCourse(
  tx: Tx,
  ctx: UseCaseContext,
  course: CourseContext & { planId: string },
): Promise<{ instrumentId: string; response: PersonalisedResponse } | null> {
  const scores = await tx
    .selectFrom('outcome_scores')
    .select(['instrument_id', 'value', 'timepoint', 'measured_at'])
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('plan_id', '=', course.planId)
    .orderBy('measured_at')
    .execute();
  const order = (id: string) => {
    const i = course.instruments.indexOf(id);
    return i < 0 ? course.instruments.length : i;
  };
  const counts = new Map<string, number>();
  for (const s of scores) {
    if (s.timepoint !== 'baseline') counts.set(s.instrument_id, (counts.get(s.instrument_id) ?? 0) + 1);
  }
  const ranked = [...counts.keys()].sort(
    (a, b) =>
      Number(Boolean(findInstrument(a)?.comparative)) - Number(Boolean(findInstrument(b)?.comparative)) ||
      counts.get(b)! - counts.get(a)! ||
      order(a) - order(b) ||
      a.localeCompare(b),
  );
  const instrumentId =
    ranked[0] ?? course.instruments.find((i) => !findInstrument(i)?.comparative) ?? course.instruments[0];
  if (!instrumentId) return null;
  const own = scores.filter((s) => s.instrument_id === instrumentId);
  const day = (ms: number) => clinicDay(ms, course.timeZone) as LocalDate;
  const baselines = own.filter((s) => s.timepoint === 'baseline');
  const firstBaselineDay = baselines.length ? day(baselines[0]!.measured_at) : null;
  const result = personaliseResponse({
    plan: course.plan,
    instrumentId,
    measurements: own
      .filter((s) => s.timepoint !== 'baseline')
      .map((s) => ({ date: day(s.measured_at), value: s.value })),
    ...(course.sessionDates.length > 0 && { sessionDates: course.sessionDates }),
    ...(firstBaselineDay && {
      baseline: mean(baselines.filter((b) => day(b.measured_at) === firstBaselineDay).map((b) => b.value)),
    }),
  });
  return result.ok ? { instrumentId, response: result.response } : null;
}

/** Keep the course's maintenance due date (and why) where the recall list can find it. */
export async function refreshMaintenanceDue(
  tx: Tx,
  ctx: UseCaseContext,
  course: CourseContext & { planId: string; patientId: string },
) {
  const t = ctx.actor.tenantId;
  const personalised = await personaliseCourse(tx, ctx, course);
  const due = personalised?.response.maintenanceDue;
  if (!personalised || !due) {
    await tx
      .deleteFrom('maintenance_due')
      .where('tenant_id', '=', t)
      .where('plan_id', '=', course.planId)
      .execute();
    return personalised;
  }
  const r = personalised.response;
  const values = {
    patient_id: course.patientId,
    due_on: due.date,
    earliest_on: due.earliest,
    latest_on: due.latest,
    basis: r.personalised ? 'personalised' : 'protocol',
    reason: r.explanation.map((e) => e.effect).join(' '),
    response: writeJson({
      instrumentId: personalised.instrumentId,
      reason: due.reason,
      fit: r.fit,
      thresholdDate: r.thresholdDate,
      daysAfterLastSession: due.daysAfterLastSession,
      sources: due.sources,
    }),
    updated_at: ctx.now,
  };
  await tx
    .insertInto('maintenance_due')
    .values({ tenant_id: t, plan_id: course.planId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'plan_id']).doUpdateSet(values))
    .execute();
  return personalised;
}
