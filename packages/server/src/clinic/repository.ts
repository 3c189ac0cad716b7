import type { Selectable } from 'kysely';
import type { TenantsTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import { notFound } from '../shared/errors';
import type { TenantId } from '../shared/ids';
import type { ClinicView } from './schemas';

export async function findClinic(tx: Tx, tenantId: TenantId): Promise<Selectable<TenantsTable>> {
  const row = await tx.selectFrom('tenants').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) throw notFound('clinic');
  return row;
}

export const toClinicView = (r: Selectable<TenantsTable>): ClinicView => ({
  id: r.tenant_id,
  name: r.name,
  jurisdiction: r.jurisdiction as ClinicView['jurisdiction'],
  timeZone: r.time_zone,
  locale: r.locale,
  currency: r.currency,
  phone: r.phone,
  email: r.email,
  patientChangeNoticeHours: r.patient_change_notice_hours,
  version: r.version,
  updatedAt: r.updated_at,
});
