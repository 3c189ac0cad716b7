import type { ConsultationProfile } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { findConsultation, tenantPolicy } from '../consultations/repository';
import { readJson, writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { clinicDefaultProtocol } from '../protocol-settings/read-protocol-settings';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { type PlanView, toPlanView } from './repository';
import { type PlannerChoices, runPlanner } from './run-planner';

/**
 * Plan version 1 of a course, from a consultation. The protocol is the one asked for, else the
 * one the consultation named, else the clinic's default for the indication, else the catalog's.
 */
export async function planCourse(
  ctx: UseCaseContext,
  consultationId: string,
  choices: PlannerChoices & { reason?: string | undefined },
): Promise<PlanView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const consultation = await findConsultation(tx, ctx, consultationId);
    const stored = readJson<Partial<ConsultationProfile>>(consultation.profile);
    const protocol =
      choices.protocol ??
      stored.protocol ??
      (stored.indication ? await clinicDefaultProtocol(tx, ctx, stored.indication) : undefined);
    const { plan, override, blockedBy } = runPlanner(ctx, consultation, await tenantPolicy(tx, ctx), {
      ...choices,
      protocol,
    });
    const planId = newId(ctx.now);
    const header = await tx
      .insertInto('plans')
      .values({
        tenant_id: ctx.actor.tenantId,
        plan_id: planId,
        patient_id: consultation.patient_id,
        consultation_id: consultationId,
        status: 'proposed',
        current_version: 1,
        accepted_version: null,
        accepted_at: null,
        accepted_by: null,
        accept_override: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const version = await tx
      .insertInto('plan_versions')
      .values({
        tenant_id: ctx.actor.tenantId,
        plan_id: planId,
        version: 1,
        protocol_id: plan.protocol.id,
        reason: choices.reason ?? 'initial plan',
        override: writeJson(override),
        plan: writeJson(plan),
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'plan.create',
      patientId: consultation.patient_id,
      entity: 'plan',
      entityId: planId,
      detail: { version: 1, protocol: plan.protocol.id, overridden: blockedBy },
    });
    return toPlanView(header, version);
  });
}
