import type { UseCaseContext } from '../shared/context';
import { findVersion, type PlanView, readWithinPlan, toPlanView } from './repository';

/** A plan with its current version. */
export async function readPlan(ctx: UseCaseContext, planId: string): Promise<PlanView> {
  const audit = { action: 'plan.read', entity: 'plan', entityId: planId };
  return readWithinPlan(ctx, planId, audit, async (tx, plan) =>
    toPlanView(plan, await findVersion(tx, ctx, plan.plan_id, plan.current_version)),
  );
}
