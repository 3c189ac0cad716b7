import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/record-audit';
import type { AlertsTable } from '../db/records-schema';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

const toAlertView = (r: Selectable<AlertsTable>) => ({
  id: r.alert_id,
  kind: r.kind,
  patientId: r.patient_id,
  entity: r.entity,
  entityId: r.entity_id,
  title: r.title,
  body: r.body,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** The signed-in user's alerts, unread first, newest first. */
export async function listMyAlerts(ctx: UseCaseContext, filter: { unreadOnly: boolean }) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    let q = tx
      .selectFrom('alerts')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('user_id', '=', ctx.actor.userId);
    if (filter.unreadOnly) q = q.where('read_at', 'is', null);
    const rows = await q.orderBy('created_at', 'desc').limit(200).execute();
    await recordAudit(tx, ctx, {
      action: 'alert.list',
      patientId: null,
      entity: 'alert',
      entityId: null,
      detail: { patientIds: [...new Set(rows.map((r) => r.patient_id).filter(Boolean))] },
    });
    return { items: rows.map(toAlertView) };
  });
}

export async function markAlertRead(ctx: UseCaseContext, alertId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await tx
      .updateTable('alerts')
      .set({ read_at: ctx.now })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('alert_id', '=', alertId)
      .where('user_id', '=', ctx.actor.userId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('alert');
    await recordAudit(tx, ctx, {
      action: 'alert.read',
      patientId: row.patient_id,
      entity: 'alert',
      entityId: alertId,
    });
    return toAlertView(row);
  });
}
