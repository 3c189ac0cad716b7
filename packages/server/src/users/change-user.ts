import { recordAudit } from '../audit/record-audit';
import { forgetSignIn } from '../auth/authenticate';
import { hashPassword, type ScryptParams } from '../auth/passwords';
import type { Role } from '../auth/permissions';
import { withTenant } from '../db/tenant';
import { isAwaitingPassword } from '../invitations/invitee-account';
import { revokeOpenInvitations } from '../invitations/revoke-invitations';
import type { UseCaseContext } from '../shared/context';
import { forbidden, notFound, unprocessable } from '../shared/errors';

export interface UserChange {
  displayName?: string;
  role?: Exclude<Role, 'patient'>;
  active?: boolean;
  unlock?: true;
  password?: string;
}

/**
 * Change a user's name, staff role, active state, lock or password. The clinic always keeps an
 * active owner: nobody demotes or switches off themself, and the last active owner stays one
 * (checked with the owners' rows locked, so two owners switching each other off at the same
 * moment cannot both succeed). Only an owner touches an owner. Switching a user off, or a new
 * password, ends their open sessions; switching off also withdraws their open invitation links.
 * Audited without the password.
 */
export async function changeUser(
  ctx: UseCaseContext,
  userId: string,
  change: UserChange,
  scrypt?: ScryptParams,
) {
  const tenantId = ctx.actor.tenantId;
  const passwordHash = change.password ? await hashPassword(change.password, scrypt) : undefined;
  const row = await withTenant(ctx.db, tenantId, async (tx) => {
    // The user and the clinic's active owners, read (and on PostgreSQL locked, in one order)
    // together: whoever changes an owner next waits here and then sees this change.
    const rows = await tx
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where((w) => w.or([w('user_id', '=', userId), w.and([w('role', '=', 'owner'), w('active', '=', 1)])]))
      .orderBy('user_id')
      .$if(ctx.db.engine === 'postgres', (q) => q.forUpdate())
      .execute();
    const current = rows.find((r) => r.user_id === userId);
    if (!current) throw notFound('user');
    if (ctx.actor.role !== 'owner' && (current.role === 'owner' || change.role === 'owner')) {
      throw forbidden('only an owner may change an owner');
    }
    if (change.role && current.role === 'patient') {
      throw unprocessable('a patient account keeps its role', [
        { path: 'body.role', message: 'cannot change a patient account' },
      ]);
    }
    const demotes = change.role !== undefined && change.role !== current.role;
    const switchesOff = change.active === false && current.active === 1;
    const activeOwners = rows.filter((r) => r.role === 'owner' && r.active === 1);
    if (
      current.role === 'owner' &&
      current.active === 1 &&
      (demotes || switchesOff) &&
      activeOwners.every((r) => r.user_id === current.user_id)
    ) {
      throw unprocessable('the clinic needs at least one active owner: make someone else owner first', [
        ...(demotes ? [{ path: 'body.role', message: 'is the last active owner' }] : []),
        ...(switchesOff ? [{ path: 'body.active', message: 'is the last active owner' }] : []),
      ]);
    }
    if (current.user_id === ctx.actor.userId && (demotes || change.active === false)) {
      throw unprocessable('you cannot demote or switch off yourself: ask another owner or admin', [
        ...(demotes ? [{ path: 'body.role', message: 'cannot change your own role' }] : []),
        ...(change.active === false ? [{ path: 'body.active', message: 'cannot switch yourself off' }] : []),
      ]);
    }
    if (change.active === true && passwordHash === undefined && isAwaitingPassword(current)) {
      throw unprocessable('this account has not chosen a password yet: send the invitation again', [
        { path: 'body.active', message: 'waits for its invitation to be accepted' },
      ]);
    }
    const updated = await tx
      .updateTable('users')
      .set({
        ...(change.displayName !== undefined && { display_name: change.displayName }),
        ...(change.role !== undefined && { role: change.role }),
        ...(change.active !== undefined && { active: change.active ? 1 : 0 }),
        ...(change.unlock && { locked_until: null, failed_logins: 0 }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
        updated_at: ctx.now,
      })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', current.user_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A switched-off account's open invitation links stop working: none can switch it back on.
    if (change.active === false) await revokeOpenInvitations(tx, tenantId, current.user_id, ctx.now);
    if (change.active === false || passwordHash) {
      await tx
        .updateTable('auth_sessions')
        .set({ revoked_at: ctx.now })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', current.user_id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    await recordAudit(tx, ctx, {
      action: 'user.change',
      patientId: null,
      entity: 'user',
      entityId: current.user_id,
      detail: {
        ...(change.displayName !== undefined && { displayName: change.displayName }),
        ...(demotes && { role: { from: current.role, to: change.role } }),
        ...(change.active !== undefined && { active: change.active }),
        ...(change.unlock && { unlock: true }),
        ...(passwordHash !== undefined && { password: 'changed' }),
      },
    });
    return updated;
  });
  // Remembered sign-ins of this user are read again: a new role or a switched-off account counts
  // from the next request on.
  if (change.active === false || passwordHash || change.role !== undefined) forgetSignIn(ctx.db, userId);
  return row;
}
