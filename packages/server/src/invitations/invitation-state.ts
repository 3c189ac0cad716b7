import type { Selectable } from 'kysely';
import type { InvitationsTable } from '../db/invitations-schema';
import { DomainError, notFound } from '../shared/errors';

export const INVITATION_STATES = ['open', 'accepted', 'expired', 'replaced'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

type Row = Pick<Selectable<InvitationsTable>, 'used_at' | 'revoked_at' | 'expires_at'>;

export function invitationState(row: Row, now: number): InvitationState {
  if (row.used_at !== null) return 'accepted';
  if (row.revoked_at !== null) return 'replaced';
  return row.expires_at <= now ? 'expired' : 'open';
}

/**
 * The problem for a link that cannot be taken up: used 409, expired or replaced 410, unknown 404.
 * The clinic's name comes along so that the page can say whom to ask for a new link.
 */
export function closedInvitation(state: Exclude<InvitationState, 'open'>, clinicName: string): DomainError {
  if (state === 'accepted')
    return new DomainError(
      409,
      'invitation-used',
      'Invitation already used',
      'this invitation link was already used: sign in with the password chosen then',
      { clinicName },
    );
  if (state === 'replaced')
    return new DomainError(
      410,
      'invitation-replaced',
      'Invitation no longer valid',
      'the clinic sent a newer invitation or withdrew this one (for instance, the account was switched off): use the link in the latest e-mail, or ask the clinic',
      { clinicName },
    );
  return new DomainError(
    410,
    'invitation-expired',
    'Invitation expired',
    'this invitation link has expired: ask the clinic to send a new one',
    { clinicName },
  );
}

export const unknownInvitation = () => notFound('invitation');
