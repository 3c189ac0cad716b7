import { EXAMPLE_PRICE_LISTS } from '@exoclinic/core';
import type { Actor } from '../auth/actor';
import { hashPassword, type ScryptParams } from '../auth/passwords';
import type { Role } from '../auth/permissions';
import { prepareConsent } from '../consents/prepare-consent';
import { signConsent } from '../consents/sign-consent';
import { recordConsultation } from '../consultations/record-consultation';
import { type Db, writeJson } from '../db/connect';
import { withTenant } from '../db/tenant';
import { createPatient } from '../patients/create-patient';
import { acceptPlan } from '../plans/accept-plan';
import { planCourse } from '../plans/plan-course';
import { revisePlan } from '../plans/revise-plan';
import { quotePlan } from '../quotes/quote-plan';
import type { UseCaseContext } from '../shared/context';
import { type EpochMs, newId, type PatientId, type TenantId, type UserId } from '../shared/ids';
import { initClinic } from '../tenants/init-clinic';
import { insertUser } from '../users/insert-user';
import { seedDemoDay } from './seed-demo-day';
import { hours, seedDemoSchedule } from './seed-demo-schedule';

export const DEMO_DOMAIN = 'demo-clinic.example';

export interface DemoClinic {
  tenantId: TenantId;
  name: string;
  logins: { role: Role; email: string }[];
  password: string;
}

const patientProfile = (over: Record<string, unknown> = {}) => ({
  age: 45,
  sex: 'female',
  pregnant: false,
  breastfeeding: false,
  allergies: [],
  activeInfection: false,
  autoimmune: false,
  keloidHistory: false,
  fitzpatrick: 3,
  conditions: [],
  ...over,
});

/**
 * A demo clinic that shows every part of the system: two locations, staff of every role,
 * products with lots, the example price lists (labelled as examples), and patients at every
 * stage (accepted and consented, revised, deferred, overridden, portal account).
 */
