import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { hashPassword, MIN_PASSWORD_LENGTH, PASSWORD_RULE } from '../auth/passwords';
import { ROLES } from '../auth/permissions';
import type { UsersTable } from '../db/schema';
import { withTenant } from '../db/tenant';
import { idParams, idSchema } from '../http/schemas';
import { forbidden, notFound, unprocessable } from '../shared/errors';
import { changeUser } from './change-user';
import { insertUser } from './insert-user';

const userView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  patientId: z.string().nullable(),
  locationId: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  createdAt: z.number(),
});
const view = (r: Selectable<UsersTable>, now: number) => ({
  id: r.user_id,
  email: r.email,
  displayName: r.display_name,
  role: r.role as (typeof ROLES)[number],
  patientId: r.patient_id,
  locationId: r.location_id,
  active: r.active === 1,
  locked: r.locked_until !== null && r.locked_until > now,
  createdAt: r.created_at,
});

const password = z.string().min(MIN_PASSWORD_LENGTH, PASSWORD_RULE).max(1000);

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;

  app.get(
    '/users',
    {
      config: { permission: 'users.read' },
      schema: {
        tags: ['users'],
        summary: 'Staff and portal accounts',
        response: { 200: z.object({ items: z.array(userView) }) },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      const rows = await withTenant(exo.db, ctx.actor.tenantId, (tx) =>
        tx
          .selectFrom('users')
          .selectAll()
          .where('tenant_id', '=', ctx.actor.tenantId)
          .orderBy('email')
          .execute(),
      );
      return { items: rows.map((r) => view(r, ctx.now)) };
    },
  );

  app.post(
    '/users',
    {
      config: { permission: 'users.write' },
      schema: {
        tags: ['users'],
        summary: 'Add a user with a role (a patient account links to one patient record)',
        body: z.object({
          email: z.email('must be an e-mail address').max(320),
          displayName: z.string().trim().min(1).max(200),
          role: z.enum(ROLES),
          password,
          patientId: idSchema.optional(),
          locationId: idSchema.optional(),
        }),
        response: { 201: userView },
      },
    },
    async (request, reply) => {
      const ctx = exo.context(request);
      const b = request.body;
      if (b.role === 'owner' && ctx.actor.role !== 'owner') throw forbidden('only an owner may add an owner');
      if ((b.role === 'patient') !== (b.patientId !== undefined)) {
        throw unprocessable('a patient account needs a patientId, and only a patient account', [
          {
            path: 'body.patientId',
            message: b.role === 'patient' ? 'is required for role patient' : 'is only for role patient',
          },
        ]);
      }
      const passwordHash = await hashPassword(b.password, exo.scrypt);
      const row = await withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        if (b.patientId) {
          const p = await tx
            .selectFrom('patients')
            .select('patient_id')
            .where('tenant_id', '=', ctx.actor.tenantId)
            .where('patient_id', '=', b.patientId)
            .executeTakeFirst();
          if (!p) throw notFound('patient');
        }
        if (b.locationId) {
          const l = await tx
            .selectFrom('locations')
            .select('location_id')
            .where('tenant_id', '=', ctx.actor.tenantId)
            .where('location_id', '=', b.locationId)
            .executeTakeFirst();
          if (!l) throw notFound('location');
        }
        return insertUser(tx, ctx.actor.tenantId, { ...b, passwordHash }, ctx.now);
      });
      return reply.code(201).send(view(row, ctx.now));
    },
  );

  app.get(
    '/users/:id',
    {
      config: { permission: 'users.read' },
      schema: { tags: ['users'], summary: 'A user', params: idParams, response: { 200: userView } },
    },
    async (request) => {
      const ctx = exo.context(request);
      const row = await withTenant(exo.db, ctx.actor.tenantId, (tx) =>
        tx
          .selectFrom('users')
          .selectAll()
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('user_id', '=', request.params.id)
          .executeTakeFirst(),
      );
      if (!row) throw notFound('user');
      return view(row, ctx.now);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { permission: 'users.write' },
      schema: {
        tags: ['users'],
        summary:
          'Change a user: name, staff role, active, unlock, password. Nobody demotes or switches off themself; the last active owner stays one (422 naming the field)',
        params: idParams,
        body: z
          .object({
            displayName: z.string().trim().min(1).max(200),
            role: z.enum(['owner', 'admin', 'practitioner', 'front_desk']),
            active: z.boolean(),
            unlock: z.literal(true),
            password,
          })
          .partial()
          .refine((b) => Object.keys(b).length > 0, 'must change at least one field'),
        response: { 200: userView },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      return view(await changeUser(ctx, request.params.id, request.body, exo.scrypt), ctx.now);
    },
  );
};
