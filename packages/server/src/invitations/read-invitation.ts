import type { Db } from '../db/connect';
import { readTenant } from '../db/tenant';
import { findOpenInvitation } from './find-by-token';
import { unknownInvitation } from './invitation-state';
import { parseInvitationToken } from './token';

export interface InvitationPreview {
  clinic: { name: string };
  invitee: { displayName: string; email: string };
  expiresAt: number;
}

/**
 * What an invitation link shows before a password is chosen (public: whoever holds the link):
 * the clinic's name, the invitee's name and e-mail, and until when it works. Nothing else.
 */
export async function readInvitation(db: Db, token: string, now: number): Promise<InvitationPreview> {
  const parsed = parseInvitationToken(token);
  if (!parsed) throw unknownInvitation();
  const row = await readTenant(db, parsed.tenantId, (tx) =>
    findOpenInvitation(tx, parsed.tenantId, parsed.tokenHash, now),
  );
  return {
    clinic: { name: row.clinic_name },
    invitee: { displayName: row.display_name, email: row.email },
    expiresAt: row.expires_at,
  };
}
