import { recordAudit } from '../audit/record-audit';
import { readJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { clinicToday } from '../records/settings';
import type { UseCaseContext } from '../shared/context';

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Patients whose maintenance is due by a day (default: 30 days from today, overdue included),
 * timed by their own response where their scores allow, with the reason and their contacts.
 * A course that already had a maintenance session is not listed. One query.
 */
export async function listResponseTimedMaintenance(ctx: UseCaseContext, q: { withinDays: number }) {
  return withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
    const t = ctx.actor.tenantId;
    const today = await clinicToday(tx, ctx);
    const until = shift(today, q.withinDays);
    const rows = await tx
      .selectFrom('maintenance_due as m')
      .innerJoin('patients as p', (j) =>
        j.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.patient_id', '=', 'm.patient_id'),
      )
      .innerJoin('plans as pl', (j) =>
        j.onRef('pl.tenant_id', '=', 'm.tenant_id').onRef('pl.plan_id', '=', 'm.plan_id'),
      )
      .select([
        'm.plan_id',
        'm.patient_id',
        'm.due_on',
        'm.earliest_on',
        'm.latest_on',
        'm.basis',
        'm.reason',
        'm.response',
        'p.given_name',
        'p.family_name',
        'p.phone',
        'p.email',
      ])
      .where('m.tenant_id', '=', t)
      .where('m.due_on', '<=', until)
      .where('pl.status', '=', 'accepted')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('treatment_sessions as s')
              .select('s.session_id')
              .whereRef('s.tenant_id', '=', 'm.tenant_id')
              .whereRef('s.plan_id', '=', 'm.plan_id')
              .whereRef('s.session_index', '>', 's.series_planned')
              .where('s.status', 'in', ['checked_in', 'charted', 'signed']),
          ),
        ),
      )
      .orderBy('m.due_on')
      .orderBy('p.family_name')
      .limit(1000)
      .execute();
    const items = rows.map((r) => ({
      planId: r.plan_id,
      patientId: r.patient_id,
      patientName: `${r.given_name} ${r.family_name}`,
      phone: r.phone,
      email: r.email,
      dueOn: r.due_on,
      window: { earliest: r.earliest_on, latest: r.latest_on },
      overdue: r.due_on < today,
      basis: r.basis,
      reason: r.reason,
      detail: readJson<Record<string, unknown>>(r.response),
    }));
    await recordAudit(tx, ctx, {
      action: 'maintenance.list',
      patientId: null,
      entity: 'plan',
      entityId: null,
      detail: { patientIds: [...new Set(items.map((i) => i.patientId))], until },
    });
    return { today, until, items };
  });
}
