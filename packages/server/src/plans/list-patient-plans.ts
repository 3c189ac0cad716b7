import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { findPatient } from '../patients/repository';
import type { UseCaseContext } from '../shared/context';
import { type PlanView, toPlanView } from './repository';

/** Every plan of a patient (withdrawn ones too), newest first, each with its current version. */
export async function listPatientPlans(ctx: UseCaseContext, patientId: string): Promise<PlanView[]> {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    await findPatient(tx, ctx, patientId);
    const rows = await tx
      .selectFrom('plans as p')
      .innerJoin('plan_versions as v', (j) =>
        j
          .onRef('v.tenant_id', '=', 'p.tenant_id')
          .onRef('v.plan_id', '=', 'p.plan_id')
          .onRef('v.version', '=', 'p.current_version'),
      )
      .selectAll('p')
      .select(['v.version', 'v.reason', 'v.protocol_id', 'v.override', 'v.plan', 'v.created_by'])
      .select('v.created_at as version_created_at')
      .where('p.tenant_id', '=', ctx.actor.tenantId)
      .where('p.patient_id', '=', patientId)
      .orderBy('p.created_at', 'desc')
      .orderBy('p.plan_id', 'desc')
      .execute();
    await recordAudit(tx, ctx, {
      action: 'plan.list',
      patientId,
      entity: 'plan',
      entityId: null,
      detail: { count: rows.length },
    });
    return rows.map((r) =>
      toPlanView(r, {
        ...r,
        tenant_id: r.tenant_id,
        plan_id: r.plan_id,
        created_at: r.version_created_at,
      }),
    );
  });
}
