import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { findPlan } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { toConsentView } from './repository';

/** The consents prepared for a plan, newest first (every version of the plan). */
export async function listPlanConsents(ctx: UseCaseContext, planId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const rows = await tx
      .selectFrom('consents')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', plan.plan_id)
      .orderBy('created_at', 'desc')
      .execute();
    await recordAudit(tx, ctx, {
      action: 'consent.list',
      patientId: plan.patient_id,
      entity: 'consent',
      entityId: null,
    });
    return rows.map(toConsentView);
  });
}
