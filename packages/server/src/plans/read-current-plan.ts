import { recordAudit } from '../audit/record-audit';
import { readTenant } from '../db/tenant';
import { assertMayReachPatient, findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { toPlanView } from './repository';

/** Stands in the answer's JSON where the stored plan text goes. */
const PLAN_MARK = '__exoclinic_plan__';

/**
 * The patient's current plan (the newest accepted one, else the newest proposed), as JSON text.
 * This is the hottest read of the API: one query for the plan and its current version (a
 * version never changes once written, so no snapshot is needed), and the stored plan document
 * spliced into the answer as the text it is stored as instead of being parsed and written again.
 */
export async function readCurrentPlan(ctx: UseCaseContext, patientId: string): Promise<string> {
  assertMayReachPatient(ctx, patientId);
  const tenantId = ctx.actor.tenantId;
  return readTenant(ctx.db, tenantId, async (tx) => {
    const row = await tx
      .selectFrom('plans as p')
      .innerJoin('plan_versions as v', (j) =>
        j
          .onRef('v.tenant_id', '=', 'p.tenant_id')
          .onRef('v.plan_id', '=', 'p.plan_id')
          .onRef('v.version', '=', 'p.current_version'),
      )
      .selectAll('p')
      .select([
        'v.version',
        'v.reason',
        'v.protocol_id',
        'v.override',
        'v.plan',
        'v.created_at as version_created_at',
        'v.created_by',
      ])
      .where('p.tenant_id', '=', tenantId)
      .where('p.patient_id', '=', patientId)
      .where('p.status', '<>', 'withdrawn')
      .orderBy((eb) => eb.case().when('p.status', '=', 'accepted').then(0).else(1).end())
      .orderBy('p.created_at', 'desc')
      .orderBy('p.plan_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) {
      // Only to tell "no such patient" from "no plan yet".
      await findPatient(tx, ctx, patientId);
      throw notFound('current plan');
    }
    await recordAudit(tx, ctx, { action: 'plan.read', patientId: row.patient_id, entity: 'plan', entityId: row.plan_id });
    const stored = row.plan as unknown;
    const text = typeof stored === 'string' ? stored : JSON.stringify(stored);
    const view = toPlanView(row, {
      tenant_id: row.tenant_id,
      plan_id: row.plan_id,
      version: row.version,
      reason: row.reason,
      protocol_id: row.protocol_id,
      override: row.override,
      plan: 'null',
      created_at: row.version_created_at,
      created_by: row.created_by,
    });
    const shell = JSON.stringify({ ...view, current: { ...view.current, plan: PLAN_MARK } });
    return shell.replace(`"${PLAN_MARK}"`, () => text);
  });
}
