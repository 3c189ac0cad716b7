import { solveCourse } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { loadBookablePlan, sessionModalityFor } from './bookable-plan';
import { prepareCourse, readCourseGround } from './course-request';
import { presentOptions } from './present-options';
import type { CourseOptionsView, CourseSearchInput } from './schemas';

/** Ranked ways to book a plan's whole initial series, or which constraint failed and what would work. */
export async function proposeCourse(
  ctx: UseCaseContext,
  planId: string,
  input: CourseSearchInput,
): Promise<CourseOptionsView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const bp = await loadBookablePlan(tx, ctx, planId);
    const modality = sessionModalityFor(bp.plan, 'initial');
    const ground = await readCourseGround(tx, ctx, bp, input);
    let { request, calendar } = await prepareCourse(tx, ctx, bp, modality, input, false, ground);
    let result = solveCourse(request);
    if (!result.ok) {
      // Explain the failure on a calendar wide enough for the relaxations it tries.
      ({ request, calendar } = await prepareCourse(tx, ctx, bp, modality, input, true, ground));
      result = solveCourse(request);
    }
    await recordAudit(tx, ctx, {
      action: 'course.options',
      patientId: bp.patientId,
      entity: 'plan',
      entityId: planId,
      detail: { ok: result.ok, options: result.ok ? result.plans.length : 0 },
    });
    const g = bp.plan.initialSeries.intervalDays;
    return presentOptions(result, calendar.timeZone, { min: g.min, target: g.target, max: g.max });
  });
}
