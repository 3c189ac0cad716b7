import type { AuditRow } from '../audit/audit-reads';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/connect';
import type { EpochMs } from './ids';

/** What every use case receives: the database, who acts, from where, and when. */
export interface UseCaseContext {
  db: Db;
  actor: Actor;
  ip: string | null;
  requestId: string | null;
  now: EpochMs;
  /** Set for HTTP requests: read audits are committed by the request before it answers. */
  deferReadAudit?: (row: AuditRow) => void;
}
