import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict, notFound, unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { assertLocation, findResourceView } from './repository';
import type { ResourceInput, ResourceView } from './schemas';

/**
 * Add a room, a device, or make a clinician bookable. A practitioner resource is the user itself
 * (same id), so a practitioner's calendar, holds and feed all name the person.
 */
export async function createResource(ctx: UseCaseContext, input: ResourceInput): Promise<ResourceView> {
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    let values: {
      resource_id: string;
      name: string;
      location_id: string | null;
      user_id: string | null;
      device_type: string | null;
      modalities: string[];
    };
    if (input.kind === 'practitioner') {
      const user = await tx
        .selectFrom('users')
        .select(['user_id', 'display_name', 'role'])
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', input.userId)
        .executeTakeFirst();
      if (!user) throw notFound('user');
      if (user.role !== 'practitioner' && user.role !== 'owner') {
        throw unprocessable('only a practitioner (or the owner) performs treatments', [
          { path: 'body.userId', message: `is a ${user.role}` },
        ]);
      }
      const existing = await tx
        .selectFrom('resources')
        .select('resource_id')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.user_id)
        .executeTakeFirst();
      if (existing)
        throw conflict('this user is already a bookable practitioner', { resourceId: existing.resource_id });
      values = {
        resource_id: user.user_id,
        name: input.name ?? user.display_name,
        location_id: null,
        user_id: user.user_id,
        device_type: null,
        modalities: [...new Set(input.modalities)],
      };
    } else {
      await assertLocation(tx, tenantId, input.locationId);
      values = {
        resource_id: newId(ctx.now),
        name: input.name,
        location_id: input.locationId,
        user_id: null,
        device_type: input.kind === 'device' ? input.deviceType : null,
        modalities: [],
      };
    }
    await tx
      .insertInto('resources')
      .values({
        tenant_id: tenantId,
        ...values,
        kind: input.kind,
        modalities: writeJson(values.modalities),
        active: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .execute();
    return findResourceView(tx, tenantId, values.resource_id);
  });
}
