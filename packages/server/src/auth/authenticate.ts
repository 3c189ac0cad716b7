import type { Db } from '../db/connect';
import { readJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { ID_PATTERN, type PatientId, type TenantId, type UserId } from '../shared/ids';
import type { Actor } from './actor';
import { forgetCredential, rememberCredential } from './credential-cache';
import { isPermission, type Permission, type Role } from './permissions';
import { sameSecret, sha256 } from './secrets';

export const SESSION_COOKIE = 'exo_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Only touch a session row when it is this stale: reads stay reads. */
const SESSION_TOUCH_MS = 5 * 60 * 1000;

const UUID = ID_PATTERN.source.slice(1, -1);
const COOKIE_RE = new RegExp(`^(${UUID})\\.([A-Za-z0-9_-]{43})$`);
const TOKEN_RE = new RegExp(`^exo_(${UUID})_(${UUID})_([A-Za-z0-9_-]{43})$`);

export const sessionCookieValue = (tenantId: string, secret: string) => `${tenantId}.${secret}`;
export const tokenValue = (tenantId: string, tokenId: string, secret: string) =>
  `exo_${tenantId}_${tokenId}_${secret}`;

type UserRow = {
  user_id: string;
  role: string;
  email: string;
  display_name: string;
  patient_id: string | null;
  active: number;
};

function actorOf(tenantId: TenantId, u: UserRow, via: Actor['via']): Actor {
  return {
    tenantId,
    userId: u.user_id as UserId,
    role: u.role as Role,
    email: u.email,
    displayName: u.display_name,
    patientId: u.patient_id as PatientId | null,
    via,
    scopes: null,
    sessionId: null,
    tokenId: null,
  };
}

export interface SessionActor {
  actor: Actor;
  csrfToken: string;
  expiresAt: number;
}

/** The cookie's tenant names the clinic; the secret's hash names the session inside it. */
async function loadSessionActor(db: Db, cookie: string, now: number): Promise<SessionActor | null> {
  const m = COOKIE_RE.exec(cookie);
  if (!m) return null;
  const tenantId = m[1] as TenantId;
  const sessionId = sha256(m[2]!);
  return withTenant(db, tenantId, async (tx) => {
    const row = await tx
      .selectFrom('auth_sessions as s')
      .innerJoin('users as u', (j) =>
        j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.user_id', '=', 's.user_id'),
      )
      .where('s.tenant_id', '=', tenantId)
      .where('s.session_id', '=', sessionId)
      .select([
        's.csrf_token',
        's.expires_at',
        's.last_seen_at',
        's.revoked_at',
        'u.user_id',
        'u.role',
        'u.email',
        'u.display_name',
        'u.patient_id',
        'u.active',
      ])
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || row.expires_at <= now || row.active !== 1) return null;
    let expiresAt = row.expires_at;
    if (now - row.last_seen_at > SESSION_TOUCH_MS) {
      expiresAt = now + SESSION_TTL_MS;
      await tx
        .updateTable('auth_sessions')
        .set({ last_seen_at: now, expires_at: expiresAt })
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .execute();
    }
    const actor = actorOf(tenantId, row, 'session');
    actor.sessionId = sessionId;
    return { actor, csrfToken: row.csrf_token, expiresAt };
  });
}

async function loadBearerActor(db: Db, token: string, now: number): Promise<Actor | null> {
  const m = TOKEN_RE.exec(token);
  if (!m) return null;
  const tenantId = m[1] as TenantId;
  const tokenId = m[2]!;
  return withTenant(db, tenantId, async (tx) => {
    const row = await tx
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', (j) =>
        j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.user_id', '=', 't.user_id'),
      )
      .where('t.tenant_id', '=', tenantId)
      .where('t.token_id', '=', tokenId)
      .select([
        't.token_hash',
        't.scopes',
        't.expires_at',
        't.revoked_at',
        'u.user_id',
        'u.role',
        'u.email',
        'u.display_name',
        'u.patient_id',
        'u.active',
      ])
      .executeTakeFirst();
    if (!row || !sameSecret(row.token_hash, sha256(m[3]!))) return null;
    if (row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= now) || row.active !== 1)
      return null;
    const actor = actorOf(tenantId, row, 'token');
    actor.tokenId = tokenId;
    actor.scopes = readJson<string[]>(row.scopes).filter(isPermission) as Permission[];
    return actor;
  });
}

/** The signed-in session behind a cookie (remembered briefly: see credential-cache.ts). */
export async function actorFromSessionCookie(
  db: Db,
  cookie: string,
  now: number,
): Promise<SessionActor | null> {
  const found = await rememberCredential(
    db,
    `session:${cookie}`,
    now,
    () => loadSessionActor(db, cookie, now),
    (s) => [s.actor.sessionId, s.actor.userId],
    (s) => s.expiresAt,
  );
  // Each request gets its own actor object: nothing a request does leaks into the next one.
  return found ? { ...found, actor: { ...found.actor } } : null;
}

/** The user behind a bearer token (remembered briefly: see credential-cache.ts). */
export async function actorFromBearer(db: Db, token: string, now: number): Promise<Actor | null> {
  const actor = await rememberCredential(
    db,
    `bearer:${token}`,
    now,
    () => loadBearerActor(db, token, now),
    (a) => [a.tokenId, a.userId],
    () => null,
  );
  return actor ? { ...actor, scopes: actor.scopes ? [...actor.scopes] : null } : null;
}

/** Sign-out, revocation, deactivation: the next request of this session, token or user is looked up again. */
export function forgetSignIn(db: Db, sessionTokenOrUserId: string): void {
  forgetCredential(db, sessionTokenOrUserId);
}
