import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from '../connect';

// The clinic's own settings beside its name, currency and time zone: the locale its dates and
// money are written in (BCP 47), how patients reach it (phone, e-mail), and a version for
// optimistic concurrency (the settings are changed with If-Match like a patient).
// Existing clinics get the locale of their jurisdiction.

export function clinicSettingsMigration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // SQLite alters one column per statement.
      await db.schema
        .alterTable('tenants')
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en-US'))
        .execute();
      await db.schema.alterTable('tenants').addColumn('phone', 'text').execute();
      await db.schema.alterTable('tenants').addColumn('email', 'text').execute();
      await db.schema
        .alterTable('tenants')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable('tenants')
        .addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`update tenants set updated_at = created_at,
        locale = case jurisdiction when 'KR' then 'ko-KR' when 'UK' then 'en-GB' when 'EU' then 'en-IE' else 'en-US' end`.execute(
        db,
      );
    },
    async down() {
      throw new Error('not reversible');
    },
  };
}
