import type { ReportInput, UpdateInput } from './schemas';

/** What a follow-up can change on an event: the fields each numbered update may set. */
export interface AdverseEventState {
  grade: number;
  serious: boolean;
  seriousCriteria: string[];
  relation: string;
  actions: string[];
  outcome: string;
  resolvedAt: number | null;
}

export const STATE_FIELDS = [
  'grade',
  'serious',
  'seriousCriteria',
  'relation',
  'actions',
  'outcome',
  'resolvedAt',
] as const satisfies readonly (keyof AdverseEventState)[];

export type StateField = (typeof STATE_FIELDS)[number];

/** The change a follow-up asks for, as stored with its version (note and version aside). */
export type StateChange = Partial<Omit<UpdateInput, 'basedOnVersion' | 'note'>>;

/**
 * The event as reported: named criteria make it serious, and a patient's own report leaves the
 * relation to the treatment for the clinic to assess.
 */
export function reportedState(
  input: Pick<
    ReportInput,
    'grade' | 'serious' | 'seriousCriteria' | 'relation' | 'actions' | 'outcome' | 'resolvedAt'
  >,
  byPatient: boolean,
): AdverseEventState {
  return {
    grade: input.grade,
    serious: input.serious || input.seriousCriteria.length > 0,
    seriousCriteria: [...input.seriousCriteria],
    relation: byPatient ? 'not-assessed' : input.relation,
    actions: [...input.actions],
    outcome: input.outcome,
    resolvedAt: input.resolvedAt,
  };
}

/**
 * The event after a follow-up: what the change leaves out stays; seriousness follows the flag
 * or the criteria named with it (any criterion makes it serious).
 */
export function applyChange(state: AdverseEventState, change: StateChange): AdverseEventState {
  const touchesSerious = change.serious !== undefined || change.seriousCriteria !== undefined;
  return {
    grade: change.grade ?? state.grade,
    serious: touchesSerious
      ? Boolean(change.serious) || (change.seriousCriteria?.length ?? 0) > 0
      : state.serious,
    seriousCriteria: change.seriousCriteria ?? state.seriousCriteria,
    relation: change.relation ?? state.relation,
    actions: change.actions ?? state.actions,
    outcome: change.outcome ?? state.outcome,
    resolvedAt: change.resolvedAt !== undefined ? change.resolvedAt : state.resolvedAt,
  };
}

/** The fields whose value differs between two states, in a fixed order. */
export function changedFields(before: AdverseEventState, after: AdverseEventState): StateField[] {
  return STATE_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}
