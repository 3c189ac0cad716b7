import type { Selectable } from 'kysely';
import { writeJson } from '../db/connect';
import type { TreatmentSessionsTable } from '../db/records-schema';
import type { Tx } from '../db/tenant';
import { clinicToday } from '../records/settings';
import type { UseCaseContext } from '../shared/context';
import { DomainError, notFound, unprocessable } from '../shared/errors';
import { moveCourseProgress } from './course-progress';
import { findChartVersion } from './repository';
import type { ChartInput } from './schemas';
import { areaProblem } from './treatment-areas';

type Problem = { path: string; message: string };

function checkAreas(chart: ChartInput): Problem[] {
  const problems: Problem[] = [];
  chart.areas.forEach((a, i) => {
    const p = areaProblem(a.areaId, a.side);
    if (p) problems.push({ path: `body.chart.areas.${i}`, message: p });
  });
  chart.products.forEach((u, i) => {
    u.areas.forEach((a, j) => {
      const p = areaProblem(a.areaId, a.side);
      if (p) problems.push({ path: `body.chart.products.${i}.areas.${j}`, message: p });
    });
  });
  return problems;
}

/**
 * Write the next version of a session's chart: areas from the catalog, every product with a lot
 * of that product, no expired or recalled lot newly used, stock moved by the difference from the
 * previous version in the same transaction (a refusal anywhere leaves stock as it was).
 */
export async function writeChartVersion(
  tx: Tx,
  ctx: UseCaseContext,
  session: Selectable<TreatmentSessionsTable>,
  chart: ChartInput,
  opts: { status: 'draft' | 'signed'; amends: number | null; reason: string | null },
) {
  const tenant = ctx.actor.tenantId;
  const areaProblems = checkAreas(chart);
  if (areaProblems.length > 0)
    throw unprocessable('the chart names areas the catalog does not know', areaProblems);

  const practitionerId = chart.practitionerId ?? ctx.actor.userId;
  const practitioner = await tx
    .selectFrom('users')
    .select(['user_id', 'role', 'active'])
    .where('tenant_id', '=', tenant)
    .where('user_id', '=', practitionerId)
    .executeTakeFirst();
  if (!practitioner) throw notFound('practitioner');
  if (practitioner.active !== 1 || !['owner', 'practitioner'].includes(practitioner.role)) {
    throw unprocessable('the practitioner must be an active clinician', [
      { path: 'body.chart.practitionerId', message: 'is not an active owner or practitioner' },
    ]);
  }

  const lotIds = [...new Set(chart.products.map((u) => u.lotId))];
  const lots = lotIds.length
    ? await tx
        .selectFrom('product_lots as l')
        .leftJoin('lot_recalls as r', (j) =>
          j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.lot_id', '=', 'l.lot_id'),
        )
        .select(['l.lot_id', 'l.product_id', 'l.lot_number', 'l.expires_on', 'l.quantity', 'r.recalled_at'])
        .where('l.tenant_id', '=', tenant)
        .where('l.lot_id', 'in', lotIds)
        .execute()
    : [];
  const lotById = new Map(lots.map((l) => [l.lot_id, l]));
  const previous = await tx
    .selectFrom('session_lots')
    .select(['lot_id', 'product_id', 'quantity'])
    .where('tenant_id', '=', tenant)
    .where('session_id', '=', session.session_id)
    .execute();
  const before = new Map(previous.map((p) => [p.lot_id, p.quantity]));

  const today = await clinicToday(tx, ctx);
  const after = new Map<string, { productId: string; quantity: number }>();
  const refused: Problem[] = [];
  let recalled = false;
  chart.products.forEach((u, i) => {
    const lot = lotById.get(u.lotId);
    if (!lot) throw notFound('lot');
    if (lot.product_id !== u.productId) {
      throw unprocessable('the lot belongs to another product', [
        {
          path: `body.chart.products.${i}.lotId`,
          message: `lot ${lot.lot_number} is not a lot of this product`,
        },
      ]);
    }
    const sum = (after.get(u.lotId)?.quantity ?? 0) + u.quantity;
    after.set(u.lotId, { productId: u.productId, quantity: sum });
    // A lot already on the chart stays charted after a recall; only more of it is refused.
    if (sum <= (before.get(u.lotId) ?? 0)) return;
    if (lot.recalled_at !== null) {
      recalled = true;
      refused.push({ path: `body.chart.products.${i}.lotId`, message: `lot ${lot.lot_number} is recalled` });
    } else if (lot.expires_on < today) {
      refused.push({
        path: `body.chart.products.${i}.lotId`,
        message: `lot ${lot.lot_number} expired on ${lot.expires_on}`,
      });
    }
  });
  if (refused.length > 0) {
    throw new DomainError(
      409,
      recalled ? 'lot-recalled' : 'lot-expired',
      recalled ? 'Lot recalled' : 'Lot expired',
      refused.map((r) => r.message).join('; '),
      { errors: refused },
    );
  }

  // Stock moves by the difference between this version and the one before.
  for (const lotId of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(lotId)?.quantity ?? 0) - (before.get(lotId) ?? 0);
    if (delta === 0) continue;
    const moved = await tx
      .updateTable('product_lots')
      .set((eb) => ({ quantity: eb('quantity', '-', delta) }))
      .where('tenant_id', '=', tenant)
      .where('lot_id', '=', lotId)
      .where('quantity', '>=', delta)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) {
      const lot = lotById.get(lotId);
      throw new DomainError(
        409,
        'insufficient-stock',
        'Insufficient stock',
        `lot ${lot?.lot_number} has ${lot?.quantity} left, ${delta} needed`,
        {
          errors: [
            { path: 'body.chart.products', message: `lot ${lot?.lot_number}: ${lot?.quantity} in stock` },
          ],
        },
      );
    }
  }

  await moveExposure(
    tx,
    tenant,
    new Map(previous.map((p) => [p.lot_id, p.product_id])),
    new Map([...after].map(([l, u]) => [l, u.productId])),
  );

  // The session's first chart makes it a session given.
  if (session.chart_version === null) await moveCourseProgress(tx, session, 'given', ctx.now);

  const version = (session.chart_version ?? 0) + 1;
  await tx
    .insertInto('chart_versions')
    .values({
      tenant_id: tenant,
      session_id: session.session_id,
      version,
      status: opts.status,
      amends_version: opts.amends,
      reason: opts.reason,
      content: writeJson({ ...chart, practitionerId }),
      practitioner_id: practitionerId,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      signed_at: opts.status === 'signed' ? ctx.now : null,
      signed_by: opts.status === 'signed' ? ctx.actor.userId : null,
    })
    .execute();
  await tx
    .deleteFrom('session_lots')
    .where('tenant_id', '=', tenant)
    .where('session_id', '=', session.session_id)
    .execute();
  if (after.size > 0) {
    await tx
      .insertInto('session_lots')
      .values(
        [...after].map(([lotId, u]) => ({
          tenant_id: tenant,
          session_id: session.session_id,
          lot_id: lotId,
          product_id: u.productId,
          patient_id: session.patient_id,
          quantity: u.quantity,
          used_at: session.checked_in_at ?? ctx.now,
        })),
      )
      .execute();
  }
  const updated = await tx
    .updateTable('treatment_sessions')
    .set({
      chart_version: version,
      status: opts.status === 'signed' ? 'signed' : 'charted',
      signed_at: opts.status === 'signed' ? (session.signed_at ?? ctx.now) : null,
    })
    .where('tenant_id', '=', tenant)
    .where('session_id', '=', session.session_id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { session: updated, chart: await findChartVersion(tx, ctx, session.session_id, version) };
}

