import {
  type AdverseEventAssessment,
  assessAdverseEvent,
  type EpochMs,
  findAdverseEventType,
} from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { AdverseEventsTable, FollowUpTasksTable } from '../db/records-schema';
import type { Tx } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

export const toTaskView = (r: Selectable<FollowUpTasksTable>) => ({
  id: r.task_id,
  adverseEventId: r.adverse_event_id,
  patientId: r.patient_id,
  title: r.title,
  dueAt: r.due_at,
  assignedTo: r.assigned_to,
  doneAt: r.done_at,
  doneBy: r.done_by,
  createdAt: r.created_at,
});

/** The catalog's reading of the event now: duration against the expected one, alert, flags. */
export function assess(r: Selectable<AdverseEventsTable>, now: number, sessionAt: number | null) {
  const result = assessAdverseEvent(
    {
      typeId: r.type_id,
      onsetAt: r.onset_at as EpochMs,
      grade: r.grade,
      serious: r.serious === 1,
      resolvedAt: (r.resolved_at ?? null) as EpochMs | null,
      sessionAt: sessionAt as EpochMs | null,
    },
    // A report may come in before the clinic clock catches the onset; never assess before it.
    Math.max(now, r.onset_at, r.resolved_at ?? 0) as EpochMs,
  );
  return result.ok ? result.assessment : null;
}

export function toAdverseEventView(
  r: Selectable<AdverseEventsTable>,
  links: { sessionIds: string[]; lotIds: string[] },
  tasks: Selectable<FollowUpTasksTable>[],
  assessment: AdverseEventAssessment | null,
) {
  return {
    id: r.adverse_event_id,
    patientId: r.patient_id,
    type: { id: r.type_id, name: findAdverseEventType(r.type_id)?.name ?? r.type_id },
    description: r.description,
    onsetAt: r.onset_at,
    grade: r.grade,
    serious: r.serious === 1,
    seriousCriteria: readJson<string[]>(r.serious_criteria),
    relation: r.relation,
    actions: readJson<string[]>(r.actions),
    outcome: r.outcome,
    resolvedAt: r.resolved_at,
    source: r.source,
    alerted: r.alerted === 1,
    /** Ongoing past the catalog's expected duration (null: the type has none, always review). */
    outlastsExpected: assessment?.outlastsExpected ?? null,
    needsReview: assessment?.needsReview ?? true,
    flags: assessment?.flags ?? [],
    assessment,
    sessionIds: links.sessionIds,
    lotIds: links.lotIds,
    followUps: tasks.map(toTaskView),
    version: r.version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  };
}
export type AdverseEventView = ReturnType<typeof toAdverseEventView>;

export async function findAdverseEvent(tx: Tx, ctx: UseCaseContext, id: string) {
  const row = await tx
    .selectFrom('adverse_events')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('adverse_event_id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('adverse event');
  assertMayReachPatient(ctx, row.patient_id);
  return row;
}

/** The event with its links, tasks and the catalog's assessment, in three queries. */
export async function loadAdverseEventView(tx: Tx, ctx: UseCaseContext, row: Selectable<AdverseEventsTable>) {
  const [view] = await loadAdverseEventViews(tx, ctx, [row]);
  return view!;
}

/** Events with their links, tasks and assessments: three queries for any number of events. */
export async function loadAdverseEventViews(
  tx: Tx,
  ctx: UseCaseContext,
  rows: Selectable<AdverseEventsTable>[],
) {
  if (rows.length === 0) return [];
  const t = ctx.actor.tenantId;
  const ids = rows.map((r) => r.adverse_event_id);
  const sessions = await tx
    .selectFrom('adverse_event_sessions as a')
    .innerJoin('treatment_sessions as s', (j) =>
      j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.session_id', '=', 'a.session_id'),
    )
    .select(['a.adverse_event_id', 'a.session_id', 's.checked_in_at'])
    .where('a.tenant_id', '=', t)
    .where('a.adverse_event_id', 'in', ids)
    .orderBy('s.checked_in_at')
    .execute();
  const lots = await tx
    .selectFrom('adverse_event_lots')
    .select(['adverse_event_id', 'lot_id'])
    .where('tenant_id', '=', t)
    .where('adverse_event_id', 'in', ids)
    .orderBy('lot_id')
    .execute();
  const tasks = await tx
    .selectFrom('follow_up_tasks')
    .selectAll()
    .where('tenant_id', '=', t)
    .where('adverse_event_id', 'in', ids)
    .orderBy('due_at')
    .execute();
  return rows.map((row) => {
    const id = row.adverse_event_id;
    const own = sessions.filter((s) => s.adverse_event_id === id);
    // Delayed reactions are read against the latest linked session before the onset.
    const before = own.filter((s) => s.checked_in_at !== null && s.checked_in_at <= row.onset_at);
    const sessionAt = before.at(-1)?.checked_in_at ?? null;
    return toAdverseEventView(
      row,
      {
        sessionIds: own.map((s) => s.session_id),
        lotIds: lots.filter((l) => l.adverse_event_id === id).map((l) => l.lot_id),
      },
      tasks.filter((x) => x.adverse_event_id === id),
      assess(row, ctx.now, sessionAt),
    );
  });
}
