import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { DomainError, unauthorized } from '../shared/errors';
import { type EpochMs, newId, type TenantId } from '../shared/ids';
import { SESSION_TTL_MS, sessionCookieValue } from './authenticate';
import { hashPassword, type ScryptParams, verifyPassword } from './passwords';
import { newSecret, sha256 } from './secrets';

export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
}
export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

export interface LoginResult {
  cookie: string;
  csrfToken: string;
  expiresAt: number;
  user: {
    id: string;
    email: string;
    displayName: string;
    role: string;
    tenantId: string;
    patientId: string | null;
  };
}

let dummyHash: Promise<string> | null = null;

/**
 * A server-side session for a user whose credentials were just proven (a password, an accepted
 * invitation): the cookie value to set and the CSRF token for writes.
 */
export async function openSession(
  tx: import('../db/tenant').Tx,
  tenantId: TenantId,
  userId: string,
  from: { ip: string | null; userAgent: string | null },
  now: number,
): Promise<Pick<LoginResult, 'cookie' | 'csrfToken' | 'expiresAt'>> {
  const secret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = now + SESSION_TTL_MS;
  await tx
    .insertInto('auth_sessions')
    .values({
      tenant_id: tenantId,
      session_id: sha256(secret),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
      ip: from.ip,
      user_agent: from.userAgent?.slice(0, 300) ?? null,
      revoked_at: null,
    })
    .execute();
  return { cookie: sessionCookieValue(tenantId, secret), csrfToken, expiresAt };
}

/**
 * Check e-mail and password, lock the account after repeated failures, open a server-side
 * session. The same answer for an unknown e-mail and a wrong password.
 */
export async function logIn(
  db: import('../db/connect').Db,
  input: {
    email: string;
    password: string;
    ip: string | null;
    userAgent: string | null;
    requestId: string | null;
  },
  opts: { now: EpochMs; lockout: LockoutPolicy; scrypt?: ScryptParams },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const entry = await db.kysely
    .selectFrom('login_directory')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  const bad = unauthorized('e-mail or password is wrong');
  if (!entry) {
    // Spend the same time as a real check, so that timing does not reveal which e-mails exist.
    dummyHash ??= hashPassword('not a password', opts.scrypt);
    await verifyPassword(input.password, await dummyHash);
    throw bad;
  }
  const tenantId = entry.tenant_id as TenantId;
  const { now } = opts;
  const audit = (tx: import('../db/tenant').Tx, action: string, detail: Record<string, unknown> = {}) =>
    tx
      .insertInto('audit_log')
      .values({
        tenant_id: tenantId,
        audit_id: newId(now),
        at: now,
        actor_user_id: entry.user_id,
        actor_role: null,
        via: 'password',
        action,
        patient_id: null,
        entity: 'user',
        entity_id: entry.user_id,
        ip: input.ip,
        request_id: input.requestId,
        detail: writeJson(detail),
      })
      .execute();

  const user = await withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', entry.user_id)
      .executeTakeFirst(),
  );
  if (user?.active !== 1) throw bad;
  if (user.locked_until !== null && user.locked_until > now) {
    await withTenant(db, tenantId, (tx) => audit(tx, 'auth.login_locked'));
    throw new DomainError(
      429,
      'account-locked',
      'Account locked',
      'too many failed sign-ins; try again later',
      {
        retryAfterSeconds: Math.ceil((user.locked_until - now) / 1000),
      },
    );
  }
  // Hash outside any transaction: a slow scrypt must not hold the database.
  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok) {
    await withTenant(db, tenantId, async (tx) => {
      const updated = await tx
        .updateTable('users')
        .set((eb) => ({
          failed_logins: eb('failed_logins', '+', 1),
          locked_until: eb
            .case()
            .when('failed_logins', '>=', opts.lockout.maxFailures - 1)
            .then(now + opts.lockout.lockMs)
            .else(eb.ref('locked_until'))
            .end(),
          updated_at: now,
        }))
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', user.user_id)
        .returning(['failed_logins', 'locked_until'])
        .executeTakeFirst();
      await audit(tx, 'auth.login_failed', { failures: updated?.failed_logins ?? null });
    });
    throw bad;
  }
  const session = await withTenant(db, tenantId, async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', user.user_id)
      .execute();
    const opened = await openSession(tx, tenantId, user.user_id, input, now);
    await audit(tx, 'auth.login');
    return opened;
  });
  return {
    ...session,
    user: {
      id: user.user_id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      tenantId,
      patientId: user.patient_id,
    },
  };
}