export async function seedDemoClinic(
  db: Db,
  opts: { now: number; password: string; scrypt?: ScryptParams; name?: string },
): Promise<DemoClinic> {
  const { now, password } = opts;
  const name = opts.name ?? 'Demo Exosome Clinic';
  const slug = name === 'Demo Exosome Clinic' ? '' : `.${newId(now).slice(-6)}`;
  const email = (local: string) => `${local}${slug}@${DEMO_DOMAIN}`;
  const { tenantId, ownerId } = await initClinic(
    db,
    {
      name,
      jurisdiction: 'US',
      currency: 'USD',
      timeZone: 'America/New_York',
      locale: 'en-US',
      phone: '+1 555-0100',
      email: `hello${slug}@${DEMO_DOMAIN}`,
      ownerEmail: email('owner'),
      ownerName: 'Olivia Owner',
      ownerPassword: password,
    },
    now,
    opts.scrypt,
  );
  const hash = await hashPassword(password, opts.scrypt);
  const staff: { role: Role; local: string; name: string }[] = [
    { role: 'admin', local: 'admin', name: 'Adam Admin' },
    { role: 'practitioner', local: 'doctor', name: 'Dr. Priya Practitioner' },
    { role: 'practitioner', local: 'nurse', name: 'Nadia Nurse' },
    { role: 'front_desk', local: 'desk', name: 'Frank Frontdesk' },
  ];
  const ids = await withTenant(db, tenantId, async (tx) => {
    const locations: string[] = [];
    for (const [label, address] of [
      ['Downtown', '100 Main Street, Springfield'],
      ['Uptown', '2500 North Avenue, Springfield'],
    ] as const) {
      const locationId = newId(now);
      locations.push(locationId);
      await tx
        .insertInto('locations')
        .values({
          tenant_id: tenantId,
          location_id: locationId,
          name: label,
          time_zone: 'America/New_York',
          address,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const users: Record<string, string> = {};
    for (const s of staff) {
      const u = await insertUser(
        tx,
        tenantId,
        {
          email: email(s.local),
          displayName: s.name,
          role: s.role,
          passwordHash: hash,
          locationId: locations[0]!,
        },
        now,
      );
      users[s.local] = u.user_id;
    }
    const products: Record<string, string> = {};
    const catalog = [
      {
        key: 'cord',
        name: 'CordVita exosome serum',
        supplier: 'Example Biologics Inc.',
        origin: 'human-umbilical-cord-msc',
        registrations: [{ jurisdiction: 'US', registration: 'unregistered', routes: ['topical'] }],
        components: ['umbilical-cord MSC exosomes', 'hyaluronic acid'],
      },
      {
        key: 'plant',
        name: 'PhytoVesicle ampoule',
        supplier: 'Green Lab Cosmetics',
        origin: 'plant',
        registrations: [
          {
            jurisdiction: 'US',
            registration: 'cosmetic',
            routes: ['topical', 'topical-after-needling', 'topical-after-device'],
          },
          { jurisdiction: 'EU', registration: 'cosmetic', routes: ['topical'] },
        ],
        components: ['plant-derived vesicles'],
      },
      {
        key: 'ind',
        name: 'MSC-EV study product',
        supplier: 'University Trial Pharmacy',
        origin: 'human-bone-marrow-msc',
        registrations: [
          {
            jurisdiction: 'US',
            registration: 'investigational',
            routes: ['intra-articular'],
            indNumber: 'IND 000000 (demo)',
          },
        ],
        components: ['bone-marrow MSC extracellular vesicles'],
      },
    ];
    const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
    for (const p of catalog) {
      const productId = newId(now);
      products[p.key] = productId;
      await tx
        .insertInto('products')
        .values({
          tenant_id: tenantId,
          product_id: productId,
          name: p.name,
          supplier: p.supplier,
          origin: p.origin,
          registrations: writeJson(p.registrations),
          components: writeJson(p.components),
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const [n, expiresIn, quantity] of [
        [1, 40, 4],
        [2, 400, 20],
      ] as const) {
        await tx
          .insertInto('product_lots')
          .values({
            tenant_id: tenantId,
            lot_id: newId(now),
            product_id: productId,
            lot_number: `${p.key.toUpperCase()}-${String(n).padStart(4, '0')}`,
            expires_on: day(expiresIn),
            quantity,
            unit: 'vial',
            created_at: now,
          })
          .execute();
      }
    }
    const priceLists: string[] = [];
    for (const list of EXAMPLE_PRICE_LISTS) {
      const priceListId = newId(now);
      priceLists.push(priceListId);
      await tx
        .insertInto('price_lists')
        .values({
          tenant_id: tenantId,
          price_list_id: priceListId,
          name: list.name,
          currency: list.currency,
          content: writeJson({ isExample: list.isExample, entries: list.entries }),
          created_at: now,
          created_by: ownerId,
        })
        .execute();
    }
    const template = await tx
      .selectFrom('consent_templates')
      .select('template_id')
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return { locations, users, products, priceLists, templateId: template.template_id };
  });

  const actor = (
    userId: string,
    role: Role,
    displayName: string,
    patientId: string | null = null,
  ): Actor => ({
    tenantId,
    userId: userId as UserId,
    role,
    email: '',
    displayName,
    patientId: patientId as PatientId | null,
    via: 'session',
    scopes: null,
    sessionId: null,
    tokenId: null,
  });
  let tick = now;
  const ctxOf = (a: Actor): UseCaseContext => ({
    db,
    actor: a,
    ip: null,
    requestId: 'demo-seed',
    now: tick++ as EpochMs,
  });
  const desk = () => ctxOf(actor(ids.users.desk!, 'front_desk', 'Frank Frontdesk'));
  const owner = () => ctxOf(actor(ownerId, 'owner', 'Olivia Owner'));
  const doctor = () => ctxOf(actor(ids.users.doctor!, 'practitioner', 'Dr. Priya Practitioner'));
  const start = new Date(now + 14 * 86_400_000).toISOString().slice(0, 10);
  const usdList = ids.priceLists[0]!;

  // 1. Skin rejuvenation: planned, accepted, quoted, consent signed on the clinic tablet.
  const maria = await createPatient(desk(), {
    givenName: 'María',
    familyName: 'González',
    dateOfBirth: '1979-05-14',
    sex: 'female',
    phone: '+1 555 0100 201',
    email: 'maria.gonzalez@example.org',
  });
  const c1 = await recordConsultation(doctor(), maria.id, {
    profile: {
      indication: 'skin-rejuvenation',
      modality: 'microneedling-topical',
      severity: 'moderate',
      areaSize: 'medium',
      goal: 'moderate',
      startDate: start,
      patient: patientProfile({ age: 46 }),
    },
    productId: ids.products.plant,
    locationId: ids.locations[0],
  });
  const p1 = await planCourse(doctor(), c1.id, {});
  await acceptPlan(doctor(), p1.id, { version: 1 });
  await quotePlan(desk(), p1.id, { priceListId: usdList, tier: 'standard' });
  const consent = await prepareConsent(desk(), p1.id, { templateId: ids.templateId });
  await signConsent(desk(), consent.id, { typedName: 'María González', userAgent: 'demo seed' });

  // 2. Hair loss: revised to another sourced protocol, awaiting acceptance.
  const james = await createPatient(desk(), {
    givenName: 'James',
    familyName: 'O’Connor',
    dateOfBirth: '1983-11-02',
    sex: 'male',
    phone: '+1 555 0100 202',
    email: 'james.oconnor@example.org',
  });
  const c2 = await recordConsultation(doctor(), james.id, {
    profile: {
      indication: 'hair-loss',
      modality: 'scalp-injection',
      severity: 'moderate',
      areaSize: 'large',
      goal: 'moderate',
      startDate: start,
      patient: patientProfile({ age: 42, sex: 'male' }),
    },
    locationId: ids.locations[1],
  });
  const p2 = await planCourse(doctor(), c2.id, {});
  await revisePlan(doctor(), p2.id, {
    basedOnVersion: 1,
    protocol: 'hair-loss/S3',
    reason: 'Patient prefers the shorter S3 spacing to see progress sooner',
  });
  await quotePlan(desk(), p2.id, { priceListId: usdList, tier: 'premium' });

  // 3. Pregnant: screening defers the course; no plan.
  const lea = await createPatient(desk(), {
    givenName: 'Léa',
    familyName: 'Dubois',
    dateOfBirth: '1991-02-20',
    sex: 'female',
    phone: '+1 555 0100 203',
    email: null,
  });
  await recordConsultation(doctor(), lea.id, {
    profile: {
      indication: 'skin-rejuvenation',
      modality: 'microneedling-topical',
      severity: 'mild',
      areaSize: 'small',
      goal: 'subtle',
      startDate: start,
      patient: patientProfile({ age: 33, pregnant: true }),
    },
  });

  // 4. Knee: investigational product with an IND, planned.
  const walter = await createPatient(desk(), {
    givenName: 'Walter',
    familyName: 'Schmidt',
    dateOfBirth: '1958-08-30',
    sex: 'male',
    phone: '+1 555 0100 204',
    email: 'walter.schmidt@example.org',
  });
  const c4 = await recordConsultation(doctor(), walter.id, {
    profile: {
      indication: 'joint',
      modality: 'intra-articular-injection',
      severity: 'moderate',
      areaSize: 'medium',
      goal: 'moderate',
      chronicity: 'chronic',
      startDate: start,
      patient: patientProfile({ age: 67, sex: 'male' }),
    },
    productId: ids.products.ind,
  });
  if (c4.blockedBy.length === 0) await planCourse(doctor(), c4.id, {});

  // 5. Acne scars, with a portal account to sign in as the patient.
  const aiko = await createPatient(desk(), {
    givenName: 'Aiko',
    familyName: 'Tanaka',
    dateOfBirth: '1995-12-09',
    sex: 'female',
    phone: '+1 555 0100 205',
    email: 'aiko.tanaka@example.org',
  });
  const c5 = await recordConsultation(doctor(), aiko.id, {
    profile: {
      indication: 'acne-scars',
      modality: 'laser-topical',
      severity: 'moderate',
      areaSize: 'medium',
      goal: 'moderate',
      startDate: start,
      patient: patientProfile({ age: 30, fitzpatrick: 4 }),
    },
    productId: ids.products.plant,
  });
  if (c5.blockedBy.length === 0) {
    const p5 = await planCourse(doctor(), c5.id, {});
    await prepareConsent(desk(), p5.id, { templateId: ids.templateId });
  }
  await withTenant(db, tenantId, (tx) =>
    insertUser(
      tx,
      tenantId,
      {
        email: email('patient'),
        displayName: 'Aiko Tanaka',
        role: 'patient',
        passwordHash: hash,
        patientId: aiko.id,
      },
      now,
    ),
  );

  // The schedule last: the accepted plan (María's) is booked as a course on it.
  await seedDemoSchedule(owner, desk, {
    locations: ids.locations,
    practitioners: [
      {
        userId: ids.users.doctor!,
        modalities: [
          'microneedling-topical',
          'laser-topical',
          'radiofrequency-topical',
          'scalp-injection',
          'intra-articular-injection',
        ] as never,
        hours: [
          { site: 0, weekly: hours([1, 3, 5], '09:00', '17:00') },
          { site: 1, weekly: hours([2, 4], '10:00', '18:00') },
        ],
      },
      {
        userId: ids.users.nurse!,
        modalities: ['microneedling-topical', 'laser-topical', 'iv-infusion'] as never,
        hours: [
          {
            site: 0,
            weekly: { ...hours([1, 2, 3, 4, 5], '09:00', '17:00'), ...hours([6, 7], '10:00', '14:00') },
          },
        ],
      },
    ],
    acceptedPlans: [p1.id],
  });
  // Then the day the demo is created: a few patients booked for it, with the day under way.
  await seedDemoDay(db, {
    now,
    timeZone: 'America/New_York',
    actors: {
      desk: actor(ids.users.desk!, 'front_desk', 'Frank Frontdesk'),
      practitioner: actor(ids.users.nurse!, 'practitioner', 'Nadia Nurse'),
    },
    locationId: ids.locations[0]!,
    productId: ids.products.cord!,
    templateId: ids.templateId,
  });

  return {
    tenantId,
    name,
    password,
    logins: [
      { role: 'owner', email: email('owner') },
      ...staff.map((s) => ({ role: s.role, email: email(s.local) })),
      { role: 'patient', email: email('patient') },
    ],
  };
}
