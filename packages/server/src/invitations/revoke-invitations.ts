import type { Tx } from '../db/tenant';
import type { TenantId } from '../shared/ids';

/**
 * Stop every open link to one person, in the caller's transaction: a newer invitation replaces
 * them, and switching the account off withdraws them (a revoked link answers 410, like a replaced
 * one). Returns how many were open.
 */
export async function revokeOpenInvitations(
  tx: Tx,
  tenantId: TenantId,
  userId: string,
  now: number,
): Promise<number> {
  const revoked = await tx
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(revoked.numUpdatedRows);
}
