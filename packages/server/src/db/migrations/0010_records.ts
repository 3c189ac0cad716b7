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

// Treatment records, safety and outcomes (issue 5): sessions and versioned charts with lot
// traceability, photos, adverse events with their alerts and mail outbox, lot recalls, outcome
// scores with their derived read models (latest per plan and instrument, maintenance due).
// Every key starts with tenant_id; on PostgreSQL each table gets the same RLS rule as 0001.

/** The tables this migration creates: RLS on PostgreSQL, tenant-led keys checked by the tests. */
export const RECORDS_TABLES = [
  'record_settings',
  'treatment_sessions',
  'chart_versions',
  'session_lots',
  'lot_recalls',
  'photos',
  'adverse_events',
  'adverse_event_updates',
  'adverse_event_sessions',
  'adverse_event_lots',
  'follow_up_tasks',
  'alerts',
  'mail_outbox',
  'outcome_scores',
  'outcome_latest',
  'maintenance_due',
] as const;

export const SESSION_STATUSES = ['checked_in', 'charted', 'signed', 'no_show', 'cancelled'] as const;
export const AE_RELATIONS = [
  'not-assessed',
  'unrelated',
  'unlikely',
  'possible',
  'probable',
  'definite',
] as const;
export const AE_OUTCOMES = [
  'ongoing',
  'recovering',
  'recovered',
  'recovered-with-sequelae',
  'not-recovered',
  'fatal',
  'unknown',
] as const;
export const OUTCOME_TIMEPOINTS = [
  'baseline',
  'session',
  'end-of-series',
  'follow-up',
  'maintenance',
] as const;

