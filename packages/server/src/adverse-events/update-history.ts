import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { AdverseEventsTable } from '../db/records-schema';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import {
  type AdverseEventState,
  applyChange,
  changedFields,
  reportedState,
  STATE_FIELDS,
  type StateChange,
  type StateField,
} from './event-state';

export interface AdverseEventUpdateView {
  version: number;
  kind: 'reported' | 'follow-up';
  at: number;
  by: { userId: string; name: string | null };
  note: string | null;
  /** The fields whose value this version changed (none for the report itself). */
  changed: StateField[];
  /** The event as it stood once this version was saved. */
  state: AdverseEventState;
}

/** The stored state fields of the event row. */
export function rowState(r: Selectable<AdverseEventsTable>): AdverseEventState {
  return {
    grade: r.grade,
    serious: r.serious === 1,
    seriousCriteria: readJson<string[]>(r.serious_criteria),
    relation: r.relation,
    actions: readJson<string[]>(r.actions),
    outcome: r.outcome,
    resolvedAt: r.resolved_at,
  };
}

/** Only the fields a version may set, whatever else its stored JSON holds. */
function pickChange(raw: Record<string, unknown>): StateChange {
  const out: Record<string, unknown> = {};
  for (const f of STATE_FIELDS) if (raw[f] !== undefined) out[f] = raw[f];
  return out as StateChange;
}

/**
 * The event's numbered versions, oldest first: who saved each, when, the note, what it changed and
 * the event as it then stood. Replayed from the stored report and changes with the same rules the
 * report and follow-up use; one query with the authors' names.
 */
export async function loadUpdateHistory(
  tx: Tx,
  ctx: UseCaseContext,
  row: Selectable<AdverseEventsTable>,
): Promise<AdverseEventUpdateView[]> {
  const rows = await tx
    .selectFrom('adverse_event_updates as u')
    .leftJoin('users as w', (j) =>
      j.onRef('w.tenant_id', '=', 'u.tenant_id').onRef('w.user_id', '=', 'u.created_by'),
    )
    .select(['u.version', 'u.change', 'u.note', 'u.created_at', 'u.created_by', 'w.display_name'])
    .where('u.tenant_id', '=', ctx.actor.tenantId)
    .where('u.adverse_event_id', '=', row.adverse_event_id)
    .orderBy('u.version')
    .execute();
  const current = rowState(row);
  let state: AdverseEventState | null = null;
  return rows.map((u) => {
    const change = readJson<Record<string, unknown>>(u.change) ?? {};
    const reported = change.reported as Record<string, unknown> | undefined;
    const before = state;
    if (reported) {
      // What the report left out (never, in practice) reads as the event's current value.
      const given = { ...current, ...pickChange(reported) } as Parameters<typeof reportedState>[0];
      state = reportedState(given, row.source === 'patient');
    } else {
      state = applyChange(state ?? current, pickChange(change));
    }
    return {
      version: u.version,
      kind: reported ? 'reported' : 'follow-up',
      at: u.created_at,
      by: { userId: u.created_by, name: u.display_name ?? null },
      note: u.note,
      changed: before && !reported ? changedFields(before, state) : [],
      state,
    };
  });
}
