import type { Role } from '../auth/permissions';
import type { Tx } from '../db/tenant';
import type { TenantId } from '../shared/ids';
import { type InvitationState, invitationState } from './invitation-state';

export interface InvitationView {
  id: string;
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  sentAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  replacedAt: number | null;
  state: InvitationState;
}

/** Invitations with their invitee, for the staff's views of them. */
export function invitationsWithInvitee(tx: Tx, tenantId: TenantId) {
  return tx
    .selectFrom('invitations as i')
    .innerJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.user_id', '=', 'i.user_id'),
    )
    .where('i.tenant_id', '=', tenantId)
    .select([
      'i.invitation_id',
      'i.user_id',
      'i.created_at',
      'i.expires_at',
      'i.used_at',
      'i.revoked_at',
      'u.email',
      'u.display_name',
      'u.role',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof invitationsWithInvitee>['executeTakeFirstOrThrow']>>;

export function invitationView(r: Row, now: number): InvitationView {
  return {
    id: r.invitation_id,
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name,
    role: r.role as Role,
    sentAt: r.created_at,
    expiresAt: r.expires_at,
    acceptedAt: r.used_at,
    replacedAt: r.revoked_at,
    state: invitationState(r, now),
  };
}

export async function loadInvitationView(
  tx: Tx,
  tenantId: TenantId,
  invitationId: string,
  now: number,
): Promise<InvitationView> {
  const row = await invitationsWithInvitee(tx, tenantId)
    .where('i.invitation_id', '=', invitationId)
    .executeTakeFirstOrThrow();
  return invitationView(row, now);
}
