// Shapes of the records API (charting, outcomes, adverse events, recalls), as the server's route
// files return them.

export type AreaSide = 'left' | 'right' | 'both';

export interface TreatmentArea {
  id: string;
  region: 'face' | 'scalp' | 'joint' | 'body';
  name: string;
  sided: boolean;
}

export interface ChartedArea {
  areaId: string;
  side?: AreaSide;
}

export interface ProductUse {
  productId: string;
  lotId: string;
  quantity: number;
  volumeMl?: number;
  dose?: string;
  route: string;
  areas: ChartedArea[];
}

export interface DeviceSettings {
  device?: string;
  needleDepthMm?: number;
  passes?: number;
  laser?: { type: string; wavelengthNm?: number; fluenceJPerCm2?: number };
}

export interface ChartInput {
  practitionerId?: string;
  products: ProductUse[];
  otherMaterials: { name: string; amount?: string; lotNumber?: string }[];
  areas: ChartedArea[];
  device?: DeviceSettings;
  notes: string;
}

export interface ChartVersion {
  version: number;
  status: 'draft' | 'signed';
  amendsVersion: number | null;
  reason: string | null;
  chart: ChartInput;
  practitionerId: string;
  createdAt: number;
  createdBy: string;
  signedAt: number | null;
  signedBy: string | null;
}

export interface TreatmentSession {
  id: string;
  patientId: string;
  planId: string;
  planVersion: number;
  appointmentId: string | null;
  locationId: string | null;
  sessionIndex: number | null;
  seriesPlanned: number;
  kind: 'series' | 'maintenance';
  protocolId: string;
  indication: string;
  status: string;
  checkedInAt: number | null;
  checkIn: {
    verdict?: string;
    screeningAgeDays?: number;
    questionnaire?: unknown;
  } | null;
  chartVersion: number | null;
  signedAt: number | null;
  createdAt: number;
  chart: ChartVersion | null;
}

export interface ChangeQuestionnaire {
  pregnant: boolean;
  breastfeeding: boolean;
  newInfection: boolean;
  newMedicines: string[];
  newAllergies: string[];
}

export interface BaselineComparison {
  instrumentId: string;
  comparative: boolean;
  baseline: number | null;
  current: number;
  change: number;
  improvement: number;
  percentChange: number | null;
  improved: boolean;
  direction: 'improved' | 'no-change' | 'worse';
  mcid: { min: number; max: number; sources: string[] } | null;
  reachesMcid: boolean | null;
  mcidReason: string;
  sources: string[];
}

export interface OutcomeRecorded {
  id: string;
  instrumentId: string;
  value: number;
  timepoint: string;
  measuredAt: number;
  comparison: BaselineComparison | null;
  comparisonProblem: string | null;
  maintenanceDue: unknown;
}

export interface PlanOutcomes {
  planId: string;
  instruments: {
    instrumentId: string;
    baseline: number | null;
    latest: number | null;
    comparison: BaselineComparison | null;
    unpaired: string | null;
    scores: { id: string; value: number; timepoint: string; measuredAt: number }[];
  }[];
}

export interface AdverseEvent {
  id: string;
  patientId: string;
  type: { id: string; name: string };
  description: string;
  onsetAt: number;
  grade: number;
  serious: boolean;
  outcome: string;
  source: string;
  alerted: boolean;
  outlastsExpected: boolean | null;
  needsReview: boolean;
  flags: string[];
  lotIds: string[];
  createdAt: number;
}

export interface StaffAlert {
  id: string;
  kind: string;
  patientId: string | null;
  entity: string;
  entityId: string | null;
  title: string;
  body: string;
  createdAt: number;
  readAt: number | null;
}

export interface RecallItem {
  kind: 'maintenance' | 'follow-up';
  followUpKind: string | null;
  label: string;
  earliest: string;
  due: string;
  latest: string | null;
  bookedAppointmentId: string | null;
  sources: string[];
  planId: string;
  patientId: string;
  patientName: string;
  locationId: string;
  status: 'booked' | 'upcoming' | 'due' | 'overdue';
}

