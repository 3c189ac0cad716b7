import { type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { type Db, refreshRlsRole } from './connect';
import { initialMigration } from './migrations/0001_initial';
import { recordsMigration } from './migrations/0010_records';
import { schedulingMigration } from './migrations/0020_scheduling';
import { recordsSpeedMigration } from './migrations/0021_records_speed';
import { recordsExposureMigration } from './migrations/0022_records_exposure';
import { courseProgressMigration } from './migrations/0023_course_progress';
import { invitationsMigration } from './migrations/0024_invitations';
import { protocolSettingsMigration } from './migrations/0025_protocol_settings';
import { clinicSettingsMigration } from './migrations/0026_clinic_settings';
import { planWithdrawalMigration } from './migrations/0027_plan_withdrawal';
import { patientChangeNoticeMigration } from './migrations/0028_patient_change_notice';

export function migrations(db: Db): Record<string, Migration> {
  return {
    '0001_initial': initialMigration(db.engine),
    '0010_records': recordsMigration(db.engine),
    '0020_scheduling': schedulingMigration(db.engine),
    '0021_records_speed': recordsSpeedMigration(db.engine),
    '0022_records_exposure': recordsExposureMigration(db.engine),
    '0023_course_progress': courseProgressMigration(db.engine),
    '0024_invitations': invitationsMigration(db.engine),
    '0025_protocol_settings': protocolSettingsMigration(db.engine),
    '0026_clinic_settings': clinicSettingsMigration(db.engine),
    '0027_plan_withdrawal': planWithdrawalMigration(db.engine),
    '0028_patient_change_notice': patientChangeNoticeMigration(db.engine),
  };
}

/** Bring the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations(db) },
    // Kysely looks for its tables in every schema unless told which: name ours (tests run side by side).
    ...(db.config.engine === 'postgres' && db.config.schema
      ? { migrationTableSchema: db.config.schema }
      : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const message = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed} failed: ${message}`);
  }
  await refreshRlsRole(db);
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
