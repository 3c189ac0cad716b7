import { recordAudit } from '../audit/record-audit';
import type { STAFF_ROLES } from '../auth/permissions';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict, forbidden, notFound } from '../shared/errors';
import { createInvitedAccount, isAwaitingPassword } from './invitee-account';
import { issueInvitation } from './issue-invitation';
import { type InvitationView, loadInvitationView } from './views';

export interface StaffInvitationInput {
  email: string;
  displayName: string;
  role: (typeof STAFF_ROLES)[number];
  locationId?: string;
}

/**
 * Invite a staff member by mail: their account is created with its role and no password (or, if
 * an earlier invitation is still waiting, updated and sent again), and the invitee chooses the
 * password through the link. Only an owner may invite an owner.
 */
export async function inviteStaffMember(
  ctx: UseCaseContext,
  input: StaffInvitationInput,
  opts: { publicBaseUrl: string; ttlMs?: number },
): Promise<InvitationView> {
  if (input.role === 'owner' && ctx.actor.role !== 'owner')
    throw forbidden('only an owner may invite an owner');
  const tenantId = ctx.actor.tenantId;
  const email = input.email.trim().toLowerCase();
  return withTenant(ctx.db, tenantId, async (tx) => {
    if (input.locationId) {
      const l = await tx
        .selectFrom('locations')
        .select('location_id')
        .where('tenant_id', '=', tenantId)
        .where('location_id', '=', input.locationId)
        .executeTakeFirst();
      if (!l) throw notFound('location');
    }
    const existing = await tx
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('email', '=', email)
      .executeTakeFirst();
    let userId: string;
    if (!existing) {
      const created = await createInvitedAccount(
        tx,
        tenantId,
        { email, displayName: input.displayName, role: input.role, locationId: input.locationId ?? null },
        ctx.now,
      );
      userId = created.user_id;
    } else {
      if (existing.role === 'patient' || !isAwaitingPassword(existing))
        throw conflict('this e-mail already has a sign-in at the clinic', {
          errors: [{ path: 'body.email', message: 'already has a sign-in' }],
        });
      if (existing.role === 'owner' && ctx.actor.role !== 'owner')
        throw forbidden('only an owner may invite an owner');
      await tx
        .updateTable('users')
        .set({
          display_name: input.displayName,
          role: input.role,
          location_id: input.locationId ?? null,
          updated_at: ctx.now,
        })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', existing.user_id)
        .execute();
      userId = existing.user_id;
    }
    const issued = await issueInvitation(
      tx,
      ctx,
      { userId, email, displayName: input.displayName, kind: 'staff' },
      opts,
    );
    await recordAudit(tx, ctx, {
      action: 'invitation.send',
      patientId: null,
      entity: 'invitation',
      entityId: issued.invitationId,
      detail: { userId, role: input.role, accountCreated: !existing, replaced: issued.replaced },
    });
    return loadInvitationView(tx, tenantId, issued.invitationId, ctx.now);
  });
}
