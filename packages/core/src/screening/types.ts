import type { ModalityId, Sourced } from '../types';

/** Ordered from best to worst; the worst finding decides the verdict. */
export const VERDICTS = ['eligible', 'caution', 'defer', 'refer', 'contraindicated'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ScreeningFinding extends Sourced {
  /** Stable rule id, e.g. `pregnancy`, `keloid-needle`. */
  rule: string;
  severity: Exclude<Verdict, 'eligible'>;
  /** Plain words for staff, written by the project. */
  message: string;
  /** A modality that avoids the problem, where there is one. */
  alternative?: ModalityId;
}

export interface ScreeningResult {
  verdict: Verdict;
  findings: ScreeningFinding[];
}

/** Screening verdicts that give no bookable plan without a practitioner override. */
export const NOT_BOOKABLE_VERDICTS: readonly Verdict[] = ['defer', 'contraindicated'];
