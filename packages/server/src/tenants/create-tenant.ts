import { type Db, writeJson } from '../db/connect';
import { type Tx, withTenant } from '../db/tenant';
import { newId, type TenantId } from '../shared/ids';

export interface TenantInput {
  name: string;
  jurisdiction: 'US' | 'KR' | 'EU' | 'UK';
  currency: string;
  timeZone: string;
  /** BCP 47; by default the usual one of the jurisdiction. */
  locale?: string;
  phone?: string | null;
  email?: string | null;
  policy?: { blockUnapprovedInjection: boolean };
}

const JURISDICTION_LOCALE: Record<TenantInput['jurisdiction'], string> = {
  US: 'en-US',
  KR: 'ko-KR',
  EU: 'en-IE',
  UK: 'en-GB',
};

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
      locale: input.locale ?? JURISDICTION_LOCALE[input.jurisdiction],
      phone: input.phone ?? null,
      email: input.email ?? null,
      updated_at: now,
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
