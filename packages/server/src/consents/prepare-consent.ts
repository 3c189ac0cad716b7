import type { RegulatoryResult } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { findConsultation } from '../consultations/repository';
import { readJson, writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { readPatientName } from '../patients/repository';
import { findPlan, findVersion, toVersionView } from '../plans/repository';
import type { UseCaseContext } from '../shared/context';
import { newId } from '../shared/ids';
import { fillConsentTemplate } from './fill-template';
import { findConsentTemplate, toConsentView } from './repository';

/** A consent for the plan's current version: the template's words, the core's disclosures, frozen. */
export async function prepareConsent(
  ctx: UseCaseContext,
  planId: string,
  input: { templateId: string; templateVersion?: number | undefined },
) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const plan = await findPlan(tx, ctx, planId);
    const version = toVersionView(await findVersion(tx, ctx, planId, plan.current_version));
    const consultation = await findConsultation(tx, ctx, plan.consultation_id);
    const template = await findConsentTemplate(tx, ctx, input.templateId, input.templateVersion);
    const patientName = await readPatientName(tx, ctx, plan.patient_id);
    const tenant = await tx
      .selectFrom('tenants')
      .select('name')
      .where('tenant_id', '=', ctx.actor.tenantId)
      .executeTakeFirstOrThrow();
    const disclosures = readJson<RegulatoryResult | null>(consultation.regulatory)?.disclosures ?? [];
    const text = fillConsentTemplate(template.body, {
      clinic: tenant.name,
      patient: patientName,
      plan: version.plan,
      disclosures,
    });
    const row = await tx
      .insertInto('consents')
      .values({
        tenant_id: ctx.actor.tenantId,
        consent_id: newId(ctx.now),
        patient_id: plan.patient_id,
        plan_id: planId,
        plan_version: plan.current_version,
        template_id: template.template_id,
        template_version: template.version,
        text,
        disclosures: writeJson(disclosures),
        status: 'pending',
        signed_name: null,
        signed_at: null,
        signed_ip: null,
        signed_user_agent: null,
        witnessed_by: null,
        witnessed_at: null,
        created_at: ctx.now,
        created_by: ctx.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'consent.prepare',
      patientId: plan.patient_id,
      entity: 'consent',
      entityId: row.consent_id,
      detail: { planVersion: plan.current_version, template: `${template.template_id}@${template.version}` },
    });
    return toConsentView(row);
  });
}
