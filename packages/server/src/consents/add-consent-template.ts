import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { toTemplateView } from './repository';

/** A new consent template, at version 1. */
export async function addConsentTemplate(ctx: UseCaseContext, input: { title: string; body: string }) {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .insertInto('consent_templates')
      .values({
        tenant_id: ctx.actor.tenantId,
        template_id: newId(ctx.now),
        version: 1,
        title: input.title,
        body: input.body,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return toTemplateView(row);
}
