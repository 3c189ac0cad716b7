import type { Transporter } from 'nodemailer';
import type { Db } from '../db/connect';

/** What a delivered mail that held a one-time link keeps as its body. */
export const SENT_MAIL_BODY =
  '(This mail held a one-time link; the copy kept here was removed once it was sent.)';

export interface OutboxResult {
  sent: number;
  failed: number;
}

/**
 * Send pending mail (alerts to owners and admins) through a nodemailer transport. Runs outside any
 * tenant (a job over every clinic); each message is marked sent or its error kept for a retry.
 * At most `attempts` tries per message.
 */
export async function deliverOutbox(
  db: Db,
  transport: Transporter,
  opts: { from: string; now: () => number; limit?: number; maxAttempts?: number },
): Promise<OutboxResult> {
  const pending = await db.kysely
    .selectFrom('mail_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .where('attempts', '<', opts.maxAttempts ?? 5)
    .orderBy('created_at')
    .limit(opts.limit ?? 100)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const m of pending) {
    try {
      await transport.sendMail({ from: opts.from, to: m.to_address, subject: m.subject, text: m.body });
      await db.kysely
        .updateTable('mail_outbox')
        .set({
          sent_at: opts.now(),
          attempts: m.attempts + 1,
          last_error: null,
          // A one-time link (an invitation) must not outlive its delivery in the database.
          ...(m.scrub_after_send === 1 && { body: SENT_MAIL_BODY }),
        })
        .where('tenant_id', '=', m.tenant_id)
        .where('message_id', '=', m.message_id)
        .execute();
      sent++;
    } catch (e) {
      await db.kysely
        .updateTable('mail_outbox')
        .set({
          attempts: m.attempts + 1,
          last_error: (e instanceof Error ? e.message : String(e)).slice(0, 500),
        })
        .where('tenant_id', '=', m.tenant_id)
        .where('message_id', '=', m.message_id)
        .execute();
      failed++;
    }
  }
  return { sent, failed };
}
