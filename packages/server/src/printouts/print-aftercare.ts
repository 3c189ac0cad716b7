import type { Jurisdiction, Plan } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { findClinic } from '../clinic/repository';
import { readJson } from '../db/connect';
import { readTenant } from '../db/tenant';
import { assertMayReachPatient, findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { findLastTreatedSession } from './find-treated-session';
import type { Printout } from './print-plan';
import { fileNamePart } from './printout-format';
import { type AftercarePrintout, renderAftercarePdf } from './render-aftercare-pdf';

/**
 * Aftercare for the patient's last treated session as a printable PDF: the phases count from the
 * session's check-in, the modality is the one its plan version planned. Audited as a read.
 */
export async function printAftercare(ctx: UseCaseContext, patientId: string): Promise<Printout> {
  assertMayReachPatient(ctx, patientId);
  const tenantId = ctx.actor.tenantId;
  const data = await readTenant(ctx.db, tenantId, async (tx): Promise<AftercarePrintout> => {
    const patient = await findPatient(tx, ctx, patientId);
    const session = await findLastTreatedSession(tx, tenantId, patientId);
    if (!session || session.checked_in_at === null) throw notFound('treated session');
    const [tenant, version, location, products] = await Promise.all([
      findClinic(tx, tenantId),
      tx
        .selectFrom('plan_versions')
        .select(['plan'])
        .where('tenant_id', '=', tenantId)
        .where('plan_id', '=', session.plan_id)
        .where('version', '=', session.plan_version)
        .executeTakeFirstOrThrow(),
      session.location_id
        ? tx
            .selectFrom('locations')
            .select(['name', 'address', 'time_zone'])
            .where('tenant_id', '=', tenantId)
            .where('location_id', '=', session.location_id)
            .executeTakeFirst()
        : Promise.resolve(undefined),
      tx
        .selectFrom('session_lots as s')
        .innerJoin('product_lots as l', (j) =>
          j.onRef('l.tenant_id', '=', 's.tenant_id').onRef('l.lot_id', '=', 's.lot_id'),
        )
        .innerJoin('products as p', (j) =>
          j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.product_id', '=', 's.product_id'),
        )
        .select(['p.name', 'l.lot_number'])
        .where('s.tenant_id', '=', tenantId)
        .where('s.session_id', '=', session.session_id)
        .orderBy('p.name')
        .orderBy('l.lot_number')
        .execute(),
    ]);
    await recordAudit(tx, ctx, {
      action: 'aftercare-printout.read',
      patientId,
      entity: 'session',
      entityId: session.session_id,
    });
    const plan = readJson<Plan>(version.plan);
    return {
      clinic: {
        name: tenant.name,
        jurisdiction: tenant.jurisdiction as Jurisdiction,
        timeZone: tenant.time_zone,
        locale: tenant.locale,
        phone: tenant.phone,
        email: tenant.email,
      },
      location: location ? { name: location.name, address: location.address } : null,
      patient: { name: `${patient.given_name} ${patient.family_name}` },
      session: {
        at: session.checked_in_at,
        index: session.session_index,
        seriesPlanned: session.series_planned,
        timeZone: location?.time_zone ?? tenant.time_zone,
        products: products.map((x) => ({ name: x.name, lotNumber: x.lot_number })),
      },
      indication: plan.indication,
      modality: plan.modality,
      printedAt: ctx.now,
    };
  });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: data.session.timeZone }).format(data.session.at);
  return {
    pdf: await renderAftercarePdf(data),
    fileName: `aftercare-${fileNamePart(data.patient.name)}-${day}.pdf`,
  };
}
