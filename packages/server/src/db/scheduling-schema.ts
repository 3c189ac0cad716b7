// Row shapes of the scheduling tables (migration 0020_scheduling), merged into `Database` so that
// one Kysely instance types every table. Same conventions: epoch-ms numbers, JSON as text or jsonb.

type Json = unknown;

export interface LocationSchedulesTable {
  tenant_id: string;
  location_id: string;
  weekly: Json;
  closures: Json;
  step_minutes: number;
  cleaning_minutes: number;
  updated_at: number;
  updated_by: string;
}

export interface ResourcesTable {
  tenant_id: string;
  resource_id: string;
  kind: string;
  name: string;
  location_id: string | null;
  user_id: string | null;
  device_type: string | null;
  modalities: Json;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface ResourceHoursTable {
  tenant_id: string;
  resource_id: string;
  location_id: string;
  weekly: Json;
}

export interface ResourceTimeOffTable {
  tenant_id: string;
  time_off_id: string;
  resource_id: string;
  start_ms: number;
  end_ms: number;
  reason: string | null;
  created_at: number;
  created_by: string;
}

export interface CourseBookingsTable {
  tenant_id: string;
  course_id: string;
  plan_id: string;
  plan_version: number;
  patient_id: string;
  location_id: string;
  modality: string;
  status: string;
  created_at: number;
  created_by: string;
}

export interface AppointmentsTable {
  tenant_id: string;
  appointment_id: string;
  course_id: string | null;
  plan_id: string;
  patient_id: string;
  location_id: string;
  modality: string;
  kind: string;
  follow_up_kind: string | null;
  session_index: number | null;
  status: string;
  start_ms: number;
  end_ms: number;
  practitioner_id: string | null;
  room_id: string | null;
  device_ids: Json;
  window_earliest: string | null;
  window_latest: string | null;
  replaces_appointment_id: string | null;
  version: number;
  created_at: number;
  created_by: string;
  updated_at: number;
}

export interface AppointmentHistoryTable {
  tenant_id: string;
  appointment_id: string;
  version: number;
  change: string;
  status: string;
  start_ms: number;
  end_ms: number;
  practitioner_id: string | null;
  room_id: string | null;
  device_ids: Json;
  reason: string | null;
  deviation_id: string | null;
  created_at: number;
  created_by: string;
}

export interface ResourceHoldsTable {
  tenant_id: string;
  hold_id: string;
  appointment_id: string;
  resource_id: string;
  kind: string;
  start_ms: number;
  end_ms: number;
  active: number;
}

export interface ProtocolDeviationsTable {
  tenant_id: string;
  deviation_id: string;
  course_id: string;
  plan_id: string;
  patient_id: string;
  appointment_id: string;
  gap_index: number;
  window_min_days: number;
  window_max_days: number;
  actual_days: number;
  reason: string;
  confirmed_by: string;
  created_at: number;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  idem_key: string;
  request_hash: string;
  status_code: number;
  response: Json;
  created_at: number;
  created_by: string;
}

export interface CalendarFeedsTable {
  tenant_id: string;
  feed_id: string;
  kind: string;
  subject_id: string;
  patient_id: string | null;
  label: string;
  token_hash: string;
  created_at: number;
  created_by: string;
  revoked_at: number | null;
}

declare module './schema' {
  interface Database {
    location_schedules: LocationSchedulesTable;
    resources: ResourcesTable;
    resource_hours: ResourceHoursTable;
    resource_time_off: ResourceTimeOffTable;
    course_bookings: CourseBookingsTable;
    appointments: AppointmentsTable;
    appointment_history: AppointmentHistoryTable;
    resource_holds: ResourceHoldsTable;
    protocol_deviations: ProtocolDeviationsTable;
    idempotency_keys: IdempotencyKeysTable;
    calendar_feeds: CalendarFeedsTable;
  }
}
