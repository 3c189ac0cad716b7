import { compileSessionShape, findModality, type LocalDate, wallTimeToInstant } from '@exoclinic/core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type SeededClinic, seedClinic, signIn, testApp } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';
import {
  acceptedPlan,
  type BookableSite,
  bookableSite,
  clonePlans,
  overlappingHolds,
} from '../helpers/scheduling';

const ATTEMPTS = 200;
const ZONE = 'America/New_York';

describe.each(engines)('200 concurrent course bookings over HTTP on %s', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let clinic: SeededClinic;
  let desk: Caller;
  let site: BookableSite;
  let base: string;
  let plans: string[];

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    app = await testApp(t.db, { clock: () => Date.parse('2027-02-15T12:00:00Z') as never });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    base = address;
    clinic = await seedClinic(t.db, 'Contested clinic');
    const owner = await signIn(app, clinic.emails.owner);
    desk = await signIn(app, clinic.emails.front_desk);
    // One practitioner, one room, one pen: every slot is contested.
    site = await bookableSite(app, owner, {
      locationId: clinic.locationId,
      practitionerEmail: clinic.emails.practitioner,
    });
    const { planId } = await acceptedPlan(owner, { startDate: '2027-03-01', locationId: clinic.locationId });
    plans = await clonePlans(t.db, clinic.tenantId, planId, ATTEMPTS);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await t.drop();
  });

  it('exactly the feasible bookings succeed, the rest get 409 problems, and no hold overlaps another', async () => {
    // Disjoint courses: two chains of days × as many starts a day as the room's hold allows.
    const shape = compileSessionShape(findModality('microneedling-topical')!, 15);
    const spacingMin = Math.ceil(shape.holdMs / 60_000 / 15) * 15;
    const starts: number[] = [];
    for (let m = 9 * 60; m * 60_000 + shape.holdMs <= 17 * 60 * 60_000; m += spacingMin) starts.push(m);
    const sets: number[][] = [];
    for (const firstDay of ['2027-03-01', '2027-03-02'] as LocalDate[]) {
      for (const minute of starts) {
        sets.push(
          [0, 28, 56, 84].map((d) =>
            wallTimeToInstant(
              new Date(Date.parse(`${firstDay}T00:00:00Z`) + d * 86_400_000)
                .toISOString()
                .slice(0, 10) as LocalDate,
              minute,
              ZONE,
            ),
          ),
        );
      }
    }
    const feasible = sets.length;
    expect(feasible).toBeGreaterThanOrEqual(4);

    const attempt = async (i: number) => {
      const set = sets[i % feasible]!;
      const res = await fetch(`${base}/api/v1/plans/${plans[i]}/course`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: desk.cookie, 'x-csrf-token': desk.csrf },
        body: JSON.stringify({
          sessions: set.map((start) => ({
            start,
            practitionerId: site.practitionerId,
            roomId: site.roomIds[0],
            deviceIds: [site.deviceIds[0]],
          })),
        }),
      });
      return {
        status: res.status,
        type: res.headers.get('content-type') ?? '',
        body: (await res.json()) as { type?: string; appointments?: { start: number }[] },
      };
    };
    const results = await Promise.all(Array.from({ length: ATTEMPTS }, (_, i) => attempt(i)));
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status === 409);
    expect(won.length).toBe(feasible);
    expect(lost.length).toBe(ATTEMPTS - feasible);
    for (const r of lost) {
      expect(r.type).toContain('application/problem+json');
      expect(r.body.type).toMatch(/(resource-conflict|already-booked)$/);
    }
    // Each disjoint course was won exactly once.
    const firstStarts = won.map((r) => r.body.appointments![0]!.start).sort((a, b) => a - b);
    expect(firstStarts).toEqual(sets.map((s) => s[0]!).sort((a, b) => a - b));

    const count = await t.db.kysely
      .selectFrom('appointments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4 * feasible);
    const courses = await t.db.kysely
      .selectFrom('course_bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(courses.n)).toBe(feasible);
    const holds = await t.db.kysely
      .selectFrom('resource_holds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    expect(Number(holds.n)).toBeGreaterThanOrEqual(3 * 4 * feasible);
    expect(await overlappingHolds(t.db)).toBe(0);
  }, 90_000);
});