export interface LotRecipients {
  lot: {
    id: string;
    lotNumber: string;
    expiresOn: string;
    productId: string;
    productName: string;
    recalledAt: number | null;
    recallReason: string | null;
  };
  patients: number;
  items: {
    patientId: string;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    phone: string | null;
    email: string | null;
    sessionId: string;
    treatedAt: number;
    quantity: number;
  }[];
}

/** One catalog reading of an adverse event (core `assessAdverseEvent`), as the server sends it. */
export interface AdverseEventFlag {
  code: string;
  message: string;
  sources: string[];
}

export interface AdverseEventAssessment {
  type: { id: string; name: string; frequency: string };
  grade: { grade: number; name: string; meaning: string; sources: string[] };
  ongoing: boolean;
  durationHours: number;
  expectedHours: { min: number; max: number; sources: string[] } | null;
  outlastsExpected: boolean | null;
  alert: { immediate: boolean; reasons: { reason: string; sources: string[] }[] };
  needsReview: boolean;
  delayedOnset: { daysAfterSession: number; inWindow: boolean; note: string; sources: string[] } | null;
  flags: AdverseEventFlag[];
  sources: string[];
}

export interface FollowUpTask {
  id: string;
  adverseEventId: string;
  patientId: string;
  title: string;
  dueAt: number;
  assignedTo: string | null;
  doneAt: number | null;
  doneBy: string | null;
  createdAt: number;
}

/** An adverse event with its links, follow-up tasks and assessment (GET /adverse-events/{id}). */
export interface AdverseEventRecord {
  id: string;
  patientId: string;
  type: { id: string; name: string };
  description: string;
  onsetAt: number;
  grade: number;
  serious: boolean;
  seriousCriteria: string[];
  relation: string;
  actions: string[];
  outcome: string;
  resolvedAt: number | null;
  source: 'staff' | 'patient';
  alerted: boolean;
  outlastsExpected: boolean | null;
  needsReview: boolean;
  flags: AdverseEventFlag[];
  assessment: AdverseEventAssessment | null;
  sessionIds: string[];
  lotIds: string[];
  followUps: FollowUpTask[];
  version: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
}

/** A Wilson 95% interval for a share (core `proportionInterval`). */
export interface ProportionInterval {
  events: number;
  exposures: number;
  estimate: number | null;
  lower: number;
  upper: number;
  confidence: number;
  method: string;
  sources: string[];
}

export interface OutcomesReport {
  groups: {
    protocolId: string;
    indication: string;
    instrumentId: string;
    n: number;
    meanChange: number | null;
    meanImprovement: number | null;
    improved: ProportionInterval;
    reachingMcid: ProportionInterval | null;
    unpaired: { noBaseline: number; noFollowUp: number };
  }[];
}

export interface AdverseEventRate {
  exposures: number;
  affectedSessions: number;
  events: number;
  seriousEvents: number;
  rate: ProportionInterval;
}

export interface AdverseEventRatesReport {
  byProduct: (AdverseEventRate & { productId: string; productName: string | null })[];
  byLot: (AdverseEventRate & { productId: string | null; lotId: string; lotNumber: string | null })[];
}

export interface SeriesCompletion {
  finished: number;
  completed: number;
  inProgress: number;
  rate: ProportionInterval;
}

export interface SeriesCompletionReport {
  overall: SeriesCompletion;
  byProtocol: (SeriesCompletion & { protocolId: string })[];
  stoppedAfterDays: number;
}

export interface NoShowReport {
  source: 'appointments' | 'sessions';
  from: number;
  to: number;
  attended: number;
  noShows: number;
  cancelled: number;
  scheduled: number;
  rate: ProportionInterval;
}
