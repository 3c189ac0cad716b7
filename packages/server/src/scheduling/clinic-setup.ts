import { readJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import { notFound, unprocessable } from '../shared/errors';
import type { TenantId } from '../shared/ids';

// The part of the clinic's calendar that does not change with bookings: its sites with their
// hours, the active resources and their own hours. Three queries whatever the clinic's size, read
// before a booking takes its write lock (only the holds must be read under it).

export interface Site {
  locationId: string;
  name: string;
  timeZone: string;
  stepMinutes: number;
  cleaningMinutes: number;
}

export interface ClinicSetup {
  timeZone: string;
  sites: Site[];
  /** Per site: its weekly hours and closures as stored JSON text (null: never configured, closed). */
  siteHours: Map<string, { weekly: string; closures: string } | null>;
  resources: {
    id: string;
    kind: string;
    locationId: string | null;
    deviceType: string | null;
    modalities: string[];
  }[];
  /** `resourceId@locationId` → the resource's weekly hours there, as JSON text. */
  ownHours: Map<string, string>;
}

/** JSON text of a JSON column: text on SQLite, parsed jsonb on PostgreSQL. */
const jsonText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

export async function loadClinicSetup(
  tx: Tx,
  tenantId: TenantId,
  opts: {
    /** Sites to use, in preference order; all sites in the first one's time zone when absent. */
    locationIds?: readonly string[];
    /** Without `locationIds`: this site first, then the others in its time zone. */
    preferLocationId?: string | null;
  },
): Promise<ClinicSetup> {
  const [locationRows, resourceRows, hourRows] = await Promise.all([
    tx
      .selectFrom('locations as l')
      .leftJoin('location_schedules as s', (j) =>
        j.onRef('s.tenant_id', '=', 'l.tenant_id').onRef('s.location_id', '=', 'l.location_id'),
      )
      .select([
        'l.location_id',
        'l.name',
        'l.time_zone',
        's.weekly',
        's.closures',
        's.step_minutes',
        's.cleaning_minutes',
      ])
      .where('l.tenant_id', '=', tenantId)
      .orderBy('l.created_at')
      .orderBy('l.location_id')
      .execute(),
    tx
      .selectFrom('resources')
      .select(['resource_id', 'kind', 'location_id', 'device_type', 'modalities'])
      .where('tenant_id', '=', tenantId)
      .where('active', '=', 1)
      .orderBy('created_at')
      .orderBy('resource_id')
      .execute(),
    tx
      .selectFrom('resource_hours')
      .select(['resource_id', 'location_id', 'weekly'])
      .where('tenant_id', '=', tenantId)
      .execute(),
  ]);
  let chosen = locationRows;
  const preferred = opts.preferLocationId
    ? locationRows.find((l) => l.location_id === opts.preferLocationId)
    : undefined;
  if (preferred) chosen = [preferred, ...locationRows.filter((l) => l !== preferred)];
  if (opts.locationIds && opts.locationIds.length > 0) {
    chosen = opts.locationIds.map((id) => {
      const row = locationRows.find((l) => l.location_id === id);
      if (!row) throw notFound('location');
      return row;
    });
  }
  const zone = chosen[0]?.time_zone;
  if (!zone) throw unprocessable('the clinic has no location to book at');
  // The solver reads one wall clock: a course stays among sites of one time zone.
  const sitesRows = chosen.filter((l) => l.time_zone === zone);
  if (opts.locationIds && sitesRows.length !== chosen.length) {
    throw unprocessable('the locations of one course must share a time zone', [
      { path: 'body.locationId', message: 'mixes time zones' },
    ]);
  }
  const siteHours: ClinicSetup['siteHours'] = new Map();
  const sites: Site[] = sitesRows.map((l) => {
    siteHours.set(
      l.location_id,
      l.weekly ? { weekly: jsonText(l.weekly), closures: jsonText(l.closures) } : null,
    );
    return {
      locationId: l.location_id,
      name: l.name,
      timeZone: l.time_zone,
      stepMinutes: l.step_minutes ?? 15,
      cleaningMinutes: l.cleaning_minutes ?? 15,
    };
  });
  const ownHours = new Map<string, string>();
  for (const h of hourRows)
    if (siteHours.has(h.location_id)) ownHours.set(`${h.resource_id}@${h.location_id}`, jsonText(h.weekly));
  return {
    timeZone: zone,
    sites,
    siteHours,
    resources: resourceRows.map((r) => ({
      id: r.resource_id,
      kind: r.kind,
      locationId: r.location_id,
      deviceType: r.device_type,
      modalities: readJson<string[]>(r.modalities),
    })),
    ownHours,
  };
}
