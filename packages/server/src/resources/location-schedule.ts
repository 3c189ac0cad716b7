import { readJson, writeJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import type { TenantId } from '../shared/ids';
import { assertLocation } from './repository';
import type { WeeklyHours } from './schemas';

export interface LocationSchedule {
  locationId: string;
  timeZone: string;
  weekly: WeeklyHours;
  closures: string[];
  stepMinutes: number;
  cleaningMinutes: number;
  updatedAt: number | null;
}

/** A site's opening hours, closures and booking grid; a site never configured is closed. */
export async function readLocationSchedule(
  tx: Tx,
  tenantId: TenantId,
  locationId: string,
): Promise<LocationSchedule> {
  const location = await assertLocation(tx, tenantId, locationId);
  const row = await tx
    .selectFrom('location_schedules')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  return {
    locationId,
    timeZone: location.time_zone,
    weekly: row ? readJson<WeeklyHours>(row.weekly) : {},
    closures: row ? readJson<string[]>(row.closures) : [],
    stepMinutes: row?.step_minutes ?? 15,
    cleaningMinutes: row?.cleaning_minutes ?? 15,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function setLocationSchedule(
  ctx: UseCaseContext,
  locationId: string,
  input: { weekly: WeeklyHours; closures: string[]; stepMinutes: number; cleaningMinutes: number },
): Promise<LocationSchedule> {
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    await assertLocation(tx, tenantId, locationId);
    const values = {
      weekly: writeJson(input.weekly),
      closures: writeJson([...new Set(input.closures)].sort()),
      step_minutes: input.stepMinutes,
      cleaning_minutes: input.cleaningMinutes,
      updated_at: ctx.now,
      updated_by: ctx.actor.userId,
    };
    await tx
      .insertInto('location_schedules')
      .values({ tenant_id: tenantId, location_id: locationId, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'location_id']).doUpdateSet(values))
      .execute();
    return readLocationSchedule(tx, tenantId, locationId);
  });
}
