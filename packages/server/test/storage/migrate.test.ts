import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate';
import { TENANT_TABLES } from '../../src/db/schema';
import { withTenant } from '../../src/db/tenant';
import { newId, type TenantId } from '../../src/shared/ids';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';

describe.each(engines)('storage on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t.drop();
  });

  const tenant = (name: string) => ({
    tenant_id: newId(),
    name,
    jurisdiction: 'US',
    currency: 'USD',
    time_zone: 'America/New_York',
    policy: '{}',
    created_at: Date.now(),
  });

  it('migrating again is a no-op', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it('every clinic table has tenant_id first in its primary key', async () => {
    for (const table of TENANT_TABLES) {
      let first: string | undefined;
      if (engine === 'sqlite') {
        const r = await sql<{
          name: string;
          pk: number;
        }>`select name, pk from pragma_table_info(${table})`.execute(t.db.kysely);
        first = r.rows.find((c) => c.pk === 1)?.name;
      } else {
        const r = await sql<{ col: string }>`
          select a.attname as col from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
          where i.indrelid = ${table}::regclass and i.indisprimary`.execute(t.db.kysely);
        first = r.rows[0]?.col;
      }
      expect(first, table).toBe('tenant_id');
    }
  });

  it('every index of a clinic table starts with tenant_id', async () => {
    for (const table of TENANT_TABLES) {
      let firsts: string[];
      if (engine === 'sqlite') {
        const r = await sql<{ first: string }>`
          select (select name from pragma_index_info(il.name) where seqno = 0) as first
          from pragma_index_list(${table}) il`.execute(t.db.kysely);
        firsts = r.rows.map((x) => x.first);
      } else {
        const r = await sql<{ first: string }>`
          select a.attname as first from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
          where i.indrelid = ${table}::regclass`.execute(t.db.kysely);
        firsts = r.rows.map((x) => x.first);
      }
      expect(firsts.length, table).toBeGreaterThan(0);
      for (const f of firsts) expect(f, table).toBe('tenant_id');
    }
  });

  it('the audit log refuses update and delete', async () => {
    const row = tenant('Audit clinic');
    await withTenant(t.db, row.tenant_id as TenantId, async (tx) => {
      await tx.insertInto('tenants').values(row).execute();
      await tx
        .insertInto('audit_log')
        .values({ tenant_id: row.tenant_id, audit_id: newId(), at: Date.now(), action: 'test', detail: '{}' })
        .execute();
    });
    // Even the owning login, outside any tenant transaction, cannot rewrite history.
    await expect(t.db.kysely.updateTable('audit_log').set({ action: 'changed' }).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    const count = await t.db.kysely
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('a check constraint rejects an unknown role', async () => {
    const row = tenant('Check clinic');
    await expect(
      withTenant(t.db, row.tenant_id as TenantId, async (tx) => {
        await tx.insertInto('tenants').values(row).execute();
        await tx
          .insertInto('users')
          .values({
            tenant_id: row.tenant_id,
            user_id: newId(),
            email: 'x@example.org',
            display_name: 'X',
            role: 'superhero',
            password_hash: 'x',
            patient_id: null,
            location_id: null,
            active: 1,
            failed_logins: 0,
            locked_until: null,
            created_at: 0,
            updated_at: 0,
          })
          .execute();
      }),
    ).rejects.toThrow();
    // The failed transaction left nothing behind.
    const left = await t.db.kysely
      .selectFrom('tenants')
      .where('tenant_id', '=', row.tenant_id)
      .selectAll()
      .execute();
    expect(left).toEqual([]);
  });

  it.runIf(engine === 'postgres')(
    'row-level security hides other clinics inside a tenant transaction',
    async () => {
      expect(t.db.rlsRole).toBe('exoclinic_app');
      const a = tenant('A');
      const b = tenant('B');
      await withTenant(t.db, a.tenant_id as TenantId, (tx) => tx.insertInto('tenants').values(a).execute());
      await withTenant(t.db, b.tenant_id as TenantId, (tx) => tx.insertInto('tenants').values(b).execute());
      // No tenant filter in the query: the database alone keeps B out of A's transaction.
      const seen = await withTenant(t.db, a.tenant_id as TenantId, (tx) =>
        tx.selectFrom('tenants').select('tenant_id').execute(),
      );
      expect(seen.map((r) => r.tenant_id)).toEqual([a.tenant_id]);
      await expect(
        withTenant(t.db, a.tenant_id as TenantId, (tx) =>
          tx.insertInto('tenants').values(tenant('C')).execute(),
        ),
      ).rejects.toThrow(/row-level security/);
    },
  );
});
