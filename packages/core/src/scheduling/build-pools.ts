import type { ModalityId } from '../types';
import type { SessionShape } from './session-shape';
import type { ClinicResources, SchedulableResource } from './types';

// Which resources may serve each need of a session, grouped by site: a session never borrows a
// room from one site and a device from another.

export interface ResourcePool {
  locationId: string;
  /** Per need of the shape (same order), the resources that can serve it, best first. */
  candidates: SchedulableResource[][];
}

export interface PoolFilter {
  /** Only these practitioners, offered in this order. */
  practitionerIds?: readonly string[];
  /** Only these sites, in this order. */
  locationIds?: readonly string[];
}

export function buildPools(
  shape: SessionShape,
  modalityId: ModalityId,
  resources: ClinicResources,
  filter: PoolFilter = {},
): ResourcePool[] {
  const locations = filter.locationIds ?? siteOrder(resources);
  const practitioners = orderPractitioners(resources, modalityId, filter.practitionerIds);
  const pools: ResourcePool[] = [];
  for (const locationId of locations) {
    const candidates = shape.needs.map((need) => {
      const atSite = (r: SchedulableResource) => r.locationId === locationId;
      if (need.kind === 'practitioner') return practitioners.filter(atSite);
      if (need.kind === 'room') return resources.rooms.filter(atSite);
      return resources.devices.filter((d) => atSite(d) && d.deviceType === need.deviceType);
    });
    // A site missing any kind of resource can never host the session.
    if (candidates.every((c) => c.length > 0)) pools.push({ locationId, candidates });
  }
  return pools;
}

/** Sites in the order the caller listed resources, so the caller decides the default order. */
function siteOrder(resources: ClinicResources): string[] {
  const seen = new Set<string>();
  for (const list of [resources.practitioners, resources.rooms, resources.devices]) {
    for (const r of list) seen.add(r.locationId);
  }
  return [...seen];
}

function orderPractitioners(
  resources: ClinicResources,
  modalityId: ModalityId,
  only: readonly string[] | undefined,
): SchedulableResource[] {
  const qualified = resources.practitioners.filter((p) => p.modalities.includes(modalityId));
  if (!only) return qualified;
  const rank = new Map(only.map((id, i) => [id, i]));
  return qualified.filter((p) => rank.has(p.id)).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
}
