import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { forgetSignIn } from './authenticate';

/** End the caller's session: revoked in the database and forgotten by the sign-in cache. */
export async function logOut(ctx: UseCaseContext): Promise<void> {
  const { sessionId, tenantId } = ctx.actor;
  // A bearer token has no session to end.
  if (!sessionId) return;
  await withTenant(ctx.db, tenantId, (tx) =>
    tx
      .updateTable('auth_sessions')
      .set({ revoked_at: ctx.now })
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .execute(),
  );
  forgetSignIn(ctx.db, sessionId);
}
