import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { APP_ROLE } from '../connect';

// What every migration of a clinic's tables repeats: tenant-led keys, foreign keys and indexes,
// and on PostgreSQL the grants and row-level-security policies. Kept here so each rule is
// written once.

// biome-ignore lint/suspicious/noExplicitAny: the builder's generic parameters do not matter here
export type TableBuilder = CreateTableBuilder<any, any>;

/** `'a','b'` for a check constraint's `in (...)`. */
export const inList = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/** The table's id column and its primary key, led by `tenant_id`. */
export const tenantKey = (t: TableBuilder, table: string, idColumn: string) =>
  t
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn(idColumn, 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['tenant_id', idColumn] as never);

/** A foreign key within one clinic: both sides lead with `tenant_id`. */
export const tenantFk = (t: TableBuilder, name: string, cols: string[], table: string, refCols: string[]) =>
  t.addForeignKeyConstraint(name, ['tenant_id', ...cols] as never, table, ['tenant_id', ...refCols]);

/** An index led by `tenant_id`. */
export const tenantIndex = (db: Kysely<unknown>, name: string, table: string, cols: string[]) =>
  db.schema
    .createIndex(name)
    .on(table)
    .columns(['tenant_id', ...cols])
    .execute();

/** PostgreSQL: each table readable only for the clinic set on the transaction (`app.tenant_id`). */
export async function enableTenantRls(db: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql.raw(`alter table ${table} enable row level security`).execute(db);
    await sql
      .raw(
        `create policy ${table}_tenant on ${table} using (tenant_id = current_setting('app.tenant_id', true)) with check (tenant_id = current_setting('app.tenant_id', true))`,
      )
      .execute(db);
  }
}

/** PostgreSQL: the application role may work on the tables (where the role exists). */
export async function grantToAppRole(db: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  await sql
    .raw(`do $$ begin
      grant select, insert, update, delete on ${tables.join(', ')} to ${APP_ROLE};
    exception when undefined_object then null;
    end $$`)
    .execute(db);
}
