import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import {
  type AdverseEventView,
  assess,
  findAdverseEvent,
  loadAdverseEventView,
  loadAdverseEventViews,
  toAdverseEventView,
} from './repository';
import { type AdverseEventUpdateView, loadUpdateHistory } from './update-history';

/** One event with its links, tasks, the catalog's reading and its numbered versions (the history). */
export async function readAdverseEvent(
  ctx: UseCaseContext,
  id: string,
): Promise<AdverseEventView & { updates: AdverseEventUpdateView[] }> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const row = await findAdverseEvent(tx, ctx, id);
    await recordAudit(tx, ctx, {
      action: 'adverse_event.read',
      patientId: row.patient_id,
      entity: 'adverse-event',
      entityId: id,
    });
    return { ...(await loadAdverseEventView(tx, ctx, row)), updates: await loadUpdateHistory(tx, ctx, row) };
  });
}

/** A patient's adverse events, newest onset first, each assessed against the catalog now. */
export async function listPatientAdverseEvents(ctx: UseCaseContext, patientId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    const rows = await tx
      .selectFrom('adverse_events')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('patient_id', '=', patientId)
      .orderBy('onset_at', 'desc')
      .execute();
    const items = await loadAdverseEventViews(tx, ctx, rows);
    await recordAudit(tx, ctx, {
      action: 'adverse_event.list',
      patientId,
      entity: 'adverse-event',
      entityId: null,
      detail: { count: rows.length },
    });
    return { items };
  });
}

/**
 * The clinic's safety worklist: unresolved events, those past their expected duration (or with
 * none: always to review) first. One query; the catalog assessment runs on the rows.
 */
export async function listOpenAdverseEvents(ctx: UseCaseContext, filter: { overdueOnly: boolean }) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    let q = tx
      .selectFrom('adverse_events')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('resolved_at', 'is', null);
    if (filter.overdueOnly) {
      q = q.where((eb) => eb.or([eb('expected_until', 'is', null), eb('expected_until', '<', ctx.now)]));
    }
    const rows = await q.orderBy('onset_at').limit(500).execute();
    const items = rows
      .map((r) => toAdverseEventView(r, { sessionIds: [], lotIds: [] }, [], assess(r, ctx.now, null)))
      .sort(
        (a, b) =>
          Number(b.outlastsExpected !== false) - Number(a.outlastsExpected !== false) ||
          a.onsetAt - b.onsetAt,
      );
    await recordAudit(tx, ctx, {
      action: 'adverse_event.worklist',
      patientId: null,
      entity: 'adverse-event',
      entityId: null,
      detail: { patientIds: [...new Set(rows.map((r) => r.patient_id))], overdueOnly: filter.overdueOnly },
    });
    return { items };
  });
}
