import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/db/connect';
import { withTenant } from '../../src/db/tenant';
import { newId, type TenantId } from '../../src/shared/ids';
import { aPatient, type Caller } from './clinic';
import { skinProfile } from './profiles';

// A bookable clinic for the scheduling tests: a site with hours, a practitioner who performs
// microneedling, rooms and pens; accepted plans to book.

export const WEEKDAYS_9_TO_5 = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [{ open: '09:00', close: '17:00' }]]),
);

export async function ok<T = Record<string, unknown>>(
  res: Promise<{ statusCode: number; body: string; json(): unknown }>,
  status?: number,
): Promise<T> {
  const r = await res;
  if (status !== undefined) expect(r.statusCode, r.body).toBe(status);
  else expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json() as T;
}

export interface BookableSite {
  locationId: string;
  practitionerId: string;
  roomIds: string[];
  deviceIds: string[];
}

/** Hours for the site, the clinic's practitioner made bookable there, rooms and microneedling pens. */
export async function bookableSite(
  app: FastifyInstance,
  owner: Caller,
  opts: {
    locationId: string;
    practitionerEmail: string;
    rooms?: number;
    devices?: number;
    weekly?: Record<string, unknown>;
    closures?: string[];
  },
): Promise<BookableSite> {
  const V = '/api/v1';
  const weekly = opts.weekly ?? WEEKDAYS_9_TO_5;
  await ok(
    owner.send('PUT', `${V}/locations/${opts.locationId}/schedule`, {
      weekly,
      closures: opts.closures ?? [],
      stepMinutes: 15,
      cleaningMinutes: 15,
    }),
  );
  const users = (await ok<{ items: { id: string; email: string }[] }>(owner.get(`${V}/users`))).items;
  const userId = users.find((u) => u.email === opts.practitionerEmail)!.id;
  const existing = await app.inject({
    method: 'GET',
    url: `${V}/resources/${userId}`,
    headers: { cookie: owner.cookie },
  });
  if (existing.statusCode === 404) {
    await ok(
      owner.send('POST', `${V}/resources`, {
        kind: 'practitioner',
        userId,
        modalities: ['microneedling-topical', 'laser-topical'],
      }),
      201,
    );
  }
  const current =
    existing.statusCode === 200 ? (existing.json().hours as { locationId: string; weekly: unknown }[]) : [];
  await ok(
    owner.send('PUT', `${V}/resources/${userId}/hours`, {
      hours: [
        ...current.filter((h) => h.locationId !== opts.locationId),
        { locationId: opts.locationId, weekly },
      ],
    }),
  );
  const roomIds: string[] = [];
  for (let i = 0; i < (opts.rooms ?? 1); i++) {
    roomIds.push(
      (
        await ok<{ id: string }>(
          owner.send('POST', `${V}/resources`, {
            kind: 'room',
            name: `Room ${i + 1}`,
            locationId: opts.locationId,
          }),
          201,
        )
      ).id,
    );
  }
  const deviceIds: string[] = [];
  for (let i = 0; i < (opts.devices ?? 1); i++) {
    deviceIds.push(
      (
        await ok<{ id: string }>(
          owner.send('POST', `${V}/resources`, {
            kind: 'device',
            name: `Pen ${i + 1}`,
            locationId: opts.locationId,
            deviceType: 'microneedling-pen',
          }),
          201,
        )
      ).id,
    );
  }
  return { locationId: opts.locationId, practitionerId: userId, roomIds, deviceIds };
}

/** Patient → consultation at a site → plan (microneedling, 4 sessions 14–42 days apart) → accepted. */
export async function acceptedPlan(
  owner: Caller,
  opts: { startDate: string; locationId?: string; patientId?: string },
) {
  const V = '/api/v1';
  const patientId =
    opts.patientId ?? (await ok<{ id: string }>(owner.send('POST', `${V}/patients`, aPatient()), 201)).id;
  const consultation = await ok<{ id: string }>(
    owner.send('POST', `${V}/patients/${patientId}/consultations`, {
      profile: skinProfile({}, { startDate: opts.startDate }),
      ...(opts.locationId && { locationId: opts.locationId }),
    }),
    201,
  );
  const plan = await ok<{ id: string }>(
    owner.send('POST', `${V}/consultations/${consultation.id}/plans`, {}),
    201,
  );
  await ok(owner.send('POST', `${V}/plans/${plan.id}/accept`, { version: 1 }));
  return { planId: plan.id, patientId, consultationId: consultation.id };
}

/** Copies of an accepted plan (same patient and consultation), written straight to the database. */
export async function clonePlans(db: Db, tenantId: string, planId: string, count: number): Promise<string[]> {
  return withTenant(db, tenantId as TenantId, async (tx) => {
    const plan = await tx
      .selectFrom('plans')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    const version = await tx
      .selectFrom('plan_versions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('plan_id', '=', planId)
      .where('version', '=', plan.accepted_version!)
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = newId();
      ids.push(id);
      await tx
        .insertInto('plans')
        .values({ ...plan, plan_id: id, current_version: 1, accepted_version: 1 })
        .execute();
      await tx
        .insertInto('plan_versions')
        .values({ ...version, plan_id: id, version: 1 })
        .execute();
    }
    return ids;
  });
}

/** Pairs of overlapping active holds on one resource: must always be none. */
export async function overlappingHolds(db: Db): Promise<number> {
  const rows = await db.kysely
    .selectFrom('resource_holds as a')
    .innerJoin('resource_holds as b', (j) =>
      j
        .onRef('a.tenant_id', '=', 'b.tenant_id')
        .onRef('a.resource_id', '=', 'b.resource_id')
        .onRef('a.hold_id', '<', 'b.hold_id'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.active', '=', 1)
    .where('b.active', '=', 1)
    .whereRef('a.start_ms', '<', 'b.end_ms')
    .whereRef('b.start_ms', '<', 'a.end_ms')
    .executeTakeFirstOrThrow();
  return Number(rows.n);
}