/**
 * The exposure counters (sessions per lot and per product) move by the difference between the
 * session's lots before and after this version, in the same transaction.
 */
async function moveExposure(tx: Tx, tenant: string, before: Map<string, string>, after: Map<string, string>) {
  const bump = async (
    table: 'lot_exposure' | 'product_exposure',
    key: Record<string, string>,
    delta: number,
  ) => {
    if (delta === 0) return;
    if (delta > 0) {
      await tx
        .insertInto(table)
        .values({ tenant_id: tenant, ...key, sessions: delta } as never)
        .onConflict((oc) =>
          oc
            .columns(table === 'lot_exposure' ? ['tenant_id', 'lot_id'] : ['tenant_id', 'product_id'])
            .doUpdateSet(
              (eb) => ({ sessions: eb(`${table}.sessions` as never, '+', delta as never) }) as never,
            ),
        )
        .execute();
      return;
    }
    let q = tx
      .updateTable(table)
      .set((eb) => ({ sessions: eb('sessions', '+', delta) }) as never)
      .where('tenant_id', '=', tenant);
    for (const [k, v] of Object.entries(key))
      if (k !== 'product_id' || table === 'product_exposure') q = q.where(k as never, '=', v as never);
    await q.execute();
  };
  for (const lot of new Set([...before.keys(), ...after.keys()])) {
    const delta = Number(after.has(lot)) - Number(before.has(lot));
    await bump('lot_exposure', { lot_id: lot, product_id: (after.get(lot) ?? before.get(lot))! }, delta);
  }
  const was = new Set(before.values());
  const is = new Set(after.values());
  for (const product of new Set([...was, ...is])) {
    await bump(
      'product_exposure',
      { product_id: product },
      Number(is.has(product)) - Number(was.has(product)),
    );
  }
}
