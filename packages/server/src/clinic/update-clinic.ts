import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { preconditionFailed } from '../shared/errors';
import { findClinic, toClinicView } from './repository';
import type { ClinicPatch, ClinicView } from './schemas';

const COLUMNS = {
  name: 'name',
  timeZone: 'time_zone',
  locale: 'locale',
  currency: 'currency',
  phone: 'phone',
  email: 'email',
  patientChangeNoticeHours: 'patient_change_notice_hours',
} as const satisfies Record<keyof ClinicPatch, string>;

/**
 * Change the clinic's settings. Optimistic concurrency as for patients: the caller names the
 * version it read and a stale write changes nothing. The audit row keeps each change's old and
 * new value (none of them is patient data).
 */
export async function updateClinic(
  ctx: UseCaseContext,
  expectedVersion: number,
  patch: ClinicPatch,
): Promise<ClinicView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const current = await findClinic(tx, ctx.actor.tenantId);
    if (current.version !== expectedVersion) {
      throw preconditionFailed(
        `the clinic settings are at version ${current.version}, not ${expectedVersion}: read them again`,
      );
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: Record<string, string | number | null> = {};
    for (const [field, column] of Object.entries(COLUMNS) as [keyof ClinicPatch, string][]) {
      const value = patch[field];
      if (value === undefined) continue;
      set[column] = value;
      const before = current[column as keyof typeof current];
      if (before !== value) changes[field] = { from: before, to: value };
    }
    const row = await tx
      .updateTable('tenants')
      .set({ ...set, version: current.version + 1, updated_at: ctx.now })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw preconditionFailed('the clinic settings changed meanwhile: read them again');
    await recordAudit(tx, ctx, {
      action: 'clinic.update',
      patientId: null,
      entity: 'clinic',
      entityId: ctx.actor.tenantId,
      detail: { changes, version: row.version },
    });
    return toClinicView(row);
  });
}
