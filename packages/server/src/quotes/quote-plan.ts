import { quoteCourse } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { findPlan, findVersion, toVersionView } from '../plans/repository';
import { findPriceList, toPriceList } from '../price-lists/repository';
import type { UseCaseContext } from '../shared/context';
import { unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { type QuoteView, toQuoteView } from './repository';

/** Price the plan's current version from one of the clinic's price lists; the quote is kept as issued. */
export async function quotePlan(
  ctx: UseCaseContext,
  planId: string,
  input: { priceListId: string; tier: 'standard' | 'premium' },
): Promise<QuoteView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const version = toVersionView(await findVersion(tx, ctx, planId, plan.current_version));
    const listRow = await findPriceList(tx, ctx.actor.tenantId, input.priceListId);
    const result = quoteCourse({ plan: version.plan, priceList: toPriceList(listRow), tier: input.tier });
    if (!result.ok) throw unprocessable('the plan cannot be quoted from this price list', result.problems);
    const q = result.quote;
    const row = await tx
      .insertInto('quotes')
      .values({
        tenant_id: ctx.actor.tenantId,
        quote_id: newId(ctx.now),
        patient_id: plan.patient_id,
        plan_id: planId,
        plan_version: plan.current_version,
        price_list_id: input.priceListId,
        tier: input.tier,
        currency: q.currency,
        total_minor: q.exosome.initialSeries.total.target,
        quote: writeJson(q),
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'quote.create',
      patientId: plan.patient_id,
      entity: 'quote',
      entityId: row.quote_id,
      detail: { planVersion: plan.current_version, totalMinor: row.total_minor, currency: row.currency },
    });
    return toQuoteView(row);
  });
}
