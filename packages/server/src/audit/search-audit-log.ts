import { readJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { decodeCursor, encodeCursor } from '../http/schemas';
import type { UseCaseContext } from '../shared/context';

export interface AuditQuery {
  patientId?: string | undefined;
  actorUserId?: string | undefined;
  action?: string | undefined;
  /** Inclusive lower bound (epoch ms). */
  since?: number | undefined;
  /** Exclusive upper bound (epoch ms). */
  until?: number | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface AuditEntryView {
  id: string;
  at: number;
  actorUserId: string | null;
  actorRole: string | null;
  via: string | null;
  action: string;
  patientId: string | null;
  entity: string | null;
  entityId: string | null;
  ip: string | null;
  requestId: string | null;
  detail: unknown;
}

/** The audit log, newest first, narrowed by patient, actor, action and time; paged by an opaque cursor. */
export async function searchAuditLog(
  ctx: UseCaseContext,
  query: AuditQuery,
): Promise<{ items: AuditEntryView[]; nextCursor: string | null }> {
  const tenantId = ctx.actor.tenantId;
  const rows = await withTenant(ctx.db, tenantId, (tx) => {
    let s = tx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
    if (query.patientId) s = s.where('patient_id', '=', query.patientId);
    if (query.actorUserId) s = s.where('actor_user_id', '=', query.actorUserId);
    if (query.action) s = s.where('action', '=', query.action);
    if (query.since !== undefined) s = s.where('at', '>=', query.since);
    if (query.until !== undefined) s = s.where('at', '<', query.until);
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      const [at, id] = after as [number, string];
      s = s.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('audit_id', '<', id)])]));
    }
    return s
      .orderBy('at', 'desc')
      .orderBy('audit_id', 'desc')
      .limit(query.limit + 1)
      .execute();
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.audit_id,
      at: r.at,
      actorUserId: r.actor_user_id,
      actorRole: r.actor_role,
      via: r.via,
      action: r.action,
      patientId: r.patient_id,
      entity: r.entity,
      entityId: r.entity_id,
      ip: r.ip,
      requestId: r.request_id,
      detail: readJson(r.detail),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.at, last.audit_id]) : null,
  };
}