export function recordsMigration(engine: Engine): Migration {
  const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
  const real = engine === 'postgres' ? sql`double precision` : sql`real`;
  const ms = 'bigint' as const;

  const fk = tenantFk;

  return {
    async up(db: Kysely<unknown>) {
      const index = (name: string, table: string, cols: string[]) => tenantIndex(db, name, table, cols);

      await db.schema
        .createTable('record_settings')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey())
        .addColumn('screening_valid_days', 'integer', (c) =>
          c.notNull().check(sql`screening_valid_days between 1 and 730`),
        )
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addForeignKeyConstraint('record_settings_tenant_fk', ['tenant_id'], 'tenants', ['tenant_id'])
        .execute();

      let t: TableBuilder = tenantKey(
        db.schema.createTable('treatment_sessions'),
        'treatment_sessions',
        'session_id',
      )
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('plan_version', 'integer', (c) => c.notNull())
        // The scheduling tables may not exist: the appointment is a plain reference for now.
        .addColumn('appointment_id', 'text')
        .addColumn('location_id', 'text')
        .addColumn('session_index', 'integer', (c) => c.check(sql`session_index >= 1`))
        .addColumn('series_planned', 'integer', (c) => c.notNull().check(sql`series_planned >= 0`))
        .addColumn('protocol_id', 'text')
        .addColumn('indication', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${inList(SESSION_STATUSES)})`))
        .addColumn('scheduled_for', ms)
        .addColumn('checked_in_at', ms)
        .addColumn('checked_in_by', 'text')
        .addColumn('screened_at', ms)
        .addColumn('check_in', json, (c) => c.notNull())
        .addColumn('chart_version', 'integer')
        .addColumn('signed_at', ms)
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'sessions_checked_in',
          sql`status in ('no_show', 'cancelled') or (checked_in_at is not null and checked_in_by is not null)`,
        )
        .addCheckConstraint('sessions_signed', sql`(status = 'signed') = (signed_at is not null)`);
      t = fk(t, 'sessions_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      t = fk(t, 'sessions_plan_fk', ['plan_id'], 'plans', ['plan_id']);
      t = fk(t, 'sessions_plan_version_fk', ['plan_id', 'plan_version'], 'plan_versions', [
        'plan_id',
        'version',
      ]);
      t = fk(t, 'sessions_location_fk', ['location_id'], 'locations', ['location_id']);
      await t.execute();
      await index('sessions_patient_idx', 'treatment_sessions', ['patient_id', 'created_at']);
      await index('sessions_plan_idx', 'treatment_sessions', ['plan_id', 'created_at']);
      await index('sessions_created_idx', 'treatment_sessions', ['created_at']);
      await index('sessions_appointment_idx', 'treatment_sessions', ['appointment_id']);

      t = db.schema
        .createTable('chart_versions')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'signed')`))
        .addColumn('amends_version', 'integer')
        .addColumn('reason', 'text')
        .addColumn('content', json, (c) => c.notNull())
        .addColumn('practitioner_id', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('signed_at', ms)
        .addColumn('signed_by', 'text')
        .addPrimaryKeyConstraint('chart_versions_pk', ['tenant_id', 'session_id', 'version'])
        // An amendment of a signed chart always says why; a signed version says who and when.
        .addCheckConstraint(
          'chart_amendment_reason',
          sql`amends_version is null or (reason is not null and amends_version < version)`,
        )
        .addCheckConstraint(
          'chart_signature',
          sql`(status = 'signed') = (signed_at is not null and signed_by is not null)`,
        );
      t = fk(t, 'chart_session_fk', ['session_id'], 'treatment_sessions', ['session_id']);
      t = fk(t, 'chart_practitioner_fk', ['practitioner_id'], 'users', ['user_id']);
      await t.execute();

      // The lots of each session's current chart version: exposure for recall and safety rates.
      t = db.schema
        .createTable('session_lots')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('lot_id', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 1`))
        .addColumn('used_at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('session_lots_pk', ['tenant_id', 'session_id', 'lot_id']);
      t = fk(t, 'session_lots_session_fk', ['session_id'], 'treatment_sessions', ['session_id']);
      t = fk(t, 'session_lots_lot_fk', ['lot_id'], 'product_lots', ['lot_id']);
      t = fk(t, 'session_lots_product_fk', ['product_id'], 'products', ['product_id']);
      await t.execute();
      await index('session_lots_lot_idx', 'session_lots', ['lot_id', 'session_id']);
      await index('session_lots_product_idx', 'session_lots', ['product_id', 'session_id']);

      t = db.schema
        .createTable('lot_recalls')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('lot_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('reference', 'text')
        .addColumn('recalled_at', ms, (c) => c.notNull())
        .addColumn('recalled_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('lot_recalls_pk', ['tenant_id', 'lot_id']);
      t = fk(t, 'lot_recalls_lot_fk', ['lot_id'], 'product_lots', ['lot_id']);
      await t.execute();

      t = tenantKey(db.schema.createTable('photos'), 'photos', 'photo_id')
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('area_id', 'text', (c) => c.notNull())
        .addColumn('side', 'text', (c) => c.check(sql`side in ('left', 'right', 'both')`))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('before', 'after')`))
        .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
        .addColumn('thumb_sha256', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) =>
          c.notNull().check(sql`content_type in ('image/jpeg', 'image/png', 'image/webp')`),
        )
        .addColumn('bytes', 'integer', (c) => c.notNull().check(sql`bytes > 0`))
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull());
      t = fk(t, 'photos_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      t = fk(t, 'photos_session_fk', ['session_id'], 'treatment_sessions', ['session_id']);
      await t.execute();
      await index('photos_patient_idx', 'photos', ['patient_id', 'area_id', 'created_at']);
      await index('photos_session_idx', 'photos', ['session_id']);

      t = tenantKey(db.schema.createTable('adverse_events'), 'adverse_events', 'adverse_event_id')
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('type_id', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('onset_at', ms, (c) => c.notNull())
        .addColumn('grade', 'integer', (c) => c.notNull().check(sql`grade between 1 and 5`))
        .addColumn('serious', 'integer', (c) => c.notNull().check(sql`serious in (0, 1)`))
        .addColumn('serious_criteria', json, (c) => c.notNull())
        .addColumn('relation', 'text', (c) => c.notNull().check(sql`relation in (${inList(AE_RELATIONS)})`))
        .addColumn('actions', json, (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in (${inList(AE_OUTCOMES)})`))
        .addColumn('resolved_at', ms)
        // onset + the catalog's longest expected duration; null when any occurrence needs review.
        .addColumn('expected_until', ms)
        .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('staff', 'patient')`))
        .addColumn('alerted', 'integer', (c) => c.notNull().check(sql`alerted in (0, 1)`))
        .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addCheckConstraint('ae_fatal_grade', sql`(outcome = 'fatal') = (grade = 5)`)
        .addCheckConstraint('ae_resolution', sql`resolved_at is null or resolved_at >= onset_at`);
      t = fk(t, 'ae_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      await t.execute();
      await index('ae_patient_idx', 'adverse_events', ['patient_id', 'onset_at']);
      await index('ae_open_idx', 'adverse_events', ['resolved_at', 'onset_at']);

      t = db.schema
        .createTable('adverse_event_updates')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('adverse_event_id', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('change', json, (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ae_updates_pk', ['tenant_id', 'adverse_event_id', 'version']);
      t = fk(t, 'ae_updates_ae_fk', ['adverse_event_id'], 'adverse_events', ['adverse_event_id']);
      await t.execute();

      t = db.schema
        .createTable('adverse_event_sessions')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('adverse_event_id', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ae_sessions_pk', ['tenant_id', 'adverse_event_id', 'session_id']);
      t = fk(t, 'ae_sessions_ae_fk', ['adverse_event_id'], 'adverse_events', ['adverse_event_id']);
      t = fk(t, 'ae_sessions_session_fk', ['session_id'], 'treatment_sessions', ['session_id']);
      await t.execute();
      await index('ae_sessions_session_idx', 'adverse_event_sessions', ['session_id']);

      t = db.schema
        .createTable('adverse_event_lots')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('adverse_event_id', 'text', (c) => c.notNull())
        .addColumn('lot_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ae_lots_pk', ['tenant_id', 'adverse_event_id', 'lot_id']);
      t = fk(t, 'ae_lots_ae_fk', ['adverse_event_id'], 'adverse_events', ['adverse_event_id']);
      t = fk(t, 'ae_lots_lot_fk', ['lot_id'], 'product_lots', ['lot_id']);
      await t.execute();
      await index('ae_lots_lot_idx', 'adverse_event_lots', ['lot_id']);

      t = tenantKey(db.schema.createTable('follow_up_tasks'), 'follow_up_tasks', 'task_id')
        .addColumn('adverse_event_id', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('due_at', ms, (c) => c.notNull())
        .addColumn('assigned_to', 'text')
        .addColumn('done_at', ms)
        .addColumn('done_by', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addCheckConstraint('tasks_done', sql`(done_at is null) = (done_by is null)`);
      t = fk(t, 'tasks_ae_fk', ['adverse_event_id'], 'adverse_events', ['adverse_event_id']);
      t = fk(t, 'tasks_assignee_fk', ['assigned_to'], 'users', ['user_id']);
      await t.execute();
      await index('tasks_ae_idx', 'follow_up_tasks', ['adverse_event_id']);
      await index('tasks_due_idx', 'follow_up_tasks', ['done_at', 'due_at']);

      t = tenantKey(db.schema.createTable('alerts'), 'alerts', 'alert_id')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text')
        .addColumn('entity', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('read_at', ms);
      t = fk(t, 'alerts_user_fk', ['user_id'], 'users', ['user_id']);
      await t.execute();
      await index('alerts_user_idx', 'alerts', ['user_id', 'created_at']);

      t = tenantKey(db.schema.createTable('mail_outbox'), 'mail_outbox', 'message_id')
        .addColumn('to_address', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('entity', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('sent_at', ms)
        .addColumn('last_error', 'text');
      await t.execute();
      await index('outbox_pending_idx', 'mail_outbox', ['sent_at', 'created_at']);

      t = tenantKey(db.schema.createTable('outcome_scores'), 'outcome_scores', 'score_id')
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text')
        .addColumn('instrument_id', 'text', (c) => c.notNull())
        .addColumn('value', real, (c) => c.notNull())
        .addColumn('timepoint', 'text', (c) =>
          c.notNull().check(sql`timepoint in (${inList(OUTCOME_TIMEPOINTS)})`),
        )
        .addColumn('measured_at', ms, (c) => c.notNull())
        .addColumn('area_id', 'text')
        .addColumn('protocol_id', 'text')
        .addColumn('indication', 'text', (c) => c.notNull())
        .addColumn('rater_role', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull());
      t = fk(t, 'scores_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      t = fk(t, 'scores_plan_fk', ['plan_id'], 'plans', ['plan_id']);
      t = fk(t, 'scores_session_fk', ['session_id'], 'treatment_sessions', ['session_id']);
      await t.execute();
      await index('scores_plan_idx', 'outcome_scores', ['plan_id', 'instrument_id', 'measured_at']);
      await index('scores_patient_idx', 'outcome_scores', ['patient_id', 'measured_at']);

      // Derived, kept in the same transaction as each score: the read model analytics group over.
      t = db.schema
        .createTable('outcome_latest')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('instrument_id', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('protocol_id', 'text')
        .addColumn('indication', 'text', (c) => c.notNull())
        .addColumn('baseline', real)
        // Null until a score after the baseline exists (an unpaired course, counted as such).
        .addColumn('latest', real)
        .addColumn('latest_at', ms)
        .addColumn('paired', 'integer', (c) => c.notNull().check(sql`paired in (0, 1)`))
        .addColumn('improvement', real)
        .addColumn('percent_change', real)
        .addColumn('improved', 'integer')
        .addColumn('reaches_mcid', 'integer')
        .addColumn('scores', 'integer', (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('outcome_latest_pk', ['tenant_id', 'plan_id', 'instrument_id']);
      t = fk(t, 'outcome_latest_plan_fk', ['plan_id'], 'plans', ['plan_id']);
      await t.execute();
      await index('outcome_latest_group_idx', 'outcome_latest', [
        'protocol_id',
        'indication',
        'instrument_id',
      ]);

      t = db.schema
        .createTable('maintenance_due')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('earliest_on', 'text', (c) => c.notNull())
        .addColumn('latest_on', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis in ('personalised', 'protocol')`))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('response', json, (c) => c.notNull())
        .addColumn('updated_at', ms, (c) => c.notNull())
        .addPrimaryKeyConstraint('maintenance_due_pk', ['tenant_id', 'plan_id']);
      t = fk(t, 'maintenance_plan_fk', ['plan_id'], 'plans', ['plan_id']);
      t = fk(t, 'maintenance_patient_fk', ['patient_id'], 'patients', ['patient_id']);
      await t.execute();
      await index('maintenance_due_idx', 'maintenance_due', ['due_on']);

      if (engine !== 'postgres') return;
      // Same two walls as 0001: the application role may use the tables, row-level security
      // keeps each clinic to its own rows.
      await grantToAppRole(db, RECORDS_TABLES);
      await enableTenantRls(db, RECORDS_TABLES);
    },
    async down() {
      throw new Error('the records schema is not reversible');
    },
  };
}
