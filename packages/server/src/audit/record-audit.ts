import { writeJson } from '../db/connect';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { type AuditRow, isReadAction } from './audit-reads';

export interface AuditEntry {
  /** `patient.read`, `plan.accept`, `auth.login_failed`… */
  action: string;
  patientId: string | null;
  entity: string | null;
  entityId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Append one audit row. Writes go inside the use case's own transaction: no record without its
 * trace. Reads from an HTTP request are handed to the request (`ctx.deferReadAudit`), which
 * commits them by group commit before it answers (see audit-reads.ts); elsewhere they are
 * written in the transaction like any other row.
 */
export async function recordAudit(tx: Tx, ctx: UseCaseContext, entry: AuditEntry): Promise<void> {
  const row: AuditRow = {
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
  };
  if (ctx.deferReadAudit && isReadAction(entry.action)) {
    ctx.deferReadAudit(row);
    return;
  }
  await tx.insertInto('audit_log').values(row).execute();
}
