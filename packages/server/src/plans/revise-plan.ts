import { recordAudit } from '../audit/record-audit';
import { findConsultation, tenantPolicy } from '../consultations/repository';
import { writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict } from '../shared/errors';
import { findPlan, type PlanView, toPlanView } from './repository';
import { type PlannerChoices, runPlanner } from './run-planner';

/** A plan is never edited: a revision is a new version with its reason, and needs acceptance again. */
export async function revisePlan(
  ctx: UseCaseContext,
  planId: string,
  input: PlannerChoices & { reason: string; basedOnVersion: number },
): Promise<PlanView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const header = await findPlan(tx, ctx, planId);
    if (header.status === 'withdrawn') throw conflict('a withdrawn plan cannot be revised');
    if (header.current_version !== input.basedOnVersion) {
      throw conflict(
        `the plan is at version ${header.current_version}, not ${input.basedOnVersion}: read it again`,
      );
    }
    const consultation = await findConsultation(tx, ctx, header.consultation_id);
    const { plan, override, blockedBy } = runPlanner(ctx, consultation, await tenantPolicy(tx, ctx), input);
    const next = header.current_version + 1;
    const version = await tx
      .insertInto('plan_versions')
      .values({
        tenant_id: ctx.actor.tenantId,
        plan_id: planId,
        version: next,
        protocol_id: plan.protocol.id,
        reason: input.reason,
        override: writeJson(override),
        plan: writeJson(plan),
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const updated = await tx
      .updateTable('plans')
      .set({ current_version: next, status: 'proposed', updated_at: ctx.now })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', planId)
      .where('current_version', '=', header.current_version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw conflict('the plan changed meanwhile: read it again');
    await recordAudit(tx, ctx, {
      action: 'plan.revise',
      patientId: header.patient_id,
      entity: 'plan',
      entityId: planId,
      detail: { version: next, reason: input.reason, protocol: plan.protocol.id, overridden: blockedBy },
    });
    return toPlanView(updated, version);
  });
}
