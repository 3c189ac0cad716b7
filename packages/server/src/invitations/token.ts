import { newSecret, sha256 } from '../auth/secrets';
import { ID_PATTERN, type TenantId } from '../shared/ids';

// An invitation link carries `{clinic id}_{secret}`: the clinic id says which clinic's table to
// look in (as the session cookie does), the secret's SHA-256 names the invitation inside it.
// The secret (32 random bytes) is never stored. No dot: the web server takes a last path segment
// with a dot for a file.

const UUID = ID_PATTERN.source.slice(1, -1);
const TOKEN_RE = new RegExp(`^(${UUID})_([A-Za-z0-9_-]{43})$`);

/** How long a link works: a week, time enough to find the mail after a weekend. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The password an invited account has until the invitee chooses one: no password matches it. */
export const INVITED_PASSWORD = 'invited';

export function newInvitationToken(tenantId: TenantId): { token: string; tokenHash: string } {
  const secret = newSecret();
  return { token: `${tenantId}_${secret}`, tokenHash: sha256(secret) };
}

/** The clinic and the stored hash a link names, or null for anything that is not a link. */
export function parseInvitationToken(token: string): { tenantId: TenantId; tokenHash: string } | null {
  const m = TOKEN_RE.exec(token);
  if (!m) return null;
  return { tenantId: m[1] as TenantId, tokenHash: sha256(m[2]!) };
}

/** `{base}/invite/{token}`, the page the web app shows for it. */
export function invitationLink(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/invite/${encodeURIComponent(token)}`;
}
