import { findAdverseEventType } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { toTaskView } from './repository';

export interface FollowUpTaskFilter {
  status: 'open' | 'done' | 'all';
  /** Only tasks due before this instant (epoch ms): `dueBefore=now` lists the overdue ones. */
  dueBefore?: number | undefined;
}

const LIMIT = 500;

/**
 * The clinic's adverse-event follow-up tasks across patients, soonest due first, each with the
 * patient's name and the event's type, so a worklist needs no request per row. One query.
 */
export async function listFollowUpTasks(ctx: UseCaseContext, filter: FollowUpTaskFilter) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    let q = tx
      .selectFrom('follow_up_tasks as t')
      .innerJoin('patients as p', (j) =>
        j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.patient_id', '=', 't.patient_id'),
      )
      .innerJoin('adverse_events as e', (j) =>
        j.onRef('e.tenant_id', '=', 't.tenant_id').onRef('e.adverse_event_id', '=', 't.adverse_event_id'),
      )
      .selectAll('t')
      .select(['p.given_name', 'p.family_name', 'e.type_id', 'e.grade'])
      .where('t.tenant_id', '=', ctx.actor.tenantId);
    if (filter.status === 'open') q = q.where('t.done_at', 'is', null);
    if (filter.status === 'done') q = q.where('t.done_at', 'is not', null);
    if (filter.dueBefore !== undefined) q = q.where('t.due_at', '<', filter.dueBefore);
    const rows = await q.orderBy('t.due_at').orderBy('t.task_id').limit(LIMIT).execute();
    await recordAudit(tx, ctx, {
      action: 'follow_up_task.list',
      patientId: null,
      entity: 'follow-up-task',
      entityId: null,
      detail: { patientIds: [...new Set(rows.map((r) => r.patient_id))], ...filter },
    });
    return {
      now: ctx.now,
      items: rows.map((r) => ({
        ...toTaskView(r),
        patientName: `${r.given_name} ${r.family_name}`,
        adverseEvent: {
          typeId: r.type_id,
          typeName: findAdverseEventType(r.type_id)?.name ?? r.type_id,
          grade: r.grade,
        },
        overdue: r.done_at === null && r.due_at < ctx.now,
      })),
    };
  });
}
