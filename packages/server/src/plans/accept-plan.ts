import { recordAudit } from '../audit/record-audit';
import { findConsultation } from '../consultations/repository';
import { readJson, writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict, DomainError } from '../shared/errors';
import { findPlan, findVersion, type PlanView, toPlanView } from './repository';

/**
 * Accept the version the caller read. A plan for a consultation that screening or regulation
 * stopped (contraindicated, deferred, blocked) is accepted only by a practitioner who states an
 * override with a reason at acceptance; a patient cannot accept it alone.
 */
export async function acceptPlan(
  ctx: UseCaseContext,
  planId: string,
  input: { version: number; overrideReason?: string | undefined },
): Promise<PlanView> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const header = await findPlan(tx, ctx, planId);
    if (header.status === 'withdrawn') throw conflict('a withdrawn plan cannot be accepted');
    if (header.current_version !== input.version) {
      throw conflict(`the plan is at version ${header.current_version}, not ${input.version}: read it again`);
    }
    if (header.status === 'accepted' && header.accepted_version === input.version) {
      throw conflict(`version ${input.version} is already accepted`);
    }
    const consultation = await findConsultation(tx, ctx, header.consultation_id);
    const blockedBy = readJson<string[]>(consultation.blocked_by);
    if (blockedBy.length > 0 && (!input.overrideReason || ctx.actor.role === 'patient')) {
      throw new DomainError(
        409,
        'override-required',
        'Override required',
        `the consultation was ${blockedBy.join(', ')}: a practitioner must accept with an override and its reason`,
        { blockedBy },
      );
    }
    const updated = await tx
      .updateTable('plans')
      .set({
        status: 'accepted',
        accepted_version: input.version,
        accepted_at: ctx.now,
        accepted_by: ctx.actor.userId,
        accept_override: writeJson(
          blockedBy.length > 0
            ? {
                by: `${ctx.actor.displayName} (${ctx.actor.role})`,
                userId: ctx.actor.userId,
                reason: input.overrideReason,
                blockedBy,
              }
            : null,
        ),
        updated_at: ctx.now,
      })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('plan_id', '=', planId)
      .where('current_version', '=', input.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'plan.accept',
      patientId: header.patient_id,
      entity: 'plan',
      entityId: planId,
      detail: {
        version: input.version,
        ...(blockedBy.length > 0 && { override: { reason: input.overrideReason, blockedBy } }),
      },
    });
    return toPlanView(updated, await findVersion(tx, ctx, planId, input.version));
  });
}
