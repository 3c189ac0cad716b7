import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { findPlan } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { type QuoteView, toQuoteView } from './repository';

/** The quotes issued for a plan, newest first (every version of the plan). */
export async function listPlanQuotes(ctx: UseCaseContext, planId: string): Promise<QuoteView[]> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const rows = await tx
      .selectFrom('quotes')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', plan.plan_id)
      .orderBy('created_at', 'desc')
      .execute();
    await recordAudit(tx, ctx, {
      action: 'quote.list',
      patientId: plan.patient_id,
      entity: 'quote',
      entityId: null,
    });
    return rows.map(toQuoteView);
  });
}
