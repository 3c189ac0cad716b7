import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from '../connect';
import {
  enableTenantRls,
  grantToAppRole,
  inList,
  type TableBuilder,
  tenantFk,
  tenantIndex,
  tenantKey,
} from './helpers';

// Course scheduling (issue 4): location hours and closures, schedulable resources (practitioners,
// rooms, devices) with their hours and time off, course bookings, appointments with their history,
// the resource holds that make double-booking impossible, protocol deviations, idempotency keys and
// calendar feeds. Every key starts with tenant_id; on PostgreSQL the same RLS rule as 0001, and an
// exclusion constraint on the holds (SQLite checks overlaps inside its serialized write instead).

export const SCHEDULING_TABLES = [
  'location_schedules',
  'resources',
  'resource_hours',
  'resource_time_off',
  'course_bookings',
  'appointments',
  'appointment_history',
  'resource_holds',
  'protocol_deviations',
  'idempotency_keys',
  'calendar_feeds',
] as const;

export const RESOURCE_KINDS = ['practitioner', 'room', 'device'] as const;
export const APPOINTMENT_KINDS = ['initial', 'maintenance', 'follow-up'] as const;
export const APPOINTMENT_STATUSES = ['booked', 'checked-in', 'completed', 'cancelled', 'no-show'] as const;
/** Statuses whose appointment still takes its resources' time. */
export const HOLDING_STATUSES = ['booked', 'checked-in', 'completed'] as const;
export const FEED_KINDS = ['practitioner', 'room', 'patient'] as const;

