import type { CourseQuote, Jurisdiction, Plan, RegulatoryResult } from '@exoclinic/core';
import { sql } from 'kysely';
import { siteZones } from '../appointments/repository';
import { recordAudit } from '../audit/record-audit';
import { findClinic } from '../clinic/repository';
import { readJson } from '../db/connect';
import { readTenant } from '../db/tenant';
import { assertMayReachPatient, findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { fileNamePart } from './printout-format';
import { type BookedVisit, type PlanPrintout, renderPlanPdf } from './render-plan-pdf';

export interface Printout {
  pdf: Buffer;
  fileName: string;
}

/**
 * The patient's current plan as a printable PDF. "Current" is the rule of GET current-plan: the
 * newest accepted plan, else the newest proposed one. The read is audited like any plan read.
 */
export async function printPlan(ctx: UseCaseContext, patientId: string): Promise<Printout> {
  assertMayReachPatient(ctx, patientId);
  const tenantId = ctx.actor.tenantId;
  const data = await readTenant(ctx.db, tenantId, async (tx): Promise<PlanPrintout> => {
    const patient = await findPatient(tx, ctx, patientId);
    const plan = await tx
      .selectFrom('plans as p')
      .innerJoin('plan_versions as v', (j) =>
        j
          .onRef('v.tenant_id', '=', 'p.tenant_id')
          .onRef('v.plan_id', '=', 'p.plan_id')
          .onRef('v.version', '=', 'p.current_version'),
      )
      .select([
        'p.plan_id',
        'p.consultation_id',
        'p.status',
        'p.current_version',
        'p.accepted_version',
        'v.plan',
      ])
      .where('p.tenant_id', '=', tenantId)
      .where('p.patient_id', '=', patientId)
      .where('p.status', '<>', 'withdrawn')
      .orderBy(sql`case when p.status = 'accepted' then 0 else 1 end`)
      .orderBy('p.created_at', 'desc')
      .orderBy('p.plan_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!plan) throw notFound('current plan');
    const [tenant, consultation, appointments, zones, quote] = await Promise.all([
      findClinic(tx, tenantId),
      tx
        .selectFrom('consultations')
        .select(['regulatory'])
        .where('tenant_id', '=', tenantId)
        .where('consultation_id', '=', plan.consultation_id)
        .executeTakeFirst(),
      tx
        .selectFrom('appointments')
        .select(['kind', 'session_index', 'follow_up_kind', 'start_ms', 'location_id'])
        .where('tenant_id', '=', tenantId)
        .where('plan_id', '=', plan.plan_id)
        .where('status', 'in', ['booked', 'checked-in', 'completed'])
        .orderBy('start_ms')
        .execute(),
      siteZones(tx, tenantId),
      tx
        .selectFrom('quotes')
        .select(['quote', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('plan_id', '=', plan.plan_id)
        .where('plan_version', '=', plan.current_version)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    await recordAudit(tx, ctx, {
      action: 'plan-printout.read',
      patientId,
      entity: 'plan',
      entityId: plan.plan_id,
      detail: { version: plan.current_version },
    });
    return {
      clinic: {
        name: tenant.name,
        jurisdiction: tenant.jurisdiction as Jurisdiction,
        timeZone: tenant.time_zone,
        locale: tenant.locale,
      },
      patient: { name: `${patient.given_name} ${patient.family_name}`, dateOfBirth: patient.date_of_birth },
      plan: {
        status: plan.status,
        version: plan.current_version,
        acceptedVersion: plan.accepted_version,
        body: readJson<Plan>(plan.plan),
      },
      regulatory: consultation ? readJson<RegulatoryResult | null>(consultation.regulatory) : null,
      booked: appointments.map(
        (a): BookedVisit => ({
          kind: a.kind as BookedVisit['kind'],
          sessionIndex: a.session_index,
          followUpKind: a.follow_up_kind,
          start: a.start_ms,
          timeZone: zones.get(a.location_id) ?? tenant.time_zone,
        }),
      ),
      quote: quote ? { createdAt: quote.created_at, quote: readJson<CourseQuote>(quote.quote) } : null,
      printedAt: ctx.now,
    };
  });
  return {
    pdf: await renderPlanPdf(data),
    fileName: `plan-${fileNamePart(data.patient.name)}-v${data.plan.version}.pdf`,
  };
}
