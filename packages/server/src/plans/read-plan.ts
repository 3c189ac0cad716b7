import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findPlan, findVersion, type PlanView, toPlanView } from './repository';

/** A plan with its current version. */
export async function readPlan(ctx: UseCaseContext, planId: string): Promise<PlanView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const version = await findVersion(tx, ctx, plan.plan_id, plan.current_version);
    await recordAudit(tx, ctx, {
      action: 'plan.read',
      patientId: plan.patient_id,
      entity: 'plan',
      entityId: plan.plan_id,
    });
    return toPlanView(plan, version);
  });
}
