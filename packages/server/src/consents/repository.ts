import type { Disclosure } from '@exoclinic/core';
import type { Selectable } from 'kysely';
import { readJson } from '../db/connect';
import type { ConsentsTable } from '../db/schema';
import type { Tx } from '../db/tenant';
import { assertMayReachPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

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
