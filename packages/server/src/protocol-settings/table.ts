// Written as a JSON string, read through `readJson` (jsonb on PostgreSQL, text on SQLite).
type Json = unknown;

/** One row per clinic and indication (migration 0025). */
export interface ProtocolSettingsTable {
  tenant_id: string;
  indication: string;
  /** Protocol ids the clinic offers, in the clinic's order. */
  offered: Json;
  default_protocol: string;
  updated_at: number;
  updated_by: string;
}

declare module '../db/schema' {
  interface Database {
    protocol_settings: ProtocolSettingsTable;
  }
}
