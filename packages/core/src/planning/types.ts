import type { MilestoneKind } from '../catalog/indications';
import type { ProtocolKind } from '../catalog/protocols';
import type { PractitionerOverride } from '../profile';
import type { AreaSize, IndicationId, LocalDate, ModalityId, Sourced, SourceKey } from '../types';
import type { ResponseModel, ResponsePoint } from './response-curve';

export interface DayWindow extends Sourced {
  min: number;
  target: number;
  max: number;
}

export interface PlannedSession {
  index: number;
  /** Proposed date at the target interval; booking may move it inside [earliest, latest]. */
  date: LocalDate;
  /** The window allowed after the previous session (the first session: the start date). */
  earliest: LocalDate;
  latest: LocalDate;
  sources: SourceKey[];
}

export type FollowUpKind = 'outcome-review' | 'safety-review' | 'study-follow-up';

export interface PlannedFollowUp extends Sourced {
  kind: FollowUpKind;
  label: string;
  date: LocalDate;
  /** Not before this day (safety review: at least three months after the last session). */
  notBefore: LocalDate;
}

export interface PlannedMilestone extends Sourced {
  kind: MilestoneKind;
  weeks: { min: number; max: number };
  from: 'first-session' | 'last-session';
  dates: { from: LocalDate; to: LocalDate };
  note?: string;
}

export interface ExplanationEntry {
  factor: string;
  effect: string;
  sources: SourceKey[];
}

export interface Conflict {
  statement: string;
  sources: SourceKey[];
}

export interface Plan {
  indication: IndicationId;
  modality: ModalityId;
  areaSize: AreaSize;
  startDate: LocalDate;
  protocol: {
    id: string;
    kind: ProtocolKind;
    title: string;
    version: number;
    derivation?: string;
    sources: SourceKey[];
  };
  initialSeries: {
    sessions: number;
    range: { min: number; max: number };
    intervalDays: DayWindow;
    sources: SourceKey[];
  };
  maintenance: {
    intervalDays: DayWindow;
    firstDue: { earliest: LocalDate; target: LocalDate; latest: LocalDate };
    sources: SourceKey[];
  } | null;
  sessions: PlannedSession[];
  followUps: PlannedFollowUp[];
  sessionMinutes: { min: number; max: number; sources: SourceKey[] };
  milestones: PlannedMilestone[];
  explanation: ExplanationEntry[];
  conflicts: Conflict[];
  responseModel: ResponseModel;
  responseCurve: { points: ResponsePoint[]; boosterWeeks: number[]; sources: SourceKey[] };
  /** Plain statements every plan carries: results vary, the evidence is limited. */
  caveats: { id: string; text: string; sources: SourceKey[] }[];
  /** Present when a practitioner overrode a screening or regulatory stop. */
  override: (PractitionerOverride & { overrides: string[] }) | null;
  /** Every source the plan cites. */
  sources: SourceKey[];
}
