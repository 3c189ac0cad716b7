import { type Db, writeJson } from '../db/connect';
import { type Tx, withTenant } from '../db/tenant';
import { newId, type TenantId } from '../shared/ids';

export interface TenantInput {
  name: string;
  jurisdiction: 'US' | 'KR' | 'EU' | 'UK';
  currency: string;
  timeZone: string;
  policy?: { blockUnapprovedInjection: boolean };
}

export async function insertTenant(
  tx: Tx,
  tenantId: TenantId,
  input: TenantInput,
  now: number,
): Promise<void> {
  await tx
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
    .execute();
}

export async function createTenant(db: Db, input: TenantInput, now: number): Promise<TenantId> {
  const tenantId = newId(now) as TenantId;
  await withTenant(db, tenantId, (tx) => insertTenant(tx, tenantId, input, now));
  return tenantId;
}
