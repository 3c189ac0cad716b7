import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findPlan, type PlanVersionView, toVersionView } from './repository';

/** A plan's history: every version with the reason it was written, oldest first. */
export async function listPlanVersions(ctx: UseCaseContext, planId: string): Promise<PlanVersionView[]> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const versions = await tx
      .selectFrom('plan_versions')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', plan.plan_id)
      .orderBy('version')
      .execute();
    await recordAudit(tx, ctx, {
      action: 'plan.history',
      patientId: plan.patient_id,
      entity: 'plan',
      entityId: plan.plan_id,
    });
    return versions.map(toVersionView);
  });
}
