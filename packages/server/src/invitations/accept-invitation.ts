import { type LoginResult, openSession } from '../auth/login';
import { hashPassword, type ScryptParams } from '../auth/passwords';
import { type Db, writeJson } from '../db/connect';
import { type Tx, withTenant } from '../db/tenant';
import { conflict } from '../shared/errors';
import { newId, type TenantId } from '../shared/ids';
import { findOpenInvitation } from './find-by-token';
import { unknownInvitation } from './invitation-state';
import { isAwaitingPassword } from './invitee-account';
import { parseInvitationToken } from './token';

export interface AcceptInput {
  token: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * Take up an invitation (public: whoever holds the link): the invitee's password is set, the
 * account switched on, the link used up, and the invitee signed in as after a sign-in with a
 * password (the same session cookie and CSRF token). Two tabs accepting at once: one wins, the
 * other gets 409 and changes nothing.
 */
export async function acceptInvitation(
  db: Db,
  input: AcceptInput,
  opts: { now: number; scrypt?: ScryptParams },
): Promise<LoginResult> {
  const parsed = parseInvitationToken(input.token);
  if (!parsed) throw unknownInvitation();
  const { tenantId, tokenHash } = parsed;
  const { now } = opts;
  // Check the link before spending a password hash on it, and hash outside the transaction.
  await withTenant(db, tenantId, (tx) => findOpenInvitation(tx, tenantId, tokenHash, now));
  const passwordHash = await hashPassword(input.password, opts.scrypt);
  const result = await withTenant(db, tenantId, async (tx) => {
    const row = await findOpenInvitation(tx, tenantId, tokenHash, now);
    if (!isAwaitingPassword(row)) throw conflict('this account already has a password: sign in instead');
    const taken = await tx
      .updateTable('invitations')
      .set({ used_at: now })
      .where('tenant_id', '=', tenantId)
      .where('invitation_id', '=', row.invitation_id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const activated = await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, active: 1, failed_logins: 0, locked_until: null, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', row.user_id)
      .where('active', '=', 0)
      .executeTakeFirst();
    // A concurrent acceptance got there first (its transaction committed after our read).
    if (Number(taken.numUpdatedRows) !== 1 || Number(activated.numUpdatedRows) !== 1)
      throw conflict('this invitation link was already used');
    const session = await openSession(tx, tenantId, row.user_id, input, now);
    await audit(tx, tenantId, row, input, now, {
      action: 'invitation.accept',
      patientId: row.patient_id,
      entity: 'invitation',
      entityId: row.invitation_id,
    });
    await audit(tx, tenantId, row, input, now, {
      action: 'auth.login',
      patientId: null,
      entity: 'user',
      entityId: row.user_id,
    });
    return { session, row };
  });
  const { row, session } = result;
  return {
    ...session,
    user: {
      id: row.user_id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      tenantId,
      patientId: row.patient_id,
    },
  };
}

function audit(
  tx: Tx,
  tenantId: TenantId,
  row: { user_id: string; role: string },
  input: AcceptInput,
  now: number,
  entry: { action: string; patientId: string | null; entity: string; entityId: string },
) {
  return tx
    .insertInto('audit_log')
    .values({
      tenant_id: tenantId,
      audit_id: newId(now),
      at: now,
      actor_user_id: row.user_id,
      actor_role: row.role,
      via: 'invitation',
      action: entry.action,
      patient_id: entry.patientId,
      entity: entry.entity,
      entity_id: entry.entityId,
      ip: input.ip,
      request_id: input.requestId,
      detail: writeJson({}),
    })
    .execute();
}
