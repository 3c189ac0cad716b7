import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { readTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { findLastTreatedSession } from './find-treated-session';

export const aftercareSession = z.object({
  session: z
    .object({
      id: z.string(),
      planId: z.string(),
      checkedInAt: z.number().int().describe('epoch ms: the aftercare phases count from here'),
      index: z.number().int().nullable(),
      seriesPlanned: z.number().int(),
    })
    .nullable()
    .describe('the last charted or signed session; null before any: the aftercare PDF answers 404 then'),
});

/**
 * The session the aftercare sheet counts from, or none yet: what a page needs to know before it
 * offers the aftercare PDF. Audited as a read of the patient's record.
 */
export async function readAftercareSession(
  ctx: UseCaseContext,
  patientId: string,
): Promise<z.infer<typeof aftercareSession>> {
  const tenantId = ctx.actor.tenantId;
  return readTenant(ctx.db, tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    const s = await findLastTreatedSession(tx, tenantId, patientId);
    await recordAudit(tx, ctx, {
      action: 'aftercare-session.read',
      patientId,
      entity: 'session',
      entityId: s?.session_id ?? null,
    });
    if (!s || s.checked_in_at === null) return { session: null };
    return {
      session: {
        id: s.session_id,
        planId: s.plan_id,
        checkedInAt: s.checked_in_at,
        index: s.session_index,
        seriesPlanned: s.series_planned,
      },
    };
  });
}
