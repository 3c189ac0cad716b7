import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { revokeOpenInvitations } from './revoke-invitations';
import { INVITATION_TTL_MS, invitationLink, newInvitationToken } from './token';

export interface Invitee {
  userId: string;
  email: string;
  displayName: string;
  /** What the account opens: the patient portal, or the staff workspace. */
  kind: 'patient' | 'staff';
}

export interface IssuedInvitation {
  invitationId: string;
  expiresAt: number;
  /** Older open invitations to the same person, now replaced. */
  replaced: number;
}

const LOCALE: Record<string, string> = { US: 'en-US', KR: 'ko-KR', EU: 'en-IE', UK: 'en-GB' };

/**
 * A new invitation for an account that has no password yet: older open links to the same person
 * stop working, and the mail with the new link waits in the outbox, all in the caller's
 * transaction. The outbox row is marked to lose its body once delivered.
 */
export async function issueInvitation(
  tx: Tx,
  ctx: UseCaseContext,
  invitee: Invitee,
  opts: { publicBaseUrl: string; ttlMs?: number },
): Promise<IssuedInvitation> {
  const tenantId = ctx.actor.tenantId;
  const replaced = await revokeOpenInvitations(tx, tenantId, invitee.userId, ctx.now);
  const clinic = await tx
    .selectFrom('tenants')
    .select(['name', 'jurisdiction', 'time_zone'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  const { token, tokenHash } = newInvitationToken(tenantId);
  const invitationId = newId(ctx.now);
  const expiresAt = ctx.now + (opts.ttlMs ?? INVITATION_TTL_MS);
  await tx
    .insertInto('invitations')
    .values({
      tenant_id: tenantId,
      invitation_id: invitationId,
      user_id: invitee.userId,
      token_hash: tokenHash,
      expires_at: expiresAt,
      used_at: null,
      revoked_at: null,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    })
    .execute();
  const until = new Intl.DateTimeFormat(LOCALE[clinic.jurisdiction] ?? 'en-US', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: clinic.time_zone,
  }).format(expiresAt);
  const opens =
    invitee.kind === 'patient'
      ? 'the patient portal, where you can read your treatment plan and aftercare advice and tell the clinic how you are doing'
      : 'Exoclinic, the system the clinic team works in';
  await tx
    .insertInto('mail_outbox')
    .values({
      tenant_id: tenantId,
      message_id: newId(ctx.now),
      to_address: invitee.email,
      subject: `[Exoclinic] ${clinic.name} invites you to sign in`,
      body: [
        `Hello ${invitee.displayName},`,
        '',
        `${clinic.name} invites you to ${opens}.`,
        '',
        'Open this link to choose your password:',
        invitationLink(opts.publicBaseUrl, token),
        '',
        `The link works once, until ${until}. If you did not expect this message, you can ignore it; nothing happens until the link is used.`,
      ].join('\n'),
      entity: 'invitation',
      entity_id: invitationId,
      created_at: ctx.now,
      attempts: 0,
      sent_at: null,
      last_error: null,
      scrub_after_send: 1,
    })
    .execute();
  return { invitationId, expiresAt, replaced };
}
