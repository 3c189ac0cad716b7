import type { Role } from '../auth/permissions';
import type { Tx } from '../db/tenant';
import { conflict } from '../shared/errors';
import { newId, type TenantId } from '../shared/ids';

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  /** Already hashed: scrypt runs before the transaction opens. */
  passwordHash: string;
  patientId?: string | null;
  locationId?: string | null;
}

/** A user and their sign-in directory entry; an e-mail signs in to one clinic only. */
export async function insertUser(tx: Tx, tenantId: TenantId, u: NewUser, now: number) {
  const email = u.email.trim().toLowerCase();
  const taken = await tx
    .selectFrom('login_directory')
    .select('email')
    .where('email', '=', email)
    .executeTakeFirst();
  if (taken)
    throw conflict('this e-mail already signs in to a clinic', {
      errors: [{ path: 'body.email', message: 'is already in use' }],
    });
  const userId = newId(now);
  await tx.insertInto('login_directory').values({ email, tenant_id: tenantId, user_id: userId }).execute();
  return tx
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      user_id: userId,
      email,
      display_name: u.displayName,
      role: u.role,
      password_hash: u.passwordHash,
      patient_id: u.patientId ?? null,
      location_id: u.locationId ?? null,
      active: 1,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
