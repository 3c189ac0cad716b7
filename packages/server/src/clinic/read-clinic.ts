import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { findClinic, toClinicView } from './repository';
import type { ClinicView } from './schemas';

/** The signed-in user's clinic: its name, how it writes dates and money, how to reach it. */
export async function readClinic(ctx: UseCaseContext): Promise<ClinicView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) =>
    toClinicView(await findClinic(tx, ctx.actor.tenantId)),
  );
}
