import { findIndication, type IndicationId, type LocalDate, type Plan } from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { PlansTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import { findVersion } from '../plans/repository';
import { clinicDay } from '../records/settings';
import type { UseCaseContext } from '../shared/context';

/**
 * What outcome arithmetic needs about a course: the plan version in force (accepted, else
 * current), its protocol and indication, the clinic's time zone, and the days the initial
 * series was actually given.
 */
export async function courseContext(tx: Tx, ctx: UseCaseContext, plan: Selectable<PlansTable>) {
  const t = ctx.actor.tenantId;
  const version = await findVersion(tx, ctx, plan.plan_id, plan.accepted_version ?? plan.current_version);
  const body = readJson<Plan>(version.plan);
  const tenant = await tx
    .selectFrom('tenants')
    .select('time_zone')
    .where('tenant_id', '=', t)
    .executeTakeFirstOrThrow();
  const given = await tx
    .selectFrom('treatment_sessions')
    .select(['checked_in_at', 'session_index', 'series_planned'])
    .where('tenant_id', '=', t)
    .where('plan_id', '=', plan.plan_id)
    .where('status', 'in', ['charted', 'signed'])
    .orderBy('checked_in_at')
    .execute();
  const sessionDates = given
    .filter((s) => s.checked_in_at !== null && (s.session_index ?? 1) <= s.series_planned)
    .map((s) => clinicDay(s.checked_in_at!, tenant.time_zone) as LocalDate);
  return {
    plan: body,
    protocolId: version.protocol_id,
    indication: body.indication as IndicationId,
    timeZone: tenant.time_zone,
    sessionDates,
    instruments: findIndication(body.indication)?.outcomeInstruments ?? [],
  };
}
export type CourseContext = Awaited<ReturnType<typeof courseContext>>;
