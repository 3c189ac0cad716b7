import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';

export const DEFAULT_SCREENING_VALID_DAYS = 90;

export interface RecordSettings {
  /** A screening older than this needs re-confirming with the change questionnaire at check-in. */
  screeningValidDays: number;
}

export async function readRecordSettings(tx: Tx, ctx: UseCaseContext): Promise<RecordSettings> {
  const row = await tx
    .selectFrom('record_settings')
    .select('screening_valid_days')
    .where('tenant_id', '=', ctx.actor.tenantId)
    .executeTakeFirst();
  return { screeningValidDays: row?.screening_valid_days ?? DEFAULT_SCREENING_VALID_DAYS };
}

export async function updateRecordSettings(
  tx: Tx,
  ctx: UseCaseContext,
  s: RecordSettings,
): Promise<RecordSettings> {
  await tx
    .insertInto('record_settings')
    .values({
      tenant_id: ctx.actor.tenantId,
      screening_valid_days: s.screeningValidDays,
      updated_at: ctx.now,
      updated_by: ctx.actor.userId,
    })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({
        screening_valid_days: s.screeningValidDays,
        updated_at: ctx.now,
        updated_by: ctx.actor.userId,
      }),
    )
    .execute();
  return s;
}

/** The clinic's calendar day for an instant (lot expiry and due dates are local days). */
export function clinicDay(now: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export async function clinicToday(tx: Tx, ctx: UseCaseContext): Promise<string> {
  const t = await tx
    .selectFrom('tenants')
    .select('time_zone')
    .where('tenant_id', '=', ctx.actor.tenantId)
    .executeTakeFirstOrThrow();
  return clinicDay(ctx.now, t.time_zone);
}
