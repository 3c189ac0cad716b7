// Row shapes of the records tables (migration 0010_records), merged into `Database` so that one
// Kysely instance types every table. Same conventions: epoch-ms numbers, JSON as text or jsonb.

type Json = unknown;

export interface RecordSettingsTable {
  tenant_id: string;
  screening_valid_days: number;
  updated_at: number;
  updated_by: string;
}

export interface TreatmentSessionsTable {
  tenant_id: string;
  session_id: string;
  patient_id: string;
  plan_id: string;
  plan_version: number;
  appointment_id: string | null;
  location_id: string | null;
  session_index: number | null;
  series_planned: number;
  protocol_id: string | null;
  indication: string;
  status: string;
  scheduled_for: number | null;
  checked_in_at: number | null;
  checked_in_by: string | null;
  screened_at: number | null;
  check_in: Json;
  chart_version: number | null;
  signed_at: number | null;
  created_at: number;
  created_by: string;
}

export interface ChartVersionsTable {
  tenant_id: string;
  session_id: string;
  version: number;
  status: string;
  amends_version: number | null;
  reason: string | null;
  content: Json;
  practitioner_id: string;
  created_at: number;
  created_by: string;
  signed_at: number | null;
  signed_by: string | null;
}

export interface SessionLotsTable {
  tenant_id: string;
  session_id: string;
  lot_id: string;
  product_id: string;
  patient_id: string;
  quantity: number;
  used_at: number;
}

export interface LotRecallsTable {
  tenant_id: string;
  lot_id: string;
  reason: string;
  reference: string | null;
  recalled_at: number;
  recalled_by: string;
}

export interface PhotosTable {
  tenant_id: string;
  photo_id: string;
  patient_id: string;
  session_id: string;
  area_id: string;
  side: string | null;
  kind: string;
  sha256: string;
  thumb_sha256: string;
  content_type: string;
  bytes: number;
  width: number;
  height: number;
  created_at: number;
  created_by: string;
}

export interface AdverseEventsTable {
  tenant_id: string;
  adverse_event_id: string;
  patient_id: string;
  type_id: string;
  description: string;
  onset_at: number;
  grade: number;
  serious: number;
  serious_criteria: Json;
  relation: string;
  actions: Json;
  outcome: string;
  resolved_at: number | null;
  expected_until: number | null;
  source: string;
  alerted: number;
  version: number;
  created_at: number;
  created_by: string;
  updated_at: number;
}

export interface AdverseEventUpdatesTable {
  tenant_id: string;
  adverse_event_id: string;
  version: number;
  change: Json;
  note: string | null;
  created_at: number;
  created_by: string;
}

export interface AdverseEventSessionsTable {
  tenant_id: string;
  adverse_event_id: string;
  session_id: string;
}

export interface AdverseEventLotsTable {
  tenant_id: string;
  adverse_event_id: string;
  lot_id: string;
}

export interface FollowUpTasksTable {
  tenant_id: string;
  task_id: string;
  adverse_event_id: string;
  patient_id: string;
  title: string;
  due_at: number;
  assigned_to: string | null;
  done_at: number | null;
  done_by: string | null;
  created_at: number;
  created_by: string;
}

export interface AlertsTable {
  tenant_id: string;
  alert_id: string;
  user_id: string;
  kind: string;
  patient_id: string | null;
  entity: string | null;
  entity_id: string | null;
  title: string;
  body: string;
  created_at: number;
  read_at: number | null;
}

export interface MailOutboxTable {
  tenant_id: string;
  message_id: string;
  to_address: string;
  subject: string;
  body: string;
  entity: string | null;
  entity_id: string | null;
  created_at: number;
  attempts: number;
  sent_at: number | null;
  last_error: string | null;
  /** 1: the body holds a one-time link and is blanked once sent (migration 0024). */
  scrub_after_send?: number;
}

export interface OutcomeScoresTable {
  tenant_id: string;
  score_id: string;
  patient_id: string;
  plan_id: string;
  session_id: string | null;
  instrument_id: string;
  value: number;
  timepoint: string;
  measured_at: number;
  area_id: string | null;
  protocol_id: string | null;
  indication: string;
  rater_role: string;
  note: string | null;
  created_at: number;
  created_by: string;
}

export interface OutcomeLatestTable {
  tenant_id: string;
  plan_id: string;
  instrument_id: string;
  patient_id: string;
  protocol_id: string | null;
  indication: string;
  baseline: number | null;
  latest: number | null;
  latest_at: number | null;
  paired: number;
  improvement: number | null;
  percent_change: number | null;
  improved: number | null;
  reaches_mcid: number | null;
  scores: number;
  updated_at: number;
}

export interface MaintenanceDueTable {
  tenant_id: string;
  plan_id: string;
  patient_id: string;
  due_on: string;
  earliest_on: string;
  latest_on: string;
  basis: string;
  reason: string;
  response: Json;
  updated_at: number;
}

export interface LotExposureTable {
  tenant_id: string;
  lot_id: string;
  product_id: string;
  sessions: number;
}

export interface ProductExposureTable {
  tenant_id: string;
  product_id: string;
  sessions: number;
}

export interface CourseProgressTable {
  tenant_id: string;
  plan_id: string;
  protocol_id: string | null;
  planned: number;
  completed: number;
  last_attended_at: number | null;
  last_recorded_at: number;
}

declare module './schema' {
  interface Database {
    record_settings: RecordSettingsTable;
    treatment_sessions: TreatmentSessionsTable;
    chart_versions: ChartVersionsTable;
    session_lots: SessionLotsTable;
    lot_recalls: LotRecallsTable;
    photos: PhotosTable;
    adverse_events: AdverseEventsTable;
    adverse_event_updates: AdverseEventUpdatesTable;
    adverse_event_sessions: AdverseEventSessionsTable;
    adverse_event_lots: AdverseEventLotsTable;
    follow_up_tasks: FollowUpTasksTable;
    alerts: AlertsTable;
    mail_outbox: MailOutboxTable;
    outcome_scores: OutcomeScoresTable;
    outcome_latest: OutcomeLatestTable;
    maintenance_due: MaintenanceDueTable;
    lot_exposure: LotExposureTable;
    product_exposure: ProductExposureTable;
    course_progress: CourseProgressTable;
  }
}
