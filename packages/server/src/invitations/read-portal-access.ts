import { recordAudit } from '../audit/record-audit';
import { readTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { isAwaitingPassword } from './invitee-account';
import { type InvitationView, invitationsWithInvitee, invitationView } from './views';

export interface PortalAccess {
  patientEmail: string | null;
  account: { id: string; email: string; status: 'invited' | 'active' | 'inactive' } | null;
  invitation: InvitationView | null;
}

/** Whether a patient can sign in to the portal, and their latest invitation: sent, expiry, accepted. */
export async function readPortalAccess(ctx: UseCaseContext, patientId: string): Promise<PortalAccess> {
  const tenantId = ctx.actor.tenantId;
  return readTenant(ctx.db, tenantId, async (tx) => {
    const patient = await tx
      .selectFrom('patients')
      .select(['email'])
      .where('tenant_id', '=', tenantId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!patient) throw notFound('patient');
    const account = await tx
      .selectFrom('users')
      .select(['user_id', 'email', 'active', 'password_hash'])
      .where('tenant_id', '=', tenantId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    const latest = account
      ? await invitationsWithInvitee(tx, tenantId)
          .where('i.user_id', '=', account.user_id)
          .orderBy('i.created_at', 'desc')
          .orderBy('i.invitation_id', 'desc')
          .executeTakeFirst()
      : undefined;
    await recordAudit(tx, ctx, {
      action: 'invitation.read',
      patientId,
      entity: 'patient',
      entityId: patientId,
    });
    return {
      patientEmail: patient.email,
      account: account
        ? {
            id: account.user_id,
            email: account.email,
            status: isAwaitingPassword(account) ? 'invited' : account.active === 1 ? 'active' : 'inactive',
          }
        : null,
      invitation: latest ? invitationView(latest, ctx.now) : null,
    };
  });
}
