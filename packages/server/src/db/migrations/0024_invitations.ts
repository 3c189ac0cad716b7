import { type Kysely, type Migration, sql } from 'kysely';
import type { Engine } from '../connect';
import { enableTenantRls, grantToAppRole, tenantFk, tenantIndex, tenantKey } from './helpers';

// Invitation links: a patient's portal account or a staff member's account is created without a
// password, and the invitee chooses one through a link sent by mail. Only the SHA-256 of the
// link's secret is kept; a link works once, until it expires or a newer one replaces it. The mail
// that carries the link waits in the outbox like any other, marked so that delivery blanks its
// body once sent (the link must not stay in the database).

export const INVITATION_TABLES = ['invitations'] as const;

export function invitationsMigration(engine: Engine): Migration {
  const ms = 'bigint' as const;
  return {
    async up(db: Kysely<unknown>) {
      let t = tenantKey(db.schema.createTable('invitations'), 'invitations', 'invitation_id')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('expires_at', ms, (c) => c.notNull())
        .addColumn('used_at', ms)
        .addColumn('revoked_at', ms)
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', ms, (c) => c.notNull())
        .addUniqueConstraint('invitations_token_uq', ['tenant_id', 'token_hash'])
        // A link is either taken up or replaced, never both.
        .addCheckConstraint('invitations_closed_once', sql`used_at is null or revoked_at is null`)
        .addCheckConstraint('invitations_expiry', sql`expires_at > created_at`);
      t = tenantFk(t, 'invitations_user_fk', ['user_id'], 'users', ['user_id']);
      await t.execute();
      await tenantIndex(db, 'invitations_user_idx', 'invitations', ['user_id', 'created_at']);
      await db.schema
        .alterTable('mail_outbox')
        .addColumn('scrub_after_send', 'integer', (c) =>
          c.notNull().defaultTo(0).check(sql`scrub_after_send in (0, 1)`),
        )
        .execute();
      if (engine !== 'postgres') return;
      await grantToAppRole(db, INVITATION_TABLES);
      await enableTenantRls(db, INVITATION_TABLES);
    },
    async down() {
      throw new Error('not reversible');
    },
  };
}
