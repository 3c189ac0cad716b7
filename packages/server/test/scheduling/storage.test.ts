import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULING_TABLES } from '../../src/db/migrations/0020_scheduling';
import { type SeededClinic, seedClinic } from '../helpers/clinic';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/engines';

describe.each(engines)('scheduling storage on %s', (engine) => {
  let t: TestDatabase;
  let clinic: SeededClinic;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    clinic = await seedClinic(t.db, 'Storage clinic');
  });
  afterAll(async () => {
    await t.drop();
  });

  it('every scheduling table leads its primary key and every index with tenant_id', async () => {
    for (const table of SCHEDULING_TABLES) {
      let firsts: string[];
      if (engine === 'sqlite') {
        const r = await sql<{ first: string }>`
          select (select name from pragma_index_info(il.name) where seqno = 0) as first
          from pragma_index_list(${table}) il`.execute(t.db.kysely);
        firsts = r.rows.map((x) => x.first);
      } else {
        const r = await sql<{ first: string }>`
          select a.attname as first from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
          where i.indrelid = ${table}::regclass`.execute(t.db.kysely);
        firsts = r.rows.map((x) => x.first);
      }
      expect(firsts.length, table).toBeGreaterThan(0);
      for (const f of firsts) expect(f, table).toBe('tenant_id');
    }
  });

  it.runIf(engine === 'postgres')(
    'the exclusion constraint refuses overlapping active holds written by any path',
    async () => {
      const tenant = clinic.tenantId;
      const now = Date.now();
      const db = t.db.kysely;
      await db
        .insertInto('resources')
        .values({
          tenant_id: tenant,
          resource_id: 'room-x',
          kind: 'room',
          name: 'X',
          location_id: clinic.locationId,
          user_id: null,
          device_type: null,
          modalities: '[]',
          active: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const plan = {
        tenant_id: tenant,
        plan_id: 'plan-x',
        patient_id: clinic.patientId,
        consultation_id: 'c-x',
      };
      await db
        .insertInto('consultations')
        .values({
          tenant_id: tenant,
          consultation_id: 'c-x',
          patient_id: clinic.patientId,
          location_id: null,
          product_id: null,
          indication: 'x',
          modality: 'x',
          jurisdiction: 'US',
          verdict: 'ok',
          regulatory_decision: null,
          bookable: 1,
          profile: '{}',
          screening: '{}',
          regulatory: null,
          blocked_by: '[]',
          created_at: now,
          created_by: 'x',
        })
        .execute();
      await db
        .insertInto('plans')
        .values({
          ...plan,
          status: 'accepted',
          current_version: 1,
          accepted_version: 1,
          accepted_at: now,
          accepted_by: 'x',
          accept_override: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const appointment = (id: string) => ({
        tenant_id: tenant,
        appointment_id: id,
        course_id: null,
        plan_id: 'plan-x',
        patient_id: clinic.patientId,
        location_id: clinic.locationId,
        modality: 'x',
        kind: 'maintenance',
        follow_up_kind: null,
        session_index: null,
        status: 'booked',
        start_ms: 1000,
        end_ms: 2000,
        practitioner_id: null,
        room_id: null,
        device_ids: '[]',
        window_earliest: null,
        window_latest: null,
        replaces_appointment_id: null,
        version: 1,
        created_at: now,
        created_by: 'x',
        updated_at: now,
      });
      await db
        .insertInto('appointments')
        .values([appointment('a1'), appointment('a2')])
        .execute();
      const hold = (id: string, appointmentId: string, start: number, end: number, active = 1) => ({
        tenant_id: tenant,
        hold_id: id,
        appointment_id: appointmentId,
        resource_id: 'room-x',
        kind: 'room',
        start_ms: start,
        end_ms: end,
        active,
      });
      await db
        .insertInto('resource_holds')
        .values(hold('h1', 'a1', 1000, 2000))
        .execute();
      await expect(
        db
          .insertInto('resource_holds')
          .values(hold('h2', 'a2', 1500, 2500))
          .execute(),
      ).rejects.toMatchObject({ code: '23P01' });
      // Touching is not overlapping (half-open ranges), and a released hold no longer counts.
      await db
        .insertInto('resource_holds')
        .values(hold('h3', 'a2', 2000, 3000))
        .execute();
      await db
        .insertInto('resource_holds')
        .values(hold('h4', 'a2', 1200, 1800, 0))
        .execute();
      await expect(
        db.updateTable('resource_holds').set({ active: 1 }).where('hold_id', '=', 'h4').execute(),
      ).rejects.toMatchObject({ code: '23P01' });
    },
  );
});
