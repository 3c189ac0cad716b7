import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { toTemplateView } from './repository';

/** Every consent template with every version, grouped by template, oldest version first. */
export async function listConsentTemplates(ctx: UseCaseContext) {
  const tenantId = ctx.actor.tenantId;
  const rows = await withTenant(ctx.db, tenantId, (tx) =>
    tx
      .selectFrom('consent_templates')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('template_id')
      .orderBy('version')
      .execute(),
  );
  return rows.map(toTemplateView);
}
