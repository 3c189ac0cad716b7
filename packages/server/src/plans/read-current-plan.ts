import { type Selectable, sql } from 'kysely';
import { auditRead } from '../audit/record-audit';
import { readThroughCache } from '../db/read-cache';
import type { PlansTable } from '../db/schema';
import { readTenant, type Tx } from '../db/tenant';
import { assertMayReachPatient, findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { toPlanView } from './repository';

type CurrentPlanRow = Selectable<PlansTable> & {
  version: number;
  reason: string;
  protocol_id: string | null;
  override: unknown;
  plan: unknown;
  version_created_at: number;
  created_by: string;
};

/** Stands in the answer's JSON where the stored plan text goes. */
const PLAN_MARK = '__exoclinic_plan__';

/**
 * The patient's current plan (the newest accepted one, else the newest proposed), as the UTF-8
 * bytes of its JSON answer. This is the hottest read of the API: one query for the plan and its
 * current version (a version never changes once written, so no snapshot is needed), the stored
 * plan document spliced into the answer as the text it is stored as, and on SQLite the answer
 * remembered until the next write (db/read-cache.ts). Every read is audited, remembered or not.
 *
 * Bytes, not a string: a plan's text holds characters outside Latin-1 (dashes, quotes), and
 * measuring and encoding such a string for every answer took two fifths of the server's
 * instructions per read (callgrind); a remembered answer is encoded once.
 */
export async function readCurrentPlan(ctx: UseCaseContext, patientId: string): Promise<Buffer> {
  assertMayReachPatient(ctx, patientId);
  const tenantId = ctx.actor.tenantId;
  const found = await readThroughCache(ctx.db, `current-plan:${tenantId}:${patientId}`, () =>
    readTenant(ctx.db, tenantId, (tx) => loadCurrentPlan(tx, ctx, patientId)),
  );
  await auditRead(ctx, { action: 'plan.read', patientId, entity: 'plan', entityId: found.planId });
  return found.body;
}

async function loadCurrentPlan(tx: Tx, ctx: UseCaseContext, patientId: string) {
  const tenantId = ctx.actor.tenantId;
  // Written as SQL rather than built: this read runs on every plan view, and building the
  // query through the query builder cost as much as running it.
  // The plan document as the text it is stored as: PostgreSQL would otherwise parse the jsonb
  // only for it to be written out again.
  const planText = ctx.db.engine === 'postgres' ? sql`v.plan::text` : sql`v.plan`;
  const { rows } = await sql<CurrentPlanRow>`
    select p.*, v.version, v.reason, v.protocol_id, v.override, ${planText} as plan,
           v.created_at as version_created_at, v.created_by
    from plans p
    join plan_versions v
      on v.tenant_id = p.tenant_id and v.plan_id = p.plan_id and v.version = p.current_version
    where p.tenant_id = ${tenantId} and p.patient_id = ${patientId} and p.status <> 'withdrawn'
    order by case when p.status = 'accepted' then 0 else 1 end, p.created_at desc, p.plan_id desc
    limit 1`.execute(tx);
  const row = rows[0];
  if (!row) {
    // Only to tell "no such patient" from "no plan yet".
    await findPatient(tx, ctx, patientId);
    throw notFound('current plan');
  }
  const stored = row.plan as unknown;
  const text = typeof stored === 'string' ? stored : JSON.stringify(stored);
  const view = toPlanView(row, {
    tenant_id: row.tenant_id,
    plan_id: row.plan_id,
    version: row.version,
    reason: row.reason,
    protocol_id: row.protocol_id,
    override: row.override as never,
    plan: 'null',
    created_at: row.version_created_at,
    created_by: row.created_by,
  });
  const shell = JSON.stringify({ ...view, current: { ...view.current, plan: PLAN_MARK } });
  return { planId: row.plan_id, body: Buffer.from(shell.replace(`"${PLAN_MARK}"`, () => text)) };
}
