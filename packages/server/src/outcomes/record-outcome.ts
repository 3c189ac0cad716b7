import { compareToBaseline, validateScore } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { findPlan } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { DomainError, forbidden, notFound, unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { courseContext } from './course-context';
import { refreshMaintenanceDue } from './personalise-course';
import { refreshOutcomeSummary } from './refresh-outcome-summary';
import type { RecordOutcomeInput } from './schemas';

/**
 * Record one score of a catalog instrument for a course, validated against its range by the core.
 * In the same transaction: the course's change from baseline (and against the MCID) is refreshed,
 * and so is the response curve personalised with the patient's scores and the maintenance date.
 * A patient in the portal records patient-rated instruments only.
 */
export async function recordOutcome(ctx: UseCaseContext, planId: string, input: RecordOutcomeInput) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const t = ctx.actor.tenantId;
    const plan = await findPlan(tx, ctx, planId);
    const check = validateScore(input.instrumentId, input.value);
    if (!check.ok) {
      throw new DomainError(
        400,
        'validation',
        'Invalid request',
        check.problems.map((p) => p.message).join('; '),
        {
          errors: check.problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
        },
      );
    }
    if (ctx.actor.role === 'patient' && check.instrument.rater !== 'patient') {
      throw forbidden(`${check.instrument.name} is rated by the clinic, not by the patient`);
    }
    if (check.instrument.comparative && input.timepoint === 'baseline') {
      throw unprocessable(
        `${check.instrument.name} rates change against the baseline: it has no baseline score`,
        [{ path: 'body.timepoint', message: 'cannot be baseline for a rating of change' }],
      );
    }
    const measuredAt = input.measuredAt ?? ctx.now;
    if (measuredAt > ctx.now) {
      throw unprocessable('a score cannot be measured in the future', [
        { path: 'body.measuredAt', message: 'is after now' },
      ]);
    }
    if (input.sessionId) {
      const s = await tx
        .selectFrom('treatment_sessions')
        .select('session_id')
        .where('tenant_id', '=', t)
        .where('session_id', '=', input.sessionId)
        .where('plan_id', '=', planId)
        .executeTakeFirst();
      if (!s) throw notFound('session');
    }
    const course = { ...(await courseContext(tx, ctx, plan)), planId, patientId: plan.patient_id };
    const id = newId(ctx.now);
    await tx
      .insertInto('outcome_scores')
      .values({
        tenant_id: t,
        score_id: id,
        patient_id: plan.patient_id,
        plan_id: planId,
        session_id: input.sessionId ?? null,
        instrument_id: input.instrumentId,
        value: input.value,
        timepoint: input.timepoint,
        measured_at: measuredAt,
        area_id: input.areaId ?? null,
        protocol_id: course.protocolId,
        indication: course.indication,
        rater_role: ctx.actor.role,
        note: input.note ?? null,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .execute();
    const summary = await refreshOutcomeSummary(tx, ctx, course, input.instrumentId);
    const personalised = await refreshMaintenanceDue(tx, ctx, course);
    // This score against the course's baseline (the summary compares the latest day's mean).
    const baseline = await tx
      .selectFrom('outcome_latest')
      .select('baseline')
      .where('tenant_id', '=', t)
      .where('plan_id', '=', planId)
      .where('instrument_id', '=', input.instrumentId)
      .executeTakeFirst();
    const comparison =
      input.timepoint === 'baseline'
        ? null
        : compareToBaseline(input.instrumentId, baseline?.baseline ?? null, input.value);
    await recordAudit(tx, ctx, {
      action: 'outcome.record',
      patientId: plan.patient_id,
      entity: 'outcome',
      entityId: id,
      detail: { planId, instrumentId: input.instrumentId, timepoint: input.timepoint },
    });
    return {
      id,
      planId,
      patientId: plan.patient_id,
      instrumentId: input.instrumentId,
      value: input.value,
      timepoint: input.timepoint,
      measuredAt,
      comparison: comparison?.ok ? comparison.comparison : null,
      comparisonProblem:
        comparison && !comparison.ok ? comparison.problems.map((p) => p.message).join('; ') : null,
      course: summary,
      maintenanceDue: personalised?.response.maintenanceDue ?? null,
    };
  });
}
