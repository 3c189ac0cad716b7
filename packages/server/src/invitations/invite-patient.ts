import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict, notFound, unprocessable } from '../shared/errors';
import { createInvitedAccount, isAwaitingPassword, moveInvitedEmail } from './invitee-account';
import { issueInvitation } from './issue-invitation';
import { type InvitationView, loadInvitationView } from './views';

/**
 * Invite a patient to the portal by mail: their portal account is created (or, while it still
 * waits for a password, kept) with the patient's e-mail, older links stop working, and the mail
 * with the new link is queued. A patient without an e-mail, or whose account is already in use,
 * is refused.
 */
export async function invitePatient(
  ctx: UseCaseContext,
  patientId: string,
  opts: { publicBaseUrl: string; ttlMs?: number },
): Promise<InvitationView> {
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    const patient = await tx
      .selectFrom('patients')
      .select(['patient_id', 'given_name', 'family_name', 'email'])
      .where('tenant_id', '=', tenantId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    if (!patient) throw notFound('patient');
    if (!patient.email)
      throw unprocessable('the patient has no e-mail address to send the invitation to', [
        { path: 'patient.email', message: 'is required: add it to the profile first' },
      ]);
    const displayName = `${patient.given_name} ${patient.family_name}`;
    let account = await tx
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    let created = false;
    if (!account) {
      account = await createInvitedAccount(
        tx,
        tenantId,
        { email: patient.email, displayName, role: 'patient', patientId },
        ctx.now,
      );
      created = true;
    } else if (!isAwaitingPassword(account)) {
      throw conflict(
        account.active === 1
          ? 'the patient already signs in to the portal'
          : 'the portal account was switched off: a manager can switch it back on in Settings',
      );
    } else {
      await moveInvitedEmail(tx, tenantId, account, patient.email, ctx.now);
      if (account.display_name !== displayName)
        await tx
          .updateTable('users')
          .set({ display_name: displayName, updated_at: ctx.now })
          .where('tenant_id', '=', tenantId)
          .where('user_id', '=', account.user_id)
          .execute();
    }
    const issued = await issueInvitation(
      tx,
      ctx,
      { userId: account.user_id, email: patient.email, displayName, kind: 'patient' },
      opts,
    );
    await recordAudit(tx, ctx, {
      action: 'invitation.send',
      patientId,
      entity: 'invitation',
      entityId: issued.invitationId,
      detail: { userId: account.user_id, accountCreated: created, replaced: issued.replaced },
    });
    return loadInvitationView(tx, tenantId, issued.invitationId, ctx.now);
  });
}
