import { writeJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';

export interface AuditEntry {
  /** `patient.read`, `plan.accept`, `auth.login_failed`… */
  action: string;
  patientId: string | null;
  entity: string | null;
  entityId: string | null;
  detail?: Record<string, unknown>;
}

/** Append one audit row inside the use case's own transaction: no record without its trace. */
export async function recordAudit(tx: Tx, ctx: UseCaseContext, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      tenant_id: ctx.actor.tenantId,
      audit_id: newId(ctx.now),
      at: ctx.now,
      actor_user_id: ctx.actor.userId,
      actor_role: ctx.actor.role,
      via: ctx.actor.via,
      action: entry.action,
      patient_id: entry.patientId,
      entity: entry.entity,
      entity_id: entry.entityId,
      ip: ctx.ip,
      request_id: ctx.requestId,
      detail: writeJson(entry.detail ?? {}),
    })
    .execute();
}
