import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRow, commitReadAudits } from '../../src/audit/audit-reads';
import { newId } from '../../src/shared/ids';
import { seedClinic } from '../helpers/clinic';
import { createTestDatabase, type TestDatabase } from '../helpers/engines';

// SQLite: read-audit rows are committed in batches without waiting for the disk (synchronous =
// NORMAL for that commit only); the connection's own setting (FULL: clinical records survive a
// power cut) holds again straight after. A trigger records the setting each row was written under.

describe('read-audit group commit on sqlite', () => {
  let t: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    tenantId = (await seedClinic(t.db, 'Audit commit clinic')).tenantId;
    const handle = t.db.sqlite!;
    handle.exec('create temp table synchronous_seen (level integer not null)');
    handle.exec(`create temp trigger audit_sync_seen after insert on main.audit_log begin
      insert into synchronous_seen select synchronous from pragma_synchronous(); end`);
  });
  afterAll(async () => {
    await t.drop();
  });

  const row = (i: number): AuditRow => ({
    tenant_id: tenantId,
    audit_id: newId(),
    at: 1_800_000_000_000 + i,
    actor_user_id: null,
    actor_role: 'owner',
    via: 'session',
    action: 'plan.read',
    patient_id: null,
    entity: 'plan',
    entity_id: null,
    ip: '127.0.0.1',
    request_id: `req-${i}`,
    detail: '{}',
  });

  it('writes every row of the batches under NORMAL and leaves the connection at FULL', async () => {
    const handle = t.db.sqlite!;
    expect(handle.pragma('synchronous', { simple: true })).toBe(2);
    await Promise.all([commitReadAudits(t.db, [row(1), row(2)]), commitReadAudits(t.db, [row(3)])]);
    await commitReadAudits(t.db, [row(4)]);
    const seen = handle.prepare('select level from synchronous_seen').pluck().all();
    expect(seen).toEqual([1, 1, 1, 1]);
    expect(handle.pragma('synchronous', { simple: true })).toBe(2);
    const stored = await t.db.kysely
      .selectFrom('audit_log')
      .select('request_id')
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'plan.read')
      .orderBy('at')
      .execute();
    expect(stored.map((r) => r.request_id)).toEqual(['req-1', 'req-2', 'req-3', 'req-4']);
  });
});
