import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { conflict, notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import { findAdverseEvent, toTaskView } from './repository';

async function assertAssignee(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  ctx: UseCaseContext,
  userId: string | undefined,
) {
  if (!userId) return;
  const u = await tx
    .selectFrom('users')
    .select('user_id')
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('user_id', '=', userId)
    .where('role', '!=', 'patient')
    .executeTakeFirst();
  if (!u) throw notFound('user');
}

/** A follow-up task on an adverse event (call the patient, review at 2 weeks…). */
export async function addFollowUpTask(
  ctx: UseCaseContext,
  adverseEventId: string,
  input: { title: string; dueAt: number; assignedTo?: string | undefined },
) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const ae = await findAdverseEvent(tx, ctx, adverseEventId);
    await assertAssignee(tx, ctx, input.assignedTo);
    const row = await tx
      .insertInto('follow_up_tasks')
      .values({
        tenant_id: ctx.actor.tenantId,
        task_id: newId(ctx.now),
        adverse_event_id: adverseEventId,
        patient_id: ae.patient_id,
        title: input.title,
        due_at: input.dueAt,
        assigned_to: input.assignedTo ?? null,
        done_at: null,
        done_by: null,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'adverse_event.task_add',
      patientId: ae.patient_id,
      entity: 'follow-up-task',
      entityId: row.task_id,
      detail: { adverseEventId },
    });
    return toTaskView(row);
  });
}

export async function completeFollowUpTask(ctx: UseCaseContext, taskId: string) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const task = await tx
      .selectFrom('follow_up_tasks')
      .selectAll()
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    if (!task) throw notFound('follow-up task');
    assertMayReachPatient(ctx, task.patient_id);
    if (task.done_at !== null) throw conflict('the task is already done');
    const row = await tx
      .updateTable('follow_up_tasks')
      .set({ done_at: ctx.now, done_by: ctx.actor.userId })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('task_id', '=', taskId)
      .where('done_at', 'is', null)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'adverse_event.task_done',
      patientId: task.patient_id,
      entity: 'follow-up-task',
      entityId: taskId,
    });
    return toTaskView(row);
  });
}
