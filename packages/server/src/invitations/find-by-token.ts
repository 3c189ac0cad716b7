import type { Tx } from '../db/tenant';
import type { TenantId } from '../shared/ids';
import { closedInvitation, invitationState, unknownInvitation } from './invitation-state';

/**
 * The open invitation a link names, with its invitee and clinic; otherwise the problem that
 * says why not (unknown 404, used 409, expired or replaced 410).
 */
export async function findOpenInvitation(tx: Tx, tenantId: TenantId, tokenHash: string, now: number) {
  const row = await tx
    .selectFrom('invitations as i')
    .innerJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.user_id', '=', 'i.user_id'),
    )
    .innerJoin('tenants as c', 'c.tenant_id', 'i.tenant_id')
    .where('i.tenant_id', '=', tenantId)
    .where('i.token_hash', '=', tokenHash)
    .select([
      'i.invitation_id',
      'i.expires_at',
      'i.used_at',
      'i.revoked_at',
      'u.user_id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.patient_id',
      'u.active',
      'u.password_hash',
      'c.name as clinic_name',
    ])
    .executeTakeFirst();
  if (!row) throw unknownInvitation();
  const state = invitationState(row, now);
  if (state !== 'open') throw closedInvitation(state, row.clinic_name);
  return row;
}
