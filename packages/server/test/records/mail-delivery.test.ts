import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailDelivery } from '../../src/adverse-events/start-mail-delivery';
import { newId } from '../../src/shared/ids';
import { type SeededClinic, seedClinic } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { smtpSink } from '../helpers/smtp';

describe.each(engines)('mail delivery while the server runs, on %s', (engine) => {
  let t: TestDatabase;
  let clinic: SeededClinic;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    clinic = await seedClinic(t.db, 'Mail clinic');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('sends pending alerts through a real SMTP server on its timer and marks them sent', async () => {
    const sink = await smtpSink();
    const messageId = newId();
    await t.db.kysely
      .insertInto('mail_outbox')
      .values({
        tenant_id: clinic.tenantId,
        message_id: messageId,
        to_address: clinic.emails.owner,
        subject: '[Exoclinic] Serious adverse event reported',
        body: `Open the alert ${messageId} in Exoclinic.`,
        entity: 'adverse-event',
        entity_id: null,
        created_at: Date.now(),
        attempts: 0,
        sent_at: null,
        last_error: null,
      })
      .execute();
    const stop = startMailDelivery(t.db, {
      smtpUrl: `smtp://127.0.0.1:${sink.port}`,
      from: 'alerts@clinic.example',
      everyMs: 50,
      now: Date.now,
    });
    try {
      const deadline = Date.now() + 10_000;
      while (!sink.received.some((m) => m.raw.includes(messageId)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const mail = sink.received.filter((m) => m.raw.includes(messageId));
      expect(mail.map((m) => m.to)).toEqual([[clinic.emails.owner]]);
      expect(mail[0]!.raw).toMatch(/Subject: \[Exoclinic\] Serious adverse event reported/);
    } finally {
      await stop();
      await sink.close();
    }
    const row = await t.db.kysely
      .selectFrom('mail_outbox')
      .select(['sent_at', 'attempts'])
      .where('tenant_id', '=', clinic.tenantId)
      .where('message_id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(1);
  });
});
