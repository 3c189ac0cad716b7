import { readWithinPlan } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { type QuoteView, toQuoteView } from './repository';

/** The quotes issued for a plan, newest first (every version of the plan). */
export async function listPlanQuotes(ctx: UseCaseContext, planId: string): Promise<QuoteView[]> {
  const audit = { action: 'quote.list', entity: 'quote', entityId: null };
  return readWithinPlan(ctx, planId, audit, async (tx, plan) => {
    const rows = await tx
      .selectFrom('quotes')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', plan.plan_id)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toQuoteView);
  });
}
