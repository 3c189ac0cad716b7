import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Tx, withTenant } from '../../src/db/tenant';
import { newId, type TenantId } from '../../src/shared/ids';
import { seedClinic } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';

// One use case, one transaction: what it wrote is gone when it fails, the failure is the use
// case's own, and on PostgreSQL the clinic's settings hold inside the transaction only.

describe.each(engines)('tenant transactions on %s', (engine) => {
  let t: TestDatabase;
  let tenantId: TenantId;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    tenantId = (await seedClinic(t.db, 'Transaction clinic')).tenantId as TenantId;
  });
  afterAll(async () => {
    await t.drop();
  });

  const locationNamed = (name: string) =>
    t.db.kysely
      .selectFrom('locations')
      .select('location_id')
      .where('tenant_id', '=', tenantId)
      .where('name', '=', name)
      .execute();

  const addLocation = (tx: Tx, name: string) =>
    tx
      .insertInto('locations')
      .values({
        tenant_id: tenantId,
        location_id: newId(),
        name,
        time_zone: 'UTC',
        address: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();

  it('keeps what it wrote when it succeeds and answers its result', async () => {
    const answer = await withTenant(t.db, tenantId, async (tx) => {
      await addLocation(tx, 'Kept site');
      return 42;
    });
    expect(answer).toBe(42);
    expect(await locationNamed('Kept site')).toHaveLength(1);
  });

  it('leaves nothing of a failed use case and rethrows its own error', async () => {
    const failure = new Error('the use case refused');
    await expect(
      withTenant(t.db, tenantId, async (tx) => {
        await addLocation(tx, 'Lost site');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await locationNamed('Lost site')).toHaveLength(0);
    // The connection is usable again straight after.
    expect(await withTenant(t.db, tenantId, async () => 'next')).toBe('next');
  });

  it.runIf(engine === 'postgres')('sets the clinic inside the transaction only', async () => {
    const inside = await withTenant(t.db, tenantId, async (tx) => {
      const r = await sql<{
        tenant: string;
      }>`select current_setting('app.tenant_id', true) as tenant`.execute(tx);
      return r.rows[0]!.tenant;
    });
    expect(inside).toBe(tenantId);
    // Every pooled connection is clean outside a tenant transaction.
    const outside = await Promise.all(
      Array.from({ length: 12 }, () =>
        sql<{
          tenant: string | null;
        }>`select nullif(current_setting('app.tenant_id', true), '') as tenant`.execute(t.db.kysely),
      ),
    );
    expect(outside.map((r) => r.rows[0]!.tenant)).toEqual(Array(12).fill(null));
  });

  it.runIf(engine === 'postgres')(
    'a failure of the opening message itself leaves no connection inside an aborted transaction',
    async () => {
      const role = t.db.rlsRole;
      // A role that does not exist makes the settings fail after BEGIN has run.
      t.db.rlsRole = 'no_such_role_here';
      try {
        await expect(withTenant(t.db, tenantId, async () => 'never')).rejects.toThrow(/no_such_role_here/);
      } finally {
        t.db.rlsRole = role;
      }
      // One after another (the pool hands back the connection just released): every one works.
      for (let i = 0; i < 12; i++) expect(await withTenant(t.db, tenantId, async () => i)).toBe(i);
    },
  );

  it.runIf(engine === 'postgres')(
    'a use case that swallows a database error does not report success for a rolled-back transaction',
    async () => {
      await expect(
        withTenant(t.db, tenantId, async (tx) => {
          await addLocation(tx, 'Swallowed site');
          await sql`select 1 / 0`.execute(tx).catch(() => {});
          return 'looks fine';
        }),
      ).rejects.toThrow('the transaction failed and was rolled back');
      expect(await locationNamed('Swallowed site')).toHaveLength(0);
    },
  );

  it.runIf(engine === 'postgres')('refuses a tenant id that is not a UUID before it runs', async () => {
    let ran = false;
    await expect(
      withTenant(t.db, "x', true); drop table locations; --" as TenantId, async () => {
        ran = true;
      }),
    ).rejects.toThrow('a tenant id must be a UUID');
    expect(ran).toBe(false);
    expect(await locationNamed('Kept site')).toHaveLength(1);
  });
});
