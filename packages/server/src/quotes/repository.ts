import type { CourseQuote } from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { QuotesTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

export interface QuoteView {
  id: string;
  patientId: string;
  planId: string;
  planVersion: number;
  priceListId: string;
  tier: string;
  currency: string;
  totalMinor: number;
  quote: CourseQuote;
  createdAt: number;
}

export const toQuoteView = (r: Selectable<QuotesTable>): QuoteView => ({
  id: r.quote_id,
  patientId: r.patient_id,
  planId: r.plan_id,
  planVersion: r.plan_version,
  priceListId: r.price_list_id,
  tier: r.tier,
  currency: r.currency,
  totalMinor: r.total_minor,
  quote: readJson<CourseQuote>(r.quote),
  createdAt: r.created_at,
});

export async function findQuote(tx: Tx, ctx: UseCaseContext, quoteId: string) {
  const row = await tx
    .selectFrom('quotes')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('quote_id', '=', quoteId)
    .executeTakeFirst();
  if (!row) throw notFound('quote');
  assertMayReachPatient(ctx, row.patient_id);
  return row;
}
