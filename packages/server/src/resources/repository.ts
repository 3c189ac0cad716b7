import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { ResourcesTable } from '../db/scheduling-schema';
import type { Tx } from '../db/tenant';
import { notFound } from '../shared/errors';
import type { TenantId } from '../shared/ids';
import type { ResourceView, WeeklyHours } from './schemas';

type Kind = ResourceView['kind'];

/** Resources with their hours and time off: three queries whatever the count (no N+1). */
export async function loadResourceViews(
  tx: Tx,
  tenantId: TenantId,
  filter: { ids?: string[]; kind?: Kind; locationId?: string; includeInactive?: boolean } = {},
): Promise<ResourceView[]> {
  let q = tx.selectFrom('resources').selectAll().where('tenant_id', '=', tenantId);
  if (filter.ids) q = q.where('resource_id', 'in', filter.ids.length ? filter.ids : ['-']);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (!filter.includeInactive) q = q.where('active', '=', 1);
  const rows = await q.orderBy('kind').orderBy('name').orderBy('resource_id').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.resource_id);
  const [hours, timeOff] = await Promise.all([
    tx
      .selectFrom('resource_hours')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('resource_id', 'in', ids)
      .execute(),
    tx
      .selectFrom('resource_time_off')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('resource_id', 'in', ids)
      .orderBy('start_ms')
      .execute(),
  ]);
  const views = rows.map((r) =>
    toResourceView(
      r,
      hours
        .filter((h) => h.resource_id === r.resource_id)
        .map((h) => ({ locationId: h.location_id, weekly: readJson<WeeklyHours>(h.weekly) })),
      timeOff
        .filter((t) => t.resource_id === r.resource_id)
        .map((t) => ({ id: t.time_off_id, start: t.start_ms, end: t.end_ms, reason: t.reason })),
    ),
  );
  // A practitioner works wherever their hours say; a room or device stands at its site.
  if (!filter.locationId) return views;
  return views.filter((v) =>
    v.kind === 'practitioner'
      ? v.hours.some((h) => h.locationId === filter.locationId)
      : v.locationId === filter.locationId,
  );
}

export function toResourceView(
  r: Selectable<ResourcesTable>,
  hours: ResourceView['hours'],
  timeOff: ResourceView['timeOff'],
): ResourceView {
  return {
    id: r.resource_id,
    kind: r.kind as Kind,
    name: r.name,
    locationId: r.location_id,
    userId: r.user_id,
    deviceType: r.device_type,
    modalities: readJson<string[]>(r.modalities),
    active: r.active === 1,
    hours,
    timeOff,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findResourceView(
  tx: Tx,
  tenantId: TenantId,
  resourceId: string,
): Promise<ResourceView> {
  const [view] = await loadResourceViews(tx, tenantId, { ids: [resourceId], includeInactive: true });
  if (!view) throw notFound('resource');
  return view;
}

export async function assertLocation(tx: Tx, tenantId: TenantId, locationId: string, path = 'location') {
  const row = await tx
    .selectFrom('locations')
    .select(['location_id', 'time_zone'])
    .where('tenant_id', '=', tenantId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  if (!row) throw notFound(path);
  return row;
}
