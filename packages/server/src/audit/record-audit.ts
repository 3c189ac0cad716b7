import { writeJson } from '../db/connect';
import { readTenant, type Tx } from '../db/tenant';
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
  const row = auditRow(ctx, entry);
  if (ctx.deferReadAudit && isReadAction(entry.action)) {
    ctx.deferReadAudit(row);
    return;
  }
  await tx.insertInto('audit_log').values(row).execute();
}

const NO_DETAIL = writeJson({});

function auditRow(ctx: UseCaseContext, entry: AuditEntry): AuditRow {
  return {
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
    detail: entry.detail ? writeJson(entry.detail) : NO_DETAIL,
  };
}

/**
 * The audit row of a read that ran outside a transaction (a remembered answer, for one): handed to
 * the request's group commit when there is one, with no database work here; otherwise written in
 * a transaction of its own.
 */
export async function auditRead(ctx: UseCaseContext, entry: AuditEntry): Promise<void> {
  if (ctx.deferReadAudit && isReadAction(entry.action)) {
    ctx.deferReadAudit(auditRow(ctx, entry));
    return;
  }
  await readTenant(ctx.db, ctx.actor.tenantId, (tx) => recordAudit(tx, ctx, entry));
}
