import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORDS_TABLES as BASE_TABLES } from '../../src/db/migrations/0010_records';
import { EXPOSURE_TABLES } from '../../src/db/migrations/0022_records_exposure';
import { withTenant } from '../../src/db/tenant';
import type { TenantId } from '../../src/shared/ids';
import { seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import { recordsFixture } from '../helpers/records-routes';

const RECORDS_TABLES = [...BASE_TABLES, ...EXPOSURE_TABLES, 'course_progress'] as const;

describe.each(engines)('records storage on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('every records table leads its primary key and every index with tenant_id', async () => {
    for (const table of RECORDS_TABLES) {
      let pk: string | undefined;
      let firsts: string[];
      if (engine === 'sqlite') {
        const cols = await sql<{
          name: string;
          pk: number;
        }>`select name, pk from pragma_table_info(${table})`.execute(t.db.kysely);
        pk = cols.rows.find((c) => c.pk === 1)?.name;
        const idx = await sql<{ first: string }>`
          select (select name from pragma_index_info(il.name) where seqno = 0) as first
          from pragma_index_list(${table}) il`.execute(t.db.kysely);
        firsts = idx.rows.map((x) => x.first);
      } else {
        const r = await sql<{ first: string; primary: boolean }>`
          select a.attname as first, i.indisprimary as primary from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
          where i.indrelid = ${table}::regclass`.execute(t.db.kysely);
        pk = r.rows.find((x) => x.primary)?.first;
        firsts = r.rows.map((x) => x.first);
      }
      expect(pk, table).toBe('tenant_id');
      for (const f of firsts) expect(f, table).toBe('tenant_id');
    }
  });

  it.runIf(engine === 'postgres')('row-level security keeps each clinic to its own records', async () => {
    const app = await testApp(t.db);
    try {
      const a = await seedClinic(t.db, 'RLS A');
      const b = await seedClinic(t.db, 'RLS B');
      await recordsFixture(await signIn(app, a.emails.owner));
      for (const table of RECORDS_TABLES) {
        const r = await sql<{
          enabled: boolean;
        }>`select relrowsecurity as enabled from pg_class where oid = ${table}::regclass`.execute(
          t.db.kysely,
        );
        expect(r.rows[0]?.enabled, table).toBe(true);
      }
      // No tenant filter in the query: only the policy stands between B and A's rows.
      const seen = await withTenant(t.db, b.tenantId as TenantId, async (tx) => {
        const counts: Record<string, number> = {};
        for (const table of [
          'treatment_sessions',
          'chart_versions',
          'photos',
          'adverse_events',
          'alerts',
          'session_lots',
          'lot_exposure',
          'course_progress',
        ] as const) {
          const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(tx);
          counts[table] = Number(r.rows[0]?.n);
        }
        return counts;
      });
      expect(Object.values(seen)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
      const own = await withTenant(t.db, a.tenantId as TenantId, async (tx) => {
        const r = await sql<{ n: number }>`select count(*) as n from treatment_sessions`.execute(tx);
        return Number(r.rows[0]?.n);
      });
      expect(own).toBe(1);
    } finally {
      await app.close();
    }
  });
});
