import { type Selectable, sql } from 'kysely';
import type { TreatmentSessionsTable } from '../db/records-schema';
import type { Tx } from '../db/tenant';

/**
 * Move a course's progress for one session event, in the caller's transaction: `recorded` (a
 * no-show was written), `attended` (a check-in), `given` (the session's first chart: one more
 * session of the initial series when its index is within it).
 */
export async function moveCourseProgress(
  tx: Tx,
  s: Selectable<TreatmentSessionsTable>,
  event: 'recorded' | 'attended' | 'given',
  at: number,
) {
  const given = event === 'given' && (s.session_index ?? 1) <= s.series_planned ? 1 : 0;
  const attended = event === 'attended' ? at : null;
  const later = (column: 'last_attended_at' | 'last_recorded_at', value: number) =>
    sql<number>`case when ${sql.ref(`course_progress.${column}`)} is null or ${sql.ref(`course_progress.${column}`)} < ${value} then ${value} else ${sql.ref(`course_progress.${column}`)} end`;
  await tx
    .insertInto('course_progress')
    .values({
      tenant_id: s.tenant_id,
      plan_id: s.plan_id,
      protocol_id: s.protocol_id,
      planned: s.series_planned,
      completed: given,
      last_attended_at: attended,
      last_recorded_at: at,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'plan_id']).doUpdateSet((eb) => ({
        completed: eb('course_progress.completed', '+', given),
        ...(attended !== null && { last_attended_at: later('last_attended_at', attended) }),
        last_recorded_at: later('last_recorded_at', at),
      })),
    )
    .execute();
}
