import { compareToBaseline, scheduleAssessments } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { findPlan } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { courseContext } from './course-context';
import { personaliseCourse } from './personalise-course';

/**
 * A course's scores, per instrument with its change from baseline and against the MCID, and the
 * plan's assessment schedule (baseline, end of series, follow-ups) with what is recorded.
 */
export async function readPlanOutcomes(ctx: UseCaseContext, planId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const course = await courseContext(tx, ctx, plan);
    const scores = await tx
      .selectFrom('outcome_scores')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', planId)
      .orderBy('measured_at')
      .execute();
    const summaries = await tx
      .selectFrom('outcome_latest')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', planId)
      .execute();
    const instruments = summaries.map((s) => {
      const c = s.latest === null ? null : compareToBaseline(s.instrument_id, s.baseline, s.latest);
      return {
        instrumentId: s.instrument_id,
        baseline: s.baseline,
        latest: s.latest,
        latestAt: s.latest_at,
        comparison: c?.ok ? c.comparison : null,
        unpaired:
          c && !c.ok
            ? c.problems.map((p) => p.message).join('; ')
            : s.latest === null
              ? 'no score after the baseline yet'
              : null,
        scores: scores
          .filter((x) => x.instrument_id === s.instrument_id)
          .map((x) => ({
            id: x.score_id,
            value: x.value,
            timepoint: x.timepoint,
            measuredAt: x.measured_at,
            sessionId: x.session_id,
            raterRole: x.rater_role,
          })),
      };
    });
    const schedule = scheduleAssessments(course.plan);
    await recordAudit(tx, ctx, {
      action: 'outcome.list',
      patientId: plan.patient_id,
      entity: 'plan',
      entityId: planId,
    });
    return {
      planId,
      patientId: plan.patient_id,
      instruments,
      schedule: schedule.ok ? schedule.slots : [],
    };
  });
}

/** The response curve personalised with the patient's scores, and the maintenance date with its reason. */
export async function readPlanResponse(ctx: UseCaseContext, planId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const course = await courseContext(tx, ctx, plan);
    const personalised = await personaliseCourse(tx, ctx, { ...course, planId });
    await recordAudit(tx, ctx, {
      action: 'outcome.response',
      patientId: plan.patient_id,
      entity: 'plan',
      entityId: planId,
    });
    return {
      planId,
      patientId: plan.patient_id,
      instrumentId: personalised?.instrumentId ?? null,
      protocolCurve: course.plan.responseCurve,
      response: personalised?.response ?? null,
    };
  });
}
