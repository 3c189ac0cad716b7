import {
  addDays,
  type ClinicResources,
  type DeviceResource,
  type DeviceType,
  type IntervalSet,
  type LocalDate,
  type ModalityId,
  normaliseIntervals,
  type PractitionerResource,
  type RoomResource,
  startOfLocalDay,
} from '@exoclinic/core';
import type { Tx } from '../db/tenant';
import type { TenantId } from '../shared/ids';
import { loadBusyTimes } from './busy-times';
import { type ClinicSetup, loadClinicSetup, type Site } from './clinic-setup';
import { hoursAsIntervals, hoursWithinSite } from './hours-cache';

// The clinic as the core's scheduler sees it for a range of local days: every resource with its
// availability (site hours ∩ own hours) and its busy time (active holds ∪ time off) as interval
// sets. Five queries for the whole clinic, whatever its size: no per-resource or per-day loads.

export type { Site } from './clinic-setup';

export interface ClinicCalendar {
  timeZone: string;
  sites: Site[];
  resources: ClinicResources;
  /** Instants covered: [from, to). */
  from: number;
  to: number;
}

/** The instants [from, to) of the local days firstDay..lastDay on the clinic's wall clock. */
export function calendarRange(setup: ClinicSetup, firstDay: LocalDate, lastDay: LocalDate) {
  return {
    from: startOfLocalDay(firstDay, setup.timeZone),
    to: startOfLocalDay(addDays(lastDay, 1), setup.timeZone),
  };
}

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
  const setup = await loadClinicSetup(tx, tenantId, opts);
  const range = calendarRange(setup, opts.firstDay, opts.lastDay);
  const busy = await loadBusyTimes(tx, tenantId, {
    ...range,
    ...(opts.ignoreAppointments && { ignoreAppointments: opts.ignoreAppointments }),
  });
  return assembleClinicCalendar(setup, opts.firstDay, opts.lastDay, busy);
}

/** The calendar from its parts: no database work, so a booking can do it under its write lock. */
export function assembleClinicCalendar(
  setup: ClinicSetup,
  firstDay: LocalDate,
  lastDay: LocalDate,
  busyFlat: Map<string, number[]>,
): ClinicCalendar {
  const zone = setup.timeZone;
  const { from, to } = calendarRange(setup, firstDay, lastDay);
  const siteHours = new Map<string, IntervalSet>();
  for (const [id, hours] of setup.siteHours)
    siteHours.set(
      id,
      hours
        ? hoursAsIntervals(zone, hours.weekly, hours.closures, firstDay, lastDay)
        : normaliseIntervals([]),
    );
  const siteIds = setup.sites.map((s) => s.locationId);
  const ownHours = (resourceId: string, locationId: string): IntervalSet | undefined => {
    const own = setup.ownHours.get(`${resourceId}@${locationId}`);
    if (own === undefined) return undefined;
    const site = setup.siteHours.get(locationId);
    return site ? hoursWithinSite(zone, site, own, firstDay, lastDay) : normaliseIntervals([]);
  };
  const busyOf = (id: string) => normaliseIntervals(busyFlat.get(id) ?? []);

  const practitioners: PractitionerResource[] = [];
  const rooms: RoomResource[] = [];
  const devices: DeviceResource[] = [];
  for (const r of setup.resources) {
    if (r.kind === 'practitioner') {
      const busy = busyOf(r.id);
      const modalities = r.modalities as ModalityId[];
      // Listed once per site they work at, in the order of the sites.
      for (const locationId of siteIds) {
        const availability = ownHours(r.id, locationId);
        if (availability) practitioners.push({ id: r.id, locationId, availability, busy, modalities });
      }
      continue;
    }
    const locationId = r.locationId!;
    const site = siteHours.get(locationId);
    if (!site) continue;
    const availability = ownHours(r.id, locationId) ?? site;
    if (r.kind === 'room') rooms.push({ id: r.id, locationId, availability, busy: busyOf(r.id) });
    else
      devices.push({
        id: r.id,
        locationId,
        availability,
        busy: busyOf(r.id),
        deviceType: r.deviceType as DeviceType,
      });
  }
  // Sites in the order asked for; the core lists sites in the order resources first name them.
  const rank = new Map(siteIds.map((id, i) => [id, i]));
  const bySite = <T extends { locationId: string }>(a: T, b: T) =>
    rank.get(a.locationId)! - rank.get(b.locationId)!;
  practitioners.sort(bySite);
  rooms.sort(bySite);
  devices.sort(bySite);
  return { timeZone: zone, sites: setup.sites, resources: { practitioners, rooms, devices }, from, to };
}
