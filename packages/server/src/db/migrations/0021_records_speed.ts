import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../connect';
import { tenantIndex } from './helpers';

// Covering indexes for the clinic analytics of the records (bench/records: 150,000 sessions,
// 60,000 course outcomes): each aggregate reads one compact index instead of the table's rows.
// Every index still starts with tenant_id.

export function recordsSpeedMigration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const index = (name: string, table: string, cols: string[]) => tenantIndex(db, name, table, cols);
      await db.schema.dropIndex('outcome_latest_group_idx').execute();
      // Outcome by protocol, indication and instrument.
      await index('outcome_latest_cover_idx', 'outcome_latest', [
        'protocol_id',
        'indication',
        'instrument_id',
        'paired',
        'improved',
        'reaches_mcid',
        'improvement',
        'latest',
        'baseline',
      ]);
      // Series completion: per course, its sessions' state.
      await index('sessions_course_cover_idx', 'treatment_sessions', [
        'plan_id',
        'status',
        'session_index',
        'series_planned',
        'checked_in_at',
        'created_at',
        'protocol_id',
      ]);
      // No-shows: attendance by time.
      await index('sessions_attendance_cover_idx', 'treatment_sessions', [
        'status',
        'scheduled_for',
        'checked_in_at',
        'created_at',
      ]);
    },
    async down() {
      throw new Error('not reversible');
    },
  };
}
