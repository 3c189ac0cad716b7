import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { newId, type TenantId } from '../shared/ids';

export interface TenantInput {
  name: string;
  jurisdiction: 'US' | 'KR' | 'EU' | 'UK';
  currency: string;
  timeZone: string;
  policy?: { blockUnapprovedInjection: boolean };
}

export async function createTenant(
  db: import('../db/connect').Db,
  input: TenantInput,
  now: number,
): Promise<TenantId> {
  const tenantId = newId(now) as TenantId;
  await withTenant(db, tenantId, (tx) =>
    tx
      .insertInto('tenants')
      .values({
        tenant_id: tenantId,
        name: input.name,
        jurisdiction: input.jurisdiction,
        currency: input.currency,
        time_zone: input.timeZone,
        policy: writeJson(input.policy ?? { blockUnapprovedInjection: false }),
        created_at: now,
      })
      .execute(),
  );
  return tenantId;
}
