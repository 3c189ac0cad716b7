import type { Tx } from '../db/tenant';
import type { TenantId } from '../shared/ids';

/** Sessions whose chart records the treatment given, signed or still a draft. */
const TREATED = ['charted', 'signed'];

/**
 * The patient's last treated session, the one aftercare counts from: charted or signed, newest
 * check-in first. Undefined before any session is charted (a check-in alone is not a treatment).
 */
export function findLastTreatedSession(tx: Tx, tenantId: TenantId, patientId: string) {
  return tx
    .selectFrom('treatment_sessions')
    .select(['session_id', 'plan_id', 'plan_version', 'location_id', 'session_index', 'series_planned'])
    .select('checked_in_at')
    .where('tenant_id', '=', tenantId)
    .where('patient_id', '=', patientId)
    .where('status', 'in', TREATED)
    .where('checked_in_at', 'is not', null)
    .orderBy('checked_in_at', 'desc')
    .orderBy('session_id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
