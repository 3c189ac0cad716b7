import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from '../connect';
import { enableTenantRls, grantToAppRole } from './helpers';

// Exposure counters for the adverse-event rates: how many sessions used each lot and each
// product, kept by the charting transaction (a chart version moves them by its difference), so
// that the rates read ~100 rows instead of scanning every session's lots.

export const EXPOSURE_TABLES = ['lot_exposure', 'product_exposure'] as const;

export function recordsExposureMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('lot_exposure')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('lot_id', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('sessions', 'integer', (c) => c.notNull().check(sql`sessions >= 0`))
        .addPrimaryKeyConstraint('lot_exposure_pk', ['tenant_id', 'lot_id'])
        .addForeignKeyConstraint('lot_exposure_lot_fk', ['tenant_id', 'lot_id'], 'product_lots', [
          'tenant_id',
          'lot_id',
        ])
        .execute();
      await db.schema
        .createTable('product_exposure')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('sessions', 'integer', (c) => c.notNull().check(sql`sessions >= 0`))
        .addPrimaryKeyConstraint('product_exposure_pk', ['tenant_id', 'product_id'])
        .addForeignKeyConstraint('product_exposure_product_fk', ['tenant_id', 'product_id'], 'products', [
          'tenant_id',
          'product_id',
        ])
        .execute();
      // Counters for any sessions charted before this migration.
      await sql`insert into lot_exposure (tenant_id, lot_id, product_id, sessions)
        select tenant_id, lot_id, min(product_id), count(*) from session_lots group by tenant_id, lot_id`.execute(
        db,
      );
      await sql`insert into product_exposure (tenant_id, product_id, sessions)
        select tenant_id, product_id, count(*) from (select distinct tenant_id, product_id, session_id from session_lots) u
        group by tenant_id, product_id`.execute(db);
      if (engine !== 'postgres') return;
      await grantToAppRole(db, EXPOSURE_TABLES);
      await enableTenantRls(db, EXPOSURE_TABLES);
    },
    async down() {
      throw new Error('not reversible');
    },
  };
}
