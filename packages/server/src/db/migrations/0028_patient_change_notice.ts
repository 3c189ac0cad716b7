import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from '../connect';

// How long before a session a patient may still move it online is the clinic's own policy (24
// hours until now, for every clinic). Existing clinics keep 24. The bounds are written here as
// they were when the check was created (the API's own limits live in clinic/schemas.ts).

export function patientChangeNoticeMigration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('tenants')
        .addColumn('patient_change_notice_hours', 'integer', (c) =>
          c.notNull().defaultTo(24).check(sql`patient_change_notice_hours between 0 and 168`),
        )
        .execute();
    },
    async down() {
      throw new Error('not reversible');
    },
  };
}
