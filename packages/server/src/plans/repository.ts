import type { Plan } from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { type AuditEntry, recordAudit } from '../audit/record-audit';
import { readJson } from '../db/connect';
import type { PlansTable, PlanVersionsTable } from '../db/schema';
import { type Tx, withTenant } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

export interface PlanVersionView {
  version: number;
  reason: string;
  protocolId: string | null;
  override: { by: string; reason: string; userId: string } | null;
  plan: Plan;
  createdAt: number;
  createdBy: string;
}

export interface PlanView {
  id: string;
  patientId: string;
  consultationId: string;
  status: string;
  currentVersion: number;
  acceptedVersion: number | null;
  acceptedAt: number | null;
  acceptedBy: string | null;
  acceptOverride: { by: string; userId: string; reason: string; blockedBy: string[] } | null;
  /** Set once the plan is withdrawn: by whom (user id), when and why. */
  withdrawal: { at: number; by: string; reason: string } | null;
  createdAt: number;
  updatedAt: number;
  current: PlanVersionView;
}

export function toVersionView(v: Selectable<PlanVersionsTable>): PlanVersionView {
  return {
    version: v.version,
    reason: v.reason,
    protocolId: v.protocol_id,
    override: readJson<PlanVersionView['override']>(v.override),
    plan: readJson<Plan>(v.plan),
    createdAt: v.created_at,
    createdBy: v.created_by,
  };
}

export function toPlanView(p: Selectable<PlansTable>, v: Selectable<PlanVersionsTable>): PlanView {
  return {
    id: p.plan_id,
    patientId: p.patient_id,
    consultationId: p.consultation_id,
    status: p.status,
    currentVersion: p.current_version,
    acceptedVersion: p.accepted_version,
    acceptedAt: p.accepted_at,
    acceptedBy: p.accepted_by,
    acceptOverride: readJson<PlanView['acceptOverride']>(p.accept_override),
    withdrawal:
      p.withdrawn_at !== null && p.withdrawn_at !== undefined
        ? { at: Number(p.withdrawn_at), by: p.withdrawn_by ?? '', reason: p.withdrawal_reason ?? '' }
        : null,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    current: toVersionView(v),
  };
}

export async function findPlan(tx: Tx, ctx: UseCaseContext, planId: string) {
  const plan = await tx
    .selectFrom('plans')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw notFound('plan');
  assertMayReachPatient(ctx, plan.patient_id);
  return plan;
}

/**
 * A read of what a plan holds, in one transaction: the plan is found (refused when its patient is
 * out of the actor's reach), `read` runs, and the read is audited against the plan's patient.
 */
export async function readWithinPlan<T>(
  ctx: UseCaseContext,
  planId: string,
  audit: Omit<AuditEntry, 'patientId'>,
  read: (tx: Tx, plan: Selectable<PlansTable>) => Promise<T>,
): Promise<T> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const result = await read(tx, plan);
    await recordAudit(tx, ctx, { ...audit, patientId: plan.patient_id });
    return result;
  });
}

export async function findVersion(tx: Tx, ctx: UseCaseContext, planId: string, version: number) {
  const v = await tx
    .selectFrom('plan_versions')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!v) throw notFound('plan version');
  return v;
}
