import type { Disclosure } from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { ConsentsTable, ConsentTemplatesTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

export const toTemplateView = (r: Selectable<ConsentTemplatesTable>) => ({
  id: r.template_id,
  version: r.version,
  title: r.title,
  body: r.body,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export const toConsentView = (r: Selectable<ConsentsTable>) => ({
  id: r.consent_id,
  patientId: r.patient_id,
  planId: r.plan_id,
  planVersion: r.plan_version,
  templateId: r.template_id,
  templateVersion: r.template_version,
  text: r.text,
  disclosures: readJson<Disclosure[]>(r.disclosures),
  status: r.status,
  signature:
    r.signed_at === null
      ? null
      : { typedName: r.signed_name, at: r.signed_at, address: r.signed_ip, userAgent: r.signed_user_agent },
  witness: r.witnessed_at === null ? null : { userId: r.witnessed_by, at: r.witnessed_at },
  createdAt: r.created_at,
  createdBy: r.created_by,
});

export async function findConsent(tx: Tx, ctx: UseCaseContext, consentId: string) {
  const row = await tx
    .selectFrom('consents')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('consent_id', '=', consentId)
    .executeTakeFirst();
  if (!row) throw notFound('consent');
  assertMayReachPatient(ctx, row.patient_id);
  return row;
}

/** A consent template at the version named, else at its latest version. */
export async function findConsentTemplate(
  tx: Tx,
  ctx: UseCaseContext,
  templateId: string,
  version?: number | undefined,
) {
  let q = tx
    .selectFrom('consent_templates')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('template_id', '=', templateId);
  q = version ? q.where('version', '=', version) : q.orderBy('version', 'desc').limit(1);
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('consent template');
  return row;
}
