import { alertClinicLeads } from '../adverse-events/alert-clinic-leads';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { conflict, notFound } from '../shared/errors';

/**
 * Mark a lot recalled: charting refuses any further use of it from now on, and the owners and
 * admins are alerted with how many patients received it. The recall itself names no patient.
 */
export async function recallLot(
  ctx: UseCaseContext,
  lotId: string,
  input: { reason: string; reference?: string | undefined },
  links: { publicBaseUrl: string },
) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const t = ctx.actor.tenantId;
    const lot = await tx
      .selectFrom('product_lots as l')
      .innerJoin('products as p', (j) =>
        j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.product_id', '=', 'l.product_id'),
      )
      .select(['l.lot_id', 'l.lot_number', 'l.product_id', 'p.name'])
      .where('l.tenant_id', '=', t)
      .where('l.lot_id', '=', lotId)
      .executeTakeFirst();
    if (!lot) throw notFound('lot');
    const already = await tx
      .selectFrom('lot_recalls')
      .select('recalled_at')
      .where('tenant_id', '=', t)
      .where('lot_id', '=', lotId)
      .executeTakeFirst();
    if (already) throw conflict(`lot ${lot.lot_number} was already recalled`);
    await tx
      .insertInto('lot_recalls')
      .values({
        tenant_id: t,
        lot_id: lotId,
        reason: input.reason,
        reference: input.reference ?? null,
        recalled_at: ctx.now,
        recalled_by: ctx.actor.userId,
      })
      .execute();
    const reach = await tx
      .selectFrom('session_lots')
      .select((eb) => [
        eb.fn.count<number>('session_id').as('sessions'),
        eb.fn.count<number>('patient_id').distinct().as('patients'),
      ])
      .where('tenant_id', '=', t)
      .where('lot_id', '=', lotId)
      .executeTakeFirstOrThrow();
    const patients = Number(reach.patients);
    const sessions = Number(reach.sessions);
    await alertClinicLeads(tx, ctx, {
      kind: 'lot-recall',
      patientId: null,
      entity: 'lot',
      entityId: lotId,
      title: `Lot ${lot.lot_number} of ${lot.name} recalled`,
      body: `${input.reason}. ${patients} patient(s) received it in ${sessions} session(s): open the recipients list to contact them.`,
      mailBody: `Lot ${lot.lot_number} of ${lot.name} was recalled: ${input.reason}.\n${patients} patient(s) received it. Open Products and lots in Exoclinic for the recipients: ${links.publicBaseUrl.replace(/\/+$/, '')}/products`,
    });
    await recordAudit(tx, ctx, {
      action: 'lot.recall',
      patientId: null,
      entity: 'lot',
      entityId: lotId,
      detail: { reason: input.reason, reference: input.reference ?? null, patients, sessions },
    });
    return {
      lotId,
      lotNumber: lot.lot_number,
      productId: lot.product_id,
      recalledAt: ctx.now,
      reason: input.reason,
      reference: input.reference ?? null,
      patients,
      sessions,
    };
  });
}
