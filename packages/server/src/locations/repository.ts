import type { Selectable } from 'kysely';
import type { LocationsTable } from '../db/schema';

export interface LocationView {
  id: string;
  name: string;
  timeZone: string;
  address: string | null;
  createdAt: number;
  updatedAt: number;
}

export const toLocationView = (r: Selectable<LocationsTable>): LocationView => ({
  id: r.location_id,
  name: r.name,
  timeZone: r.time_zone,
  address: r.address,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