export function schedulingMigration(engine: Engine): Migration {
  const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
  const ms = 'bigint' as const;

  const fk = tenantFk;

  return {
    async up(db: Kysely<unknown>) {
      const index = (name: string, table: string, cols: string[]) => tenantIndex(db, name, table, cols);

      let t: TableBuilder = db.schema
        .createTable('location_schedules')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('weekly', json, (c) => c.notNull())
        .addColumn('closures', json, (c) => c.notNull())
        .addColumn('step_minutes', 'integer', (c) => c.notNull().check(sql`step_minutes between 5 and 60`))
        .addColumn('cleaning_minutes', 'integer', (c) =>
          c.notNull().check(sql`cleaning_minutes between 0 and 120`),
        )
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('location_schedules_pk', ['tenant_id', 'location_id']);
      t = fk(t, 'location_schedules_location_fk', ['location_id'], 'locations', ['location_id']);
      await t.execute();

      t = tenantKey(db.schema.createTable('resources'), 'resources', 'resource_id')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${inList(RESOURCE_KINDS)})`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text')
        .addColumn('user_id', 'text')
        .addColumn('device_type', 'text')
        .addColumn('modalities', json, (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0, 1)`))
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addUniqueConstraint('resources_user_uq', ['tenant_id', 'user_id'])
        // A practitioner is a user and works wherever their hours say; rooms and devices stand
        // at one site; only devices have a type.
        .addCheckConstraint(
          'resources_practitioner_user',
          sql`(kind = 'practitioner') = (user_id is not null)`,
        )
        .addCheckConstraint('resources_device_type', sql`(kind = 'device') = (device_type is not null)`)
        .addCheckConstraint('resources_site', sql`kind = 'practitioner' or location_id is not null`);
      t = fk(t, 'resources_location_fk', ['location_id'], 'locations', ['location_id']);
      t = fk(t, 'resources_user_fk', ['user_id'], 'users', ['user_id']);
      await t.execute();
      await index('resources_kind_idx', 'resources', ['kind', 'location_id']);

      t = db.schema
        .createTable('resource_hours')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('weekly', json, (c) => c.notNull())
        .addPrimaryKeyConstraint('resource_hours_pk', ['tenant_id', 'resource_id', 'location_id']);
      t = fk(t, 'resource_hours_resource_fk', ['resource_id'], 'resources', ['resource_id']);
      t = fk(t, 'resource_hours_location_fk', ['location_id'], 'locations', ['location_id']);
      await t.execute();

      t = tenantKey(db.schema.createTable('resource_time_off'), 'resource_time_off', 'time_off_id')
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('start_ms', ms, (c) => c.notNull())
        .addColumn('end_ms', ms, (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addCheckConstraint('time_off_order', sql`end_ms > start_ms`);
      t = fk(t, 'time_off_resource_fk', ['resource_id'], 'resources', ['resource_id']);
      await t.execute();
      await index('time_off_resource_idx', 'resource_time_off', ['resource_id', 'start_ms']);

      t = tenantKey(db.schema.createTable('course_bookings'), 'course_bookings', 'course_id')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('plan_version', 'integer', (c) => c.notNull())
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('modality', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'cancelled')`))
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull());
      t = fk(t, 'courses_plan_version_fk', ['plan_id', 'plan_version'], 'plan_versions', [
        'plan_id',
        'version',
      ]);
      t = fk(t, 'courses_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      t = fk(t, 'courses_location_fk', ['location_id'], 'locations', ['location_id']);
      await t.execute();
      // One active course per plan: a second booking of the same plan is a conflict, not a copy.
      await sql`create unique index courses_active_plan_uq on course_bookings (tenant_id, plan_id) where status = 'active'`.execute(
        db,
      );
      await index('courses_patient_idx', 'course_bookings', ['patient_id', 'created_at']);

      t = tenantKey(db.schema.createTable('appointments'), 'appointments', 'appointment_id')
        .addColumn('course_id', 'text')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('location_id', 'text', (c) => c.notNull())
        .addColumn('modality', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${inList(APPOINTMENT_KINDS)})`))
        .addColumn('follow_up_kind', 'text')
        .addColumn('session_index', 'integer', (c) => c.check(sql`session_index >= 1`))
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in (${inList(APPOINTMENT_STATUSES)})`),
        )
        .addColumn('start_ms', ms, (c) => c.notNull())
        .addColumn('end_ms', ms, (c) => c.notNull())
        .addColumn('practitioner_id', 'text')
        .addColumn('room_id', 'text')
        .addColumn('device_ids', json, (c) => c.notNull())
        .addColumn('window_earliest', 'text')
        .addColumn('window_latest', 'text')
        .addColumn('replaces_appointment_id', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addCheckConstraint('appointments_order', sql`end_ms > start_ms`)
        .addCheckConstraint(
          'appointments_initial_index',
          sql`(kind = 'initial') = (session_index is not null)`,
        )
        .addCheckConstraint(
          'appointments_follow_up_kind',
          sql`(kind = 'follow-up') = (follow_up_kind is not null)`,
        );
      t = fk(t, 'appointments_course_fk', ['course_id'], 'course_bookings', ['course_id']);
      t = fk(t, 'appointments_plan_fk', ['plan_id'], 'plans', ['plan_id']);
      t = fk(t, 'appointments_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      t = fk(t, 'appointments_location_fk', ['location_id'], 'locations', ['location_id']);
      t = fk(t, 'appointments_practitioner_fk', ['practitioner_id'], 'resources', ['resource_id']);
      t = fk(t, 'appointments_room_fk', ['room_id'], 'resources', ['resource_id']);
      await t.execute();
      await index('appointments_patient_idx', 'appointments', ['patient_id', 'start_ms']);
      await index('appointments_course_idx', 'appointments', ['course_id', 'session_index']);
      await index('appointments_plan_idx', 'appointments', ['plan_id', 'start_ms']);
      await index('appointments_start_idx', 'appointments', ['start_ms']);
      // A session of a course is taken by one live appointment at a time (a no-show is rebooked).
      await sql`create unique index appointments_live_session_uq on appointments (tenant_id, course_id, session_index)
        where kind = 'initial' and status in (${inList(HOLDING_STATUSES)})`.execute(db);

      t = db.schema
        .createTable('appointment_history')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('appointment_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('start_ms', ms, (c) => c.notNull())
        .addColumn('end_ms', ms, (c) => c.notNull())
        .addColumn('practitioner_id', 'text')
        .addColumn('room_id', 'text')
        .addColumn('device_ids', json, (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('deviation_id', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('appointment_history_pk', ['tenant_id', 'appointment_id', 'version']);
      t = fk(t, 'history_appointment_fk', ['appointment_id'], 'appointments', ['appointment_id']);
      await t.execute();

      t = tenantKey(db.schema.createTable('resource_holds'), 'resource_holds', 'hold_id')
        .addColumn('appointment_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${inList(RESOURCE_KINDS)})`))
        .addColumn('start_ms', ms, (c) => c.notNull())
        .addColumn('end_ms', ms, (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0, 1)`))
        .addCheckConstraint('holds_order', sql`end_ms > start_ms`);
      t = fk(t, 'holds_appointment_fk', ['appointment_id'], 'appointments', ['appointment_id']);
      t = fk(t, 'holds_resource_fk', ['resource_id'], 'resources', ['resource_id']);
      await t.execute();
      await index('holds_resource_idx', 'resource_holds', ['resource_id', 'start_ms']);
      await index('holds_start_idx', 'resource_holds', ['start_ms']);
      await index('holds_appointment_idx', 'resource_holds', ['appointment_id']);

      t = tenantKey(db.schema.createTable('protocol_deviations'), 'protocol_deviations', 'deviation_id')
        .addColumn('course_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('appointment_id', 'text', (c) => c.notNull())
        .addColumn('gap_index', 'integer', (c) => c.notNull().check(sql`gap_index >= 1`))
        .addColumn('window_min_days', 'integer', (c) => c.notNull())
        .addColumn('window_max_days', 'integer', (c) => c.notNull())
        .addColumn('actual_days', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('confirmed_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull());
      t = fk(t, 'deviations_course_fk', ['course_id'], 'course_bookings', ['course_id']);
      t = fk(t, 'deviations_appointment_fk', ['appointment_id'], 'appointments', ['appointment_id']);
      t = fk(t, 'deviations_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      await t.execute();
      await index('deviations_course_idx', 'protocol_deviations', ['course_id', 'created_at']);

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('idem_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response', json, (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['tenant_id', 'idem_key'])
        .addForeignKeyConstraint('idempotency_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .execute();

      t = tenantKey(db.schema.createTable('calendar_feeds'), 'calendar_feeds', 'feed_id')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${inList(FEED_KINDS)})`))
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text')
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('revoked_at', ms)
        .addCheckConstraint('feeds_patient', sql`(kind = 'patient') = (patient_id is not null)`);
      t = fk(t, 'feeds_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      await t.execute();
      await index('feeds_subject_idx', 'calendar_feeds', ['kind', 'subject_id']);

      if (engine !== 'postgres') return;

      // btree_gist lets one exclusion constraint compare text ids with = beside a time range with &&.
      // It is a trusted extension: the database owner may create it. Several migrations may race to
      // create it (tests run in parallel schemas): the loser finds it made.
      await sql
        .raw(`do $$ begin
          create extension if not exists btree_gist with schema public;
        exception when unique_violation or duplicate_object then null;
        end $$`)
        .execute(db);
      await sql`alter table resource_holds add constraint resource_holds_no_overlap
        exclude using gist (tenant_id with =, resource_id with =, int8range(start_ms, end_ms) with &&)
        where (active = 1)`.execute(db);

      await grantToAppRole(db, SCHEDULING_TABLES);
      await enableTenantRls(db, SCHEDULING_TABLES);
    },
    async down() {
      throw new Error('the scheduling schema is not reversible');
    },
  };
}
