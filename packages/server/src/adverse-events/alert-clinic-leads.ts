import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';

export interface ClinicAlert {
  kind: string;
  patientId: string | null;
  entity: string;
  entityId: string;
  title: string;
  /** In the app (behind sign-in): may name the patient. */
  body: string;
  /** By e-mail (leaves the clinic's systems): no patient name, only what to open. */
  mailBody: string;
}

/**
 * Alert every active owner and admin of the clinic at once: an alert row each (shown in the app)
 * and a mail in the outbox each, written in the same transaction as the event that caused it.
 */
export async function alertClinicLeads(tx: Tx, ctx: UseCaseContext, alert: ClinicAlert): Promise<number> {
  const leads = await tx
    .selectFrom('users')
    .select(['user_id', 'email'])
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('role', 'in', ['owner', 'admin'])
    .where('active', '=', 1)
    .orderBy('user_id')
    .execute();
  if (leads.length === 0) return 0;
  await tx
    .insertInto('alerts')
    .values(
      leads.map((u) => ({
        tenant_id: ctx.actor.tenantId,
        alert_id: newId(ctx.now),
        user_id: u.user_id,
        kind: alert.kind,
        patient_id: alert.patientId,
        entity: alert.entity,
        entity_id: alert.entityId,
        title: alert.title,
        body: alert.body,
        created_at: ctx.now,
        read_at: null,
      })),
    )
    .execute();
  await tx
    .insertInto('mail_outbox')
    .values(
      leads.map((u) => ({
        tenant_id: ctx.actor.tenantId,
        message_id: newId(ctx.now),
        to_address: u.email,
        subject: `[Exoclinic] ${alert.title}`,
        body: alert.mailBody,
        entity: alert.entity,
        entity_id: alert.entityId,
        created_at: ctx.now,
        attempts: 0,
        sent_at: null,
        last_error: null,
      })),
    )
    .execute();
  return leads.length;
}
