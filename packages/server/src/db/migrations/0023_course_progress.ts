import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from '../connect';
import { enableTenantRls, grantToAppRole } from './helpers';

// Course progress, kept by check-in, no-show and the first chart of each session: sessions of the
// initial series given, and when the course was last attended. Series completion reads one row
// per course instead of every session.

export function courseProgressMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('course_progress')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('protocol_id', 'text')
        .addColumn('planned', 'integer', (c) => c.notNull().check(sql`planned >= 0`))
        .addColumn('completed', 'integer', (c) => c.notNull().check(sql`completed >= 0`))
        .addColumn('last_attended_at', 'bigint')
        .addColumn('last_recorded_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('course_progress_pk', ['tenant_id', 'plan_id'])
        .addForeignKeyConstraint('course_progress_plan_fk', ['tenant_id', 'plan_id'], 'plans', [
          'tenant_id',
          'plan_id',
        ])
        .execute();
      await sql`insert into course_progress (tenant_id, plan_id, protocol_id, planned, completed, last_attended_at, last_recorded_at)
        select tenant_id, plan_id, max(protocol_id), max(series_planned),
          sum(case when status in ('charted', 'signed') and coalesce(session_index, 1) <= series_planned then 1 else 0 end),
          max(checked_in_at), max(created_at)
        from treatment_sessions group by tenant_id, plan_id`.execute(db);
      if (engine !== 'postgres') return;
      await grantToAppRole(db, ['course_progress']);
      await enableTenantRls(db, ['course_progress']);
    },
    async down() {
      throw new Error('not reversible');
    },
  };
}
