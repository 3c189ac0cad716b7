import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findQuote, type QuoteView, toQuoteView } from './repository';

/** One quote, as it was issued. */
export async function readQuote(ctx: UseCaseContext, quoteId: string): Promise<QuoteView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await findQuote(tx, ctx, quoteId);
    await recordAudit(tx, ctx, {
      action: 'quote.read',
      patientId: row.patient_id,
      entity: 'quote',
      entityId: row.quote_id,
    });
    return toQuoteView(row);
  });
}
