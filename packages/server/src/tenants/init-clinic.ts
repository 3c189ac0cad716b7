import { hashPassword, MIN_PASSWORD_LENGTH, type ScryptParams } from '../auth/passwords';
import { DEFAULT_CONSENT_TEMPLATE } from '../consents/fill-template';
import type { Db } from '../db/connect';
import { withTenant } from '../db/tenant';
import { conflict, unprocessable } from '../shared/errors';
import { newId, type TenantId, type UserId } from '../shared/ids';
import { insertUser } from '../users/insert-user';
import { insertTenant, type TenantInput } from './create-tenant';

export interface InitClinicInput extends TenantInput {
  ownerEmail: string;
  ownerName: string;
  ownerPassword: string;
}

/** A clinic with its owner and a default consent template, ready to sign in to. */
export async function initClinic(
  db: Db,
  input: InitClinicInput,
  now: number,
  scrypt?: ScryptParams,
): Promise<{ tenantId: TenantId; ownerId: UserId }> {
  if (input.ownerPassword.length < MIN_PASSWORD_LENGTH) {
    throw unprocessable('the owner password is too short', [
      { path: 'owner-password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
  const email = input.ownerEmail.trim().toLowerCase();
  const taken = await db.kysely
    .selectFrom('login_directory')
    .select('email')
    .where('email', '=', email)
    .executeTakeFirst();
  if (taken) throw conflict(`${email} already signs in to a clinic`);
  const passwordHash = await hashPassword(input.ownerPassword, scrypt);
  const tenantId = newId(now) as TenantId;
  // Clinic, owner and template in one transaction: a failure leaves no half-made clinic.
  const owner = await withTenant(db, tenantId, async (tx) => {
    await insertTenant(tx, tenantId, input, now);
    const user = await insertUser(
      tx,
      tenantId,
      { email, displayName: input.ownerName, role: 'owner', passwordHash },
      now,
    );
    await tx
      .insertInto('consent_templates')
      .values({
        tenant_id: tenantId,
        template_id: newId(now),
        version: 1,
        ...DEFAULT_CONSENT_TEMPLATE,
        created_at: now,
        created_by: user.user_id,
      })
      .execute();
    return user;
  });
  return { tenantId, ownerId: owner.user_id as UserId };
}
