import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../connect';

// Withdrawing a plan keeps it on record with who withdrew it, when and why.

export function planWithdrawalMigration(_engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('plans').addColumn('withdrawn_at', 'bigint').execute();
      await db.schema.alterTable('plans').addColumn('withdrawn_by', 'text').execute();
      await db.schema.alterTable('plans').addColumn('withdrawal_reason', 'text').execute();
    },
    async down() {
      throw new Error('not reversible');
    },
  };
}
