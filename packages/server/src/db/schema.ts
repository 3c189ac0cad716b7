// Row shapes of every table. Instants are epoch-ms numbers; JSON columns hold text on SQLite and
// jsonb on PostgreSQL, written as strings and read through `readJson`.

import type { ColumnType } from 'kysely';

type Json = unknown;

export interface TenantsTable {
  tenant_id: string;
  name: string;
  jurisdiction: string;
  currency: string;
  time_zone: string;
  policy: Json;
  created_at: number;
  /** BCP 47 tag the clinic's dates and money are written in (migration 0026). */
  locale: ColumnType<string, string | undefined, string>;
  phone: string | null;
  email: string | null;
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<number, number | undefined, number>;
  /** Hours before a session inside which a patient can no longer move it online (migration 0028). */
  patient_change_notice_hours: ColumnType<number, number | undefined, number>;
}

/** Reference table (not per tenant): the only way from an e-mail to its clinic at sign-in. */
export interface LoginDirectoryTable {
  email: string;
  tenant_id: string;
  user_id: string;
}

export interface LocationsTable {
  tenant_id: string;
  location_id: string;
  name: string;
  time_zone: string;
  address: string | null;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  tenant_id: string;
  user_id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  patient_id: string | null;
  location_id: string | null;
  active: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface AuthSessionsTable {
  tenant_id: string;
  session_id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
  revoked_at: number | null;
}

export interface ApiTokensTable {
  tenant_id: string;
  token_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: Json;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
}

export interface PatientsTable {
  tenant_id: string;
  patient_id: string;
  given_name: string;
  family_name: string;
  sort_name: string;
  search_name: string;
  date_of_birth: string;
  sex: string;
  phone: string | null;
  phone_digits: string | null;
  email: string | null;
  email_lower: string | null;
  address: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  created_by: string;
}

export interface ConsultationsTable {
  tenant_id: string;
  consultation_id: string;
  patient_id: string;
  location_id: string | null;
  product_id: string | null;
  indication: string;
  modality: string;
  jurisdiction: string;
  verdict: string;
  regulatory_decision: string | null;
  bookable: number;
  profile: Json;
  screening: Json;
  regulatory: Json;
  blocked_by: Json;
  created_at: number;
  created_by: string;
}

export interface PlansTable {
  tenant_id: string;
  plan_id: string;
  patient_id: string;
  consultation_id: string;
  status: string;
  current_version: number;
  accepted_version: number | null;
  accepted_at: number | null;
  accepted_by: string | null;
  accept_override: Json;
  created_at: number;
  updated_at: number;
  withdrawn_at: number | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
}

export interface PlanVersionsTable {
  tenant_id: string;
  plan_id: string;
  version: number;
  protocol_id: string | null;
  reason: string;
  override: Json;
  plan: Json;
  created_at: number;
  created_by: string;
}

export interface ConsentTemplatesTable {
  tenant_id: string;
  template_id: string;
  version: number;
  title: string;
  body: string;
  created_at: number;
  created_by: string;
}

export interface ConsentsTable {
  tenant_id: string;
  consent_id: string;
  patient_id: string;
  plan_id: string;
  plan_version: number;
  template_id: string;
  template_version: number;
  text: string;
  disclosures: Json;
  status: string;
  signed_name: string | null;
  signed_at: number | null;
  signed_ip: string | null;
  signed_user_agent: string | null;
  witnessed_by: string | null;
  witnessed_at: number | null;
  created_at: number;
  created_by: string;
}

export interface ProductsTable {
  tenant_id: string;
  product_id: string;
  name: string;
  supplier: string;
  origin: string;
  registrations: Json;
  components: Json;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface ProductLotsTable {
  tenant_id: string;
  lot_id: string;
  product_id: string;
  lot_number: string;
  expires_on: string;
  quantity: number;
  unit: string;
  created_at: number;
}

export interface PriceListsTable {
  tenant_id: string;
  price_list_id: string;
  name: string;
  currency: string;
  content: Json;
  created_at: number;
  created_by: string;
}

export interface QuotesTable {
  tenant_id: string;
  quote_id: string;
  patient_id: string;
  plan_id: string;
  plan_version: number;
  price_list_id: string;
  tier: string;
  currency: string;
  total_minor: number;
  quote: Json;
  created_at: number;
  created_by: string;
}

export interface AuditLogTable {
  tenant_id: string;
  audit_id: string;
  at: number;
  actor_user_id: string | null;
  actor_role: string | null;
  via: string | null;
  action: string;
  patient_id: string | null;
  entity: string | null;
  entity_id: string | null;
  ip: string | null;
  request_id: string | null;
  detail: Json;
}

export interface Database {
  tenants: TenantsTable;
  login_directory: LoginDirectoryTable;
  locations: LocationsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  api_tokens: ApiTokensTable;
  patients: PatientsTable;
  consultations: ConsultationsTable;
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  consent_templates: ConsentTemplatesTable;
  consents: ConsentsTable;
  products: ProductsTable;
  product_lots: ProductLotsTable;
  price_lists: PriceListsTable;
  quotes: QuotesTable;
  audit_log: AuditLogTable;
}

/** Tables that belong to a clinic: RLS on PostgreSQL, `tenant_id` leading every key. */
export const TENANT_TABLES = [
  'tenants',
  'locations',
  'users',
  'auth_sessions',
  'api_tokens',
  'patients',
  'consultations',
  'plans',
  'plan_versions',
  'consent_templates',
  'consents',
  'products',
  'product_lots',
  'price_lists',
  'quotes',
  'audit_log',
] as const;
