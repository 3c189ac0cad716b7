import { readWithinPlan } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { toConsentView } from './repository';

/** The consents prepared for a plan, newest first (every version of the plan). */
export async function listPlanConsents(ctx: UseCaseContext, planId: string) {
  const audit = { action: 'consent.list', entity: 'consent', entityId: null };
  return readWithinPlan(ctx, planId, audit, async (tx, plan) => {
    const rows = await tx
      .selectFrom('consents')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', plan.plan_id)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toConsentView);
  });
}
