import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict } from '../shared/errors';
import { findConsentTemplate, toTemplateView } from './repository';

/**
 * The next version of a consent template, written over the version the caller read. Consents
 * already prepared or signed keep the version they were made from.
 */
export async function reviseConsentTemplate(
  ctx: UseCaseContext,
  templateId: string,
  input: { title: string; body: string; basedOnVersion: number },
) {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const latest = await findConsentTemplate(tx, ctx, templateId);
    if (latest.version !== input.basedOnVersion) {
      throw conflict(`the template is at version ${latest.version}, not ${input.basedOnVersion}`);
    }
    return tx
      .insertInto('consent_templates')
      .values({
        tenant_id: ctx.actor.tenantId,
        template_id: templateId,
        version: latest.version + 1,
        title: input.title,
        body: input.body,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return toTemplateView(row);
}
