import { readTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { type InvitationView, invitationsWithInvitee, invitationView } from './views';

/** The latest invitation of each staff member invited by mail, newest first. */
export async function listStaffInvitations(ctx: UseCaseContext): Promise<InvitationView[]> {
  const tenantId = ctx.actor.tenantId;
  const rows = await readTenant(ctx.db, tenantId, (tx) =>
    invitationsWithInvitee(tx, tenantId)
      .where('u.role', '!=', 'patient')
      .orderBy('i.created_at', 'desc')
      .orderBy('i.invitation_id', 'desc')
      .limit(500)
      .execute(),
  );
  const seen = new Set<string>();
  const latest: InvitationView[] = [];
  for (const r of rows) {
    if (seen.has(r.user_id)) continue;
    seen.add(r.user_id);
    latest.push(invitationView(r, ctx.now));
  }
  return latest;
}
