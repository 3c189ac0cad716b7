import { type Kysely, type Migration, sql } from 'kysely';
import { APP_ROLE, type Engine } from '../connect';
import { TENANT_TABLES } from '../schema';
import { enableTenantRls, inList, tenantKey } from './helpers';

// The first schema, written once for both engines. A dialect branch only where they differ:
// JSON (jsonb vs text), row-level security and the database-enforced append-only audit log.

const ROLES = ['owner', 'admin', 'practitioner', 'front_desk', 'patient'];

export function initialMigration(engine: Engine): Migration {
  const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
  const ms = 'bigint' as const;

  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('tenants')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('jurisdiction', 'text', (c) =>
          c.notNull().check(sql`jurisdiction in ('US','KR','EU','UK')`),
        )
        .addColumn('currency', 'text', (c) => c.notNull().check(sql`length(currency) = 3`))
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('policy', json, (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('login_directory')
        .addColumn('email', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .execute();

      await tenantKey(db.schema.createTable('locations'), 'locations', 'location_id')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addForeignKeyConstraint('locations_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .execute();

      await tenantKey(db.schema.createTable('patients'), 'patients', 'patient_id')
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('sort_name', 'text', (c) => c.notNull())
        .addColumn('search_name', 'text', (c) => c.notNull())
        .addColumn('date_of_birth', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('female','male','other')`))
        .addColumn('phone', 'text')
        .addColumn('phone_digits', 'text')
        .addColumn('email', 'text')
        .addColumn('email_lower', 'text')
        .addColumn('address', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addForeignKeyConstraint('patients_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .execute();
      for (const [name, cols] of [
        ['patients_sort_idx', ['tenant_id', 'sort_name', 'patient_id']],
        ['patients_dob_idx', ['tenant_id', 'date_of_birth']],
        ['patients_email_idx', ['tenant_id', 'email_lower']],
        ['patients_phone_idx', ['tenant_id', 'phone_digits']],
      ] as const) {
        await db.schema
          .createIndex(name)
          .on('patients')
          .columns([...cols])
          .execute();
      }

      await tenantKey(db.schema.createTable('users'), 'users', 'user_id')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in (${inList(ROLES)})`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text')
        .addColumn('location_id', 'text')
        .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0, 1)`))
        .addColumn('failed_logins', 'integer', (c) => c.notNull())
        .addColumn('locked_until', ms)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addUniqueConstraint('users_email_uq', ['tenant_id', 'email'])
        .addForeignKeyConstraint('users_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .addForeignKeyConstraint('users_patient_fk', ['tenant_id', 'patient_id'], 'patients', [
          'tenant_id',
          'patient_id',
        ])
        .addForeignKeyConstraint('users_location_fk', ['tenant_id', 'location_id'], 'locations', [
          'tenant_id',
          'location_id',
        ])
        // A portal account is linked to exactly one patient record; staff accounts to none.
        .addCheckConstraint('users_patient_link', sql`(role = 'patient') = (patient_id is not null)`)
        .execute();

      await tenantKey(db.schema.createTable('auth_sessions'), 'auth_sessions', 'session_id')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('expires_at', ms, (c) => c.notNull())
        .addColumn('last_seen_at', ms, (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .addColumn('revoked_at', ms)
        .addForeignKeyConstraint('sessions_user_fk', ['tenant_id', 'user_id'], 'users', [
          'tenant_id',
          'user_id',
        ])
        .execute();
      await db.schema
        .createIndex('sessions_user_idx')
        .on('auth_sessions')
        .columns(['tenant_id', 'user_id'])
        .execute();

      await tenantKey(db.schema.createTable('api_tokens'), 'api_tokens', 'token_id')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('scopes', json, (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('expires_at', ms)
        .addColumn('revoked_at', ms)
        .addForeignKeyConstraint('tokens_user_fk', ['tenant_id', 'user_id'], 'users', [
          'tenant_id',
          'user_id',
        ])
        .execute();
      await db.schema
        .createIndex('tokens_user_idx')
        .on('api_tokens')
        .columns(['tenant_id', 'user_id'])
        .execute();

      await tenantKey(db.schema.createTable('products'), 'products', 'product_id')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('supplier', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('registrations', json, (c) => c.notNull())
        .addColumn('components', json, (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addForeignKeyConstraint('products_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .execute();

      await tenantKey(db.schema.createTable('product_lots'), 'product_lots', 'lot_id')
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('lot_number', 'text', (c) => c.notNull())
        .addColumn('expires_on', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addUniqueConstraint('lots_number_uq', ['tenant_id', 'product_id', 'lot_number'])
        .addForeignKeyConstraint('lots_product_fk', ['tenant_id', 'product_id'], 'products', [
          'tenant_id',
          'product_id',
        ])
        .execute();

      await tenantKey(db.schema.createTable('consultations'), 'consultations', 'consultation_id')
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text')
        .addColumn('product_id', 'text')
        .addColumn('indication', 'text', (c) => c.notNull())
        .addColumn('modality', 'text', (c) => c.notNull())
        .addColumn('jurisdiction', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('regulatory_decision', 'text')
        .addColumn('bookable', 'integer', (c) => c.notNull().check(sql`bookable in (0, 1)`))
        .addColumn('profile', json, (c) => c.notNull())
        .addColumn('screening', json, (c) => c.notNull())
        .addColumn('regulatory', json)
        .addColumn('blocked_by', json, (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addForeignKeyConstraint('consultations_patient_fk', ['tenant_id', 'patient_id'], 'patients', [
          'tenant_id',
          'patient_id',
        ])
        .addForeignKeyConstraint('consultations_location_fk', ['tenant_id', 'location_id'], 'locations', [
          'tenant_id',
          'location_id',
        ])
        .addForeignKeyConstraint('consultations_product_fk', ['tenant_id', 'product_id'], 'products', [
          'tenant_id',
          'product_id',
        ])
        .execute();
      await db.schema
        .createIndex('consultations_patient_idx')
        .on('consultations')
        .columns(['tenant_id', 'patient_id', 'created_at'])
        .execute();

      await tenantKey(db.schema.createTable('plans'), 'plans', 'plan_id')
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('consultation_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('proposed','accepted','withdrawn')`),
        )
        .addColumn('current_version', 'integer', (c) => c.notNull())
        .addColumn('accepted_version', 'integer')
        .addColumn('accepted_at', ms)
        .addColumn('accepted_by', 'text')
        .addColumn('accept_override', json)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addForeignKeyConstraint('plans_consultation_fk', ['tenant_id', 'consultation_id'], 'consultations', [
          'tenant_id',
          'consultation_id',
        ])
        .addForeignKeyConstraint('plans_patient_fk', ['tenant_id', 'patient_id'], 'patients', [
          'tenant_id',
          'patient_id',
        ])
        .execute();
      await db.schema
        .createIndex('plans_patient_idx')
        .on('plans')
        .columns(['tenant_id', 'patient_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('plan_versions')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('protocol_id', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('override', json)
        .addColumn('plan', json, (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_versions_pk', ['tenant_id', 'plan_id', 'version'])
        .addForeignKeyConstraint('plan_versions_plan_fk', ['tenant_id', 'plan_id'], 'plans', [
          'tenant_id',
          'plan_id',
        ])
        .execute();

      await db.schema
        .createTable('consent_templates')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('template_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('consent_templates_pk', ['tenant_id', 'template_id', 'version'])
        .addForeignKeyConstraint('consent_templates_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .execute();

      await tenantKey(db.schema.createTable('consents'), 'consents', 'consent_id')
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('plan_version', 'integer', (c) => c.notNull())
        .addColumn('template_id', 'text', (c) => c.notNull())
        .addColumn('template_version', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('disclosures', json, (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('pending','signed','witnessed')`),
        )
        .addColumn('signed_name', 'text')
        .addColumn('signed_at', ms)
        .addColumn('signed_ip', 'text')
        .addColumn('signed_user_agent', 'text')
        .addColumn('witnessed_by', 'text')
        .addColumn('witnessed_at', ms)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addForeignKeyConstraint(
          'consents_version_fk',
          ['tenant_id', 'plan_id', 'plan_version'],
          'plan_versions',
          ['tenant_id', 'plan_id', 'version'],
        )
        .addForeignKeyConstraint(
          'consents_template_fk',
          ['tenant_id', 'template_id', 'template_version'],
          'consent_templates',
          ['tenant_id', 'template_id', 'version'],
        )
        .addForeignKeyConstraint('consents_patient_fk', ['tenant_id', 'patient_id'], 'patients', [
          'tenant_id',
          'patient_id',
        ])
        // Signed means a typed name and a time; witnessed means a signature first.
        .addCheckConstraint(
          'consents_signature',
          sql`(status = 'pending') or (signed_name is not null and signed_at is not null)`,
        )
        .addCheckConstraint(
          'consents_witness',
          sql`(status <> 'witnessed') or (witnessed_by is not null and witnessed_at is not null)`,
        )
        .execute();
      await db.schema
        .createIndex('consents_plan_idx')
        .on('consents')
        .columns(['tenant_id', 'plan_id', 'created_at'])
        .execute();

      await tenantKey(db.schema.createTable('price_lists'), 'price_lists', 'price_list_id')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull().check(sql`length(currency) = 3`))
        .addColumn('content', json, (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addForeignKeyConstraint('price_lists_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .execute();

      await tenantKey(db.schema.createTable('quotes'), 'quotes', 'quote_id')
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('plan_version', 'integer', (c) => c.notNull())
        .addColumn('price_list_id', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull().check(sql`total_minor >= 0`))
        .addColumn('quote', json, (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addForeignKeyConstraint(
          'quotes_version_fk',
          ['tenant_id', 'plan_id', 'plan_version'],
          'plan_versions',
          ['tenant_id', 'plan_id', 'version'],
        )
        .addForeignKeyConstraint('quotes_price_list_fk', ['tenant_id', 'price_list_id'], 'price_lists', [
          'tenant_id',
          'price_list_id',
        ])
        .execute();
      await db.schema.createIndex('quotes_plan_idx').on('quotes').columns(['tenant_id', 'plan_id']).execute();

      await tenantKey(db.schema.createTable('audit_log'), 'audit_log', 'audit_id')
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('via', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text')
        .addColumn('entity', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('request_id', 'text')
        .addColumn('detail', json)
        .execute();
      await db.schema.createIndex('audit_at_idx').on('audit_log').columns(['tenant_id', 'at']).execute();
      await db.schema
        .createIndex('audit_patient_idx')
        .on('audit_log')
        .columns(['tenant_id', 'patient_id', 'at'])
        .execute();

      if (engine === 'sqlite') {
        for (const op of ['update', 'delete']) {
          await sql
            .raw(
              `create trigger audit_log_no_${op} before ${op} on audit_log begin select raise(abort, 'audit_log is append-only'); end`,
            )
            .execute(db);
        }
        return;
      }

      // PostgreSQL: the audit log refuses change even from the table owner, and every clinic table
      // repeats the tenant rule as row-level security for the application role.
      await sql`
        create function audit_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`create trigger audit_log_no_change before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);
      await sql`create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_log_append_only()`.execute(db);

      await sql
        .raw(`do $$ begin
          create role ${APP_ROLE} nologin;
        exception when others then null;
        end $$`)
        .execute(db);
      // Roles are cluster-wide: a concurrent migration may have created it (or be creating it).
      for (let attempt = 0; ; attempt++) {
        const found = await sql<{
          n: number;
        }>`select count(*)::int as n from pg_roles where rolname = ${APP_ROLE}`.execute(db);
        if (found.rows[0]?.n === 1) break;
        if (attempt >= 50) throw new Error(`role ${APP_ROLE} could not be created`);
        await new Promise((ok) => setTimeout(ok, 100));
      }
      await sql
        .raw(`do $$ begin
          execute format('grant usage on schema %I to ${APP_ROLE}', current_schema());
          execute format('grant select, insert, update, delete on all tables in schema %I to ${APP_ROLE}', current_schema());
          execute format('revoke all on table %I.kysely_migration, %I.kysely_migration_lock from ${APP_ROLE}', current_schema(), current_schema());
          revoke update, delete, truncate on audit_log from ${APP_ROLE};
        end $$`)
        .execute(db);
      // A non-superuser owner must be a member to switch to the role; a superuser already may.
      await sql
        .raw(`do $$ begin
          if not (select rolsuper from pg_roles where rolname = current_user) then
            execute format('grant ${APP_ROLE} to %I', current_user);
          end if;
        exception when others then null;
        end $$`)
        .execute(db);
      await enableTenantRls(db, TENANT_TABLES);
    },
    async down() {
      throw new Error('the initial schema is not reversible');
    },
  };
}
