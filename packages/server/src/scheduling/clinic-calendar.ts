import {
  addDays,
  type ClinicResources,
  type DeviceResource,
  type DeviceType,
  type IntervalSet,
  intersectIntervals,
  type LocalDate,
  type ModalityId,
  normaliseIntervals,
  type OpeningHours,
  openingHoursToIntervals,
  type PractitionerResource,
  type RoomResource,
  startOfLocalDay,
} from '@exoclinic/core';
import { readJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import type { WeeklyHours } from '../resources/schemas';
import { notFound, unprocessable } from '../shared/errors';
import type { TenantId } from '../shared/ids';

// The clinic as the core's scheduler sees it for a range of local days: every resource with its
// availability (site hours ∩ own hours) and its busy time (active holds ∪ time off) as interval
// sets. Four queries for the whole clinic, whatever its size: no per-resource or per-day loads.

export interface Site {
  locationId: string;
  name: string;
  timeZone: string;
  stepMinutes: number;
  cleaningMinutes: number;
}

export interface ClinicCalendar {
  timeZone: string;
  sites: Site[];
  resources: ClinicResources;
  /** Instants covered: [from, to). */
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;

export async function loadClinicCalendar(
  tx: Tx,
  tenantId: TenantId,
  opts: {
    /** Sites to use, in preference order; all sites in the first one's time zone when absent. */
    locationIds?: readonly string[];
    /** Without `locationIds`: this site first, then the others in its time zone. */
    preferLocationId?: string | null;
    firstDay: LocalDate;
    lastDay: LocalDate;
    /** Holds of these appointments are ignored (they are the ones being moved). */
    ignoreAppointments?: readonly string[];
  },
): Promise<ClinicCalendar> {
  const locationRows = await tx
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
    .execute();
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
  const from = startOfLocalDay(opts.firstDay, zone);
  const to = startOfLocalDay(addDays(opts.lastDay, 1), zone);

  const siteHours = new Map<string, IntervalSet>();
  const sites: Site[] = [];
  const hoursOf = (weekly: WeeklyHours, closures: readonly string[]) =>
    openingHoursToIntervals(
      { timeZone: zone, weekly: weekly as OpeningHours['weekly'], closures: closures as LocalDate[] },
      opts.firstDay,
      opts.lastDay,
    );
  for (const l of sitesRows) {
    sites.push({
      locationId: l.location_id,
      name: l.name,
      timeZone: l.time_zone,
      stepMinutes: l.step_minutes ?? 15,
      cleaningMinutes: l.cleaning_minutes ?? 15,
    });
    siteHours.set(
      l.location_id,
      l.weekly
        ? hoursOf(readJson<WeeklyHours>(l.weekly), readJson<string[]>(l.closures))
        : normaliseIntervals([]),
    );
  }
  const siteIds = sites.map((s) => s.locationId);

  const [resourceRows, hourRows, offRows, holdRows] = await Promise.all([
    tx
      .selectFrom('resources')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('active', '=', 1)
      .orderBy('created_at')
      .orderBy('resource_id')
      .execute(),
    tx
      .selectFrom('resource_hours')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('location_id', 'in', siteIds)
      .execute(),
    tx
      .selectFrom('resource_time_off')
      .select(['resource_id', 'start_ms', 'end_ms'])
      .where('tenant_id', '=', tenantId)
      .where('start_ms', '<', to)
      .where('end_ms', '>', from)
      .execute(),
    (() => {
      let q = tx
        .selectFrom('resource_holds')
        .select(['resource_id', 'start_ms', 'end_ms'])
        .where('tenant_id', '=', tenantId)
        .where('active', '=', 1)
        // Holds are a few hours long at most: bounding the start keeps this an index range scan.
        .where('start_ms', '>=', from - DAY_MS)
        .where('start_ms', '<', to)
        .where('end_ms', '>', from);
      if (opts.ignoreAppointments && opts.ignoreAppointments.length > 0)
        q = q.where('appointment_id', 'not in', [...opts.ignoreAppointments]);
      return q.execute();
    })(),
  ]);

  const busyFlat = new Map<string, number[]>();
  for (const r of [...holdRows, ...offRows]) {
    const list = busyFlat.get(r.resource_id);
    if (list) list.push(r.start_ms, r.end_ms);
    else busyFlat.set(r.resource_id, [r.start_ms, r.end_ms]);
  }
  const busyOf = (id: string) => normaliseIntervals(busyFlat.get(id) ?? []);
  const ownHours = new Map<string, IntervalSet>();
  for (const h of hourRows) {
    const site = siteHours.get(h.location_id);
    if (site)
      ownHours.set(
        `${h.resource_id}@${h.location_id}`,
        intersectIntervals(site, hoursOf(readJson<WeeklyHours>(h.weekly), [])),
      );
  }

  const practitioners: PractitionerResource[] = [];
  const rooms: RoomResource[] = [];
  const devices: DeviceResource[] = [];
  for (const r of resourceRows) {
    if (r.kind === 'practitioner') {
      const busy = busyOf(r.resource_id);
      const modalities = readJson<ModalityId[]>(r.modalities);
      // Listed once per site they work at, in the order of the sites.
      for (const locationId of siteIds) {
        const availability = ownHours.get(`${r.resource_id}@${locationId}`);
        if (availability)
          practitioners.push({ id: r.resource_id, locationId, availability, busy, modalities });
      }
      continue;
    }
    const locationId = r.location_id!;
    const site = siteHours.get(locationId);
    if (!site) continue;
    const availability = ownHours.get(`${r.resource_id}@${locationId}`) ?? site;
    if (r.kind === 'room')
      rooms.push({ id: r.resource_id, locationId, availability, busy: busyOf(r.resource_id) });
    else
      devices.push({
        id: r.resource_id,
        locationId,
        availability,
        busy: busyOf(r.resource_id),
        deviceType: r.device_type as DeviceType,
      });
  }
  // Sites in the order asked for; the core lists sites in the order resources first name them.
  const rank = new Map(siteIds.map((id, i) => [id, i]));
  const bySite = <T extends { locationId: string }>(a: T, b: T) =>
    rank.get(a.locationId)! - rank.get(b.locationId)!;
  practitioners.sort(bySite);
  rooms.sort(bySite);
  devices.sort(bySite);
  return { timeZone: zone, sites, resources: { practitioners, rooms, devices }, from, to };
}
