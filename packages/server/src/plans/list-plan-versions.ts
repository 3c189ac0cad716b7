import type { UseCaseContext } from '../shared/context';
import { type PlanVersionView, readWithinPlan, toVersionView } from './repository';

/** A plan's history: every version with the reason it was written, oldest first. */
export async function listPlanVersions(ctx: UseCaseContext, planId: string): Promise<PlanVersionView[]> {
  const audit = { action: 'plan.history', entity: 'plan', entityId: planId };
  return readWithinPlan(ctx, planId, audit, async (tx, plan) => {
    const versions = await tx
      .selectFrom('plan_versions')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', plan.plan_id)
      .orderBy('version')
      .execute();
    return versions.map(toVersionView);
  });
}
