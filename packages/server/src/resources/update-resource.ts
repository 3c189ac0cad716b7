import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { unprocessable } from '../shared/errors';
import { findResourceView } from './repository';
import type { ResourcePatch, ResourceView } from './schemas';

/** Rename, retire (inactive: no new bookings; existing ones stay) or change what a practitioner performs. */
export async function updateResource(
  ctx: UseCaseContext,
  resourceId: string,
  patch: ResourcePatch,
): Promise<ResourceView> {
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    const current = await findResourceView(tx, tenantId, resourceId);
    if (patch.modalities && current.kind !== 'practitioner') {
      throw unprocessable('only a practitioner has modalities', [
        { path: 'body.modalities', message: `a ${current.kind} has none` },
      ]);
    }
    await tx
      .updateTable('resources')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
        ...(patch.modalities !== undefined && { modalities: writeJson([...new Set(patch.modalities)]) }),
        updated_at: ctx.now,
      })
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', resourceId)
      .execute();
    return findResourceView(tx, tenantId, resourceId);
  });
}
