import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from '../connect';
import { enableTenantRls, grantToAppRole } from './helpers';

// A clinic's protocol preferences: per indication, which of the catalog's protocols it offers and
// which one it starts from. One row per clinic and indication; an indication without a row follows
// the catalog (every protocol offered, the catalog's default first).

export const PROTOCOL_SETTINGS_TABLES = ['protocol_settings'] as const;

export function protocolSettingsMigration(engine: Engine): Migration {
  const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('protocol_settings')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('indication', 'text', (c) => c.notNull())
        .addColumn('offered', json, (c) => c.notNull())
        .addColumn('default_protocol', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('protocol_settings_pk', ['tenant_id', 'indication'])
        .addForeignKeyConstraint('protocol_settings_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .execute();
      if (engine !== 'postgres') return;
      await grantToAppRole(db, PROTOCOL_SETTINGS_TABLES);
      await enableTenantRls(db, PROTOCOL_SETTINGS_TABLES);
    },
    async down() {
      throw new Error('not reversible');
    },
  };
}
