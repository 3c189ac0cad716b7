import { type EpochMs, type LocalDate, localDateOf, type Plan } from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import { readJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { unprocessable } from '../shared/errors';
import { type DueItem, dueItems, type RecallStatus, recallStatus } from './due-windows';

export interface RecallItem extends DueItem {
  planId: string;
  courseId: string;
  patientId: string;
  patientName: string;
  locationId: string;
  status: RecallStatus;
}

/**
 * The recall list of a site: patients whose maintenance session or follow-up falls due in a range of
 * local days, from their finished initial series. Four queries for the whole clinic.
 */
export async function recallDueMaintenance(
  ctx: UseCaseContext,
  q: { location?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<{ from: string; to: string; items: RecallItem[] }> {
  const tenantId = ctx.actor.tenantId;
  return withTenant(ctx.db, tenantId, async (tx) => {
    const zones = new Map(
      (
        await tx
          .selectFrom('locations')
          .select(['location_id', 'time_zone'])
          .where('tenant_id', '=', tenantId)
          .execute()
      ).map((r) => [r.location_id, r.time_zone]),
    );
    const zone = (q.location && zones.get(q.location)) || [...zones.values()][0] || 'UTC';
    const today = localDateOf(ctx.now as number as EpochMs, zone);
    const from = (q.from ?? today) as LocalDate;
    const to = (q.to ??
      (new Date(Date.parse(`${from}T00:00:00Z`) + 30 * 86_400_000)
        .toISOString()
        .slice(0, 10) as LocalDate)) as LocalDate;
    if (to < from)
      throw unprocessable('the range ends before it starts', [
        { path: 'querystring.to', message: 'is before from' },
      ]);

    let courses = tx
      .selectFrom('course_bookings as c')
      .innerJoin('plan_versions as v', (j) =>
        j
          .onRef('v.tenant_id', '=', 'c.tenant_id')
          .onRef('v.plan_id', '=', 'c.plan_id')
          .onRef('v.version', '=', 'c.plan_version'),
      )
      .innerJoin('patients as p', (j) =>
        j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.patient_id', '=', 'c.patient_id'),
      )
      .select([
        'c.course_id',
        'c.plan_id',
        'c.patient_id',
        'c.location_id',
        'v.plan',
        'p.given_name',
        'p.family_name',
      ])
      .where('c.tenant_id', '=', tenantId)
      .where('c.status', '=', 'active');
    if (q.location) courses = courses.where('c.location_id', '=', q.location);
    const rows = await courses.execute();
    const planIds = rows.map((r) => r.plan_id);
    const appointments = planIds.length
      ? await tx
          .selectFrom('appointments')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('plan_id', 'in', planIds)
          .execute()
      : [];
    const byPlan = new Map<string, typeof appointments>();
    for (const a of appointments) {
      const list = byPlan.get(a.plan_id) ?? [];
      list.push(a);
      byPlan.set(a.plan_id, list);
    }
    const items: RecallItem[] = [];
    for (const r of rows) {
      const siteZone = zones.get(r.location_id) ?? zone;
      for (const item of dueItems(readJson<Plan>(r.plan), byPlan.get(r.plan_id) ?? [], siteZone)) {
        if (item.due < from || item.due > to) continue;
        items.push({
          ...item,
          planId: r.plan_id,
          courseId: r.course_id,
          patientId: r.patient_id,
          patientName: `${r.given_name} ${r.family_name}`,
          locationId: r.location_id,
          status: recallStatus(item, localDateOf(ctx.now as number as EpochMs, siteZone)),
        });
      }
    }
    items.sort((a, b) =>
      a.due < b.due ? -1 : a.due > b.due ? 1 : a.patientName.localeCompare(b.patientName),
    );
    await recordAudit(tx, ctx, {
      action: 'recall.list',
      patientId: null,
      entity: 'recall',
      entityId: null,
      detail: {
        patientIds: [...new Set(items.map((i) => i.patientId))],
        from,
        to,
        location: q.location ?? null,
      },
    });
    return { from, to, items };
  });
}
