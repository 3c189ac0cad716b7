import type { Role } from '../auth/permissions';
import type { Tx } from '../db/tenant';
import { conflict } from '../shared/errors';
import type { TenantId } from '../shared/ids';
import { insertUser } from '../users/insert-user';
import { INVITED_PASSWORD } from './token';

/** An account waiting for its invitee's password: switched off, with a password nothing matches. */
export const isAwaitingPassword = (u: { active: number; password_hash: string }) =>
  u.active === 0 && u.password_hash === INVITED_PASSWORD;

/** A new account that cannot sign in until its invitation is accepted. */
export async function createInvitedAccount(
  tx: Tx,
  tenantId: TenantId,
  u: { email: string; displayName: string; role: Role; patientId?: string; locationId?: string | null },
  now: number,
) {
  const row = await insertUser(tx, tenantId, { ...u, passwordHash: INVITED_PASSWORD }, now);
  await tx
    .updateTable('users')
    .set({ active: 0 })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', row.user_id)
    .execute();
  return { ...row, active: 0 };
}

/**
 * A waiting account whose invitee's e-mail changed since the last invitation: the sign-in
 * directory follows, so that the new address is the one that signs in.
 */
export async function moveInvitedEmail(
  tx: Tx,
  tenantId: TenantId,
  user: { user_id: string; email: string },
  email: string,
  now: number,
): Promise<void> {
  const next = email.trim().toLowerCase();
  if (next === user.email) return;
  const taken = await tx
    .selectFrom('login_directory')
    .select('email')
    .where('email', '=', next)
    .executeTakeFirst();
  if (taken)
    throw conflict('this e-mail already signs in to a clinic', {
      errors: [{ path: 'email', message: 'is already in use' }],
    });
  await tx.deleteFrom('login_directory').where('email', '=', user.email).execute();
  await tx
    .insertInto('login_directory')
    .values({ email: next, tenant_id: tenantId, user_id: user.user_id })
    .execute();
  await tx
    .updateTable('users')
    .set({ email: next, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', user.user_id)
    .execute();
}
