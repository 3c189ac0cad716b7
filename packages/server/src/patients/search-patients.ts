import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { decodeCursor, encodeCursor } from '../http/schemas';
import type { UseCaseContext } from '../shared/context';
import { digitsOnly, escapeLike, foldForSearch } from '../shared/text';
import { toPatientView } from './repository';
import type { PatientQuery, PatientView } from './schemas';

const contains = (s: string) => `%${escapeLike(s)}%`;

/**
 * Patients by name (every word, partial, case- and accent-insensitive), date of birth, phone
 * digits or e-mail; ordered by family name, paged by an opaque cursor.
 */
export async function searchPatients(
  ctx: UseCaseContext,
  query: PatientQuery,
): Promise<{ items: PatientView[]; nextCursor: string | null }> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    let q = tx.selectFrom('patients').selectAll().where('tenant_id', '=', ctx.actor.tenantId);
    if (ctx.actor.role === 'patient') q = q.where('patient_id', '=', ctx.actor.patientId ?? '');
    if (query.q) {
      for (const word of foldForSearch(query.q).split(' ')) {
        q = q.where(sql<boolean>`search_name like ${contains(word)} escape '\\'`);
      }
    }
    if (query.dob) q = q.where('date_of_birth', '=', query.dob);
    if (query.phone) {
      const digits = digitsOnly(query.phone);
      q = q.where(sql<boolean>`phone_digits like ${contains(digits)} escape '\\'`);
    }
    if (query.email)
      q = q.where(sql<boolean>`email_lower like ${contains(query.email.toLowerCase())} escape '\\'`);
    const after = decodeCursor(query.cursor, 2);
    if (after) {
      const [sortName, id] = after as [string, string];
      q = q.where((eb) =>
        eb.or([
          eb('sort_name', '>', sortName),
          eb.and([eb('sort_name', '=', sortName), eb('patient_id', '>', id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('sort_name')
      .orderBy('patient_id')
      .limit(query.limit + 1)
      .execute();
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    await recordAudit(tx, ctx, {
      action: 'patient.search',
      patientId: page.length === 1 ? page[0]!.patient_id : null,
      entity: 'patient',
      entityId: null,
      detail: {
        filters: Object.keys(query).filter(
          (k) => k !== 'limit' && query[k as keyof PatientQuery] !== undefined,
        ),
        patientIds: page.map((r) => r.patient_id),
      },
    });
    return {
      items: page.map(toPatientView),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.sort_name, last.patient_id]) : null,
    };
  });
}
