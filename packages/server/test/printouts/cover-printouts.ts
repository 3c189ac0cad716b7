import { expect } from 'vitest';
import type { Db } from '../../src/db/connect';
import type { Caller } from '../helpers/clinic';
import { recordsFixture } from '../helpers/records-routes';

/**
 * The printouts' share of the audit-completeness walk: each PDF read (and the read of the session
 * the aftercare PDF counts from) leaves exactly one audit
 * row naming the patient, in the same request.
 */
export async function coverPrintoutRoutes(t: { db: Db; covered: Set<string>; owner: Caller }) {
  const { db, covered, owner } = t;
  const f = await recordsFixture(owner);
  for (const path of ['plan.pdf', 'aftercare.pdf', 'aftercare-session']) {
    const key = `GET /api/v1/patients/{id}/${path}`;
    const res = await owner.get(`/api/v1/patients/${f.patientId}/${path}`);
    expect(res.statusCode, `${key}: ${res.statusCode}`).toBe(200);
    const rows = await db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .execute();
    expect(rows.length, key).toBe(1);
    expect(rows[0]!.patient_id, key).toBe(f.patientId);
    covered.add(key);
  }
}
