import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { readJson, writeJson } from '../db/connect';
import type { ProductLotsTable, ProductsTable } from '../db/schema';
import { withTenant } from '../db/tenant';
import { idParams } from '../http/schemas';
import { conflict, notFound } from '../shared/errors';
import { newId } from '../shared/ids';
import { lotInput, lotView, type ProductInput, productInput, productView } from './schemas';

export function toProductView(r: Selectable<ProductsTable>) {
  return {
    id: r.product_id,
    name: r.name,
    supplier: r.supplier,
    origin: r.origin as ProductInput['origin'],
    registrations: readJson<ProductInput['registrations']>(r.registrations),
    components: readJson<string[]>(r.components),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const todayUtc = (now: number) => new Date(now).toISOString().slice(0, 10);
type LotRecall = { recalled_at: number | null; reason: string | null; reference: string | null };
const NOT_RECALLED: LotRecall = { recalled_at: null, reason: null, reference: null };
const toLotView = (r: Selectable<ProductLotsTable>, now: number, recall: LotRecall = NOT_RECALLED) => ({
  id: r.lot_id,
  productId: r.product_id,
  lotNumber: r.lot_number,
  expiresOn: r.expires_on,
  expired: r.expires_on < todayUtc(now),
  quantity: r.quantity,
  unit: r.unit,
  recalled: recall.recalled_at !== null,
  recalledAt: recall.recalled_at,
  recallReason: recall.reason,
  recallReference: recall.reference,
  createdAt: r.created_at,
});

export const productRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;

  app.get(
    '/products',
    {
      config: { permission: 'products.read' },
      schema: {
        tags: ['products'],
        summary: 'Products with origin, supplier and registration per jurisdiction',
        response: { 200: z.object({ items: z.array(productView) }) },
      },
    },
    async (request) => {
      const { actor } = exo.context(request);
      const rows = await withTenant(exo.db, actor.tenantId, (tx) =>
        tx
          .selectFrom('products')
          .selectAll()
          .where('tenant_id', '=', actor.tenantId)
          .orderBy('name')
          .execute(),
      );
      return { items: rows.map(toProductView) };
    },
  );

  app.post(
    '/products',
    {
      config: { permission: 'products.write' },
      schema: {
        tags: ['products'],
        summary: 'Add a product',
        body: productInput,
        response: { 201: productView },
      },
    },
    async (request, reply) => {
      const ctx = exo.context(request);
      const b = request.body;
      const row = await withTenant(exo.db, ctx.actor.tenantId, (tx) =>
        tx
          .insertInto('products')
          .values({
            tenant_id: ctx.actor.tenantId,
            product_id: newId(ctx.now),
            name: b.name,
            supplier: b.supplier,
            origin: b.origin,
            registrations: writeJson(b.registrations),
            components: writeJson(b.components),
            version: 1,
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      return reply.code(201).send(toProductView(row));
    },
  );

  app.get(
    '/products/:id',
    {
      config: { permission: 'products.read' },
      schema: { tags: ['products'], summary: 'A product', params: idParams, response: { 200: productView } },
    },
    async (request) => {
      const { actor } = exo.context(request);
      const row = await withTenant(exo.db, actor.tenantId, (tx) =>
        tx
          .selectFrom('products')
          .selectAll()
          .where('tenant_id', '=', actor.tenantId)
          .where('product_id', '=', request.params.id)
          .executeTakeFirst(),
      );
      if (!row) throw notFound('product');
      return toProductView(row);
    },
  );

  app.put(
    '/products/:id',
    {
      config: { permission: 'products.write' },
      schema: {
        tags: ['products'],
        summary: 'Replace a product’s description (its version goes up)',
        params: idParams,
        body: productInput,
        response: { 200: productView },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      const b = request.body;
      const row = await withTenant(exo.db, ctx.actor.tenantId, (tx) =>
        tx
          .updateTable('products')
          .set((eb) => ({
            name: b.name,
            supplier: b.supplier,
            origin: b.origin,
            registrations: writeJson(b.registrations),
            components: writeJson(b.components),
            version: eb('version', '+', 1),
            updated_at: ctx.now,
          }))
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('product_id', '=', request.params.id)
          .returningAll()
          .executeTakeFirst(),
      );
      if (!row) throw notFound('product');
      return toProductView(row);
    },
  );

  app.get(
    '/products/:id/lots',
    {
      config: { permission: 'products.read' },
      schema: {
        tags: ['products'],
        summary: 'Lots of a product, soonest expiry first, each with its expiry and recall state',
        params: idParams,
        response: { 200: z.object({ items: z.array(lotView) }) },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      const rows = await withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const p = await tx
          .selectFrom('products')
          .select('product_id')
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('product_id', '=', request.params.id)
          .executeTakeFirst();
        if (!p) throw notFound('product');
        // The recall itself names no patient: the picker learns it here, not from the recipients.
        return tx
          .selectFrom('product_lots as l')
          .leftJoin('lot_recalls as r', (j) =>
            j.onRef('r.tenant_id', '=', 'l.tenant_id').onRef('r.lot_id', '=', 'l.lot_id'),
          )
          .selectAll('l')
          .select(['r.recalled_at', 'r.reason', 'r.reference'])
          .where('l.tenant_id', '=', ctx.actor.tenantId)
          .where('l.product_id', '=', request.params.id)
          .orderBy('l.expires_on')
          .orderBy('l.lot_id')
          .execute();
      });
      return { items: rows.map((r) => toLotView(r, ctx.now, r)) };
    },
  );

  app.post(
    '/products/:id/lots',
    {
      config: { permission: 'products.write' },
      schema: {
        tags: ['products'],
        summary: 'Receive a lot (lot number, expiry, quantity)',
        params: idParams,
        body: lotInput,
        response: { 201: lotView },
      },
    },
    async (request, reply) => {
      const ctx = exo.context(request);
      const b = request.body;
      const row = await withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const p = await tx
          .selectFrom('products')
          .select('product_id')
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('product_id', '=', request.params.id)
          .executeTakeFirst();
        if (!p) throw notFound('product');
        const dup = await tx
          .selectFrom('product_lots')
          .select('lot_id')
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('product_id', '=', request.params.id)
          .where('lot_number', '=', b.lotNumber)
          .executeTakeFirst();
        if (dup)
          throw conflict('this lot number is already recorded for the product', {
            errors: [{ path: 'body.lotNumber', message: 'already exists' }],
          });
        return tx
          .insertInto('product_lots')
          .values({
            tenant_id: ctx.actor.tenantId,
            lot_id: newId(ctx.now),
            product_id: request.params.id,
            lot_number: b.lotNumber,
            expires_on: b.expiresOn,
            quantity: b.quantity,
            unit: b.unit,
            created_at: ctx.now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      return reply.code(201).send(toLotView(row, ctx.now));
    },
  );
};
