import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { type LocationView, toLocationView } from './repository';

/** A new location of the clinic, with the time zone its days are counted in. */
export async function addLocation(
  ctx: UseCaseContext,
  input: { name: string; timeZone: string; address?: string | null | undefined },
): Promise<LocationView> {
  const row = await withTenant(ctx.db, ctx.actor.tenantId, (tx) =>
    tx
      .insertInto('locations')
      .values({
        tenant_id: ctx.actor.tenantId,
        location_id: newId(ctx.now),
        name: input.name,
        time_zone: input.timeZone,
        address: input.address ?? null,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return toLocationView(row);
}
