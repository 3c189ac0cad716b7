import { type EpochMs as CoreMs, type LocalDate, localDateOf } from '@exoclinic/core';
import { changeAppointmentStatus } from '../appointments/change-appointment-status';
import type { Actor } from '../auth/actor';
import { chartSession } from '../charting/chart-session';
import { checkInPatient } from '../charting/check-in-patient';
import { recordNoShow } from '../charting/record-no-show';
import { chartInput } from '../charting/schemas';
import { signChart } from '../charting/sign-chart';
import { prepareConsent } from '../consents/prepare-consent';
import { signConsent } from '../consents/sign-consent';
import { recordConsultation } from '../consultations/record-consultation';
import type { Db } from '../db/connect';
import { withTenant } from '../db/tenant';
import { createPatient } from '../patients/create-patient';
import { acceptPlan } from '../plans/accept-plan';
import { planCourse } from '../plans/plan-course';
import { bookCourse } from '../scheduling/book-course';
import { courseBookInput } from '../scheduling/schemas';
import type { UseCaseContext } from '../shared/context';
import type { EpochMs } from '../shared/ids';

// The demo clinic's own day: a few patients whose course starts on the day the demo is created,
// booked by the solver on free resources inside opening hours, then taken through the day as a
// clinic would (one treated and signed, one missed, one in the chair, one still to come, one
// cancelled), so that Today, the calendar and the chart show a working day on first start.

const DAY_MS = 86_400_000;

export type DayOutcome = 'completed' | 'no-show' | 'checked-in' | 'booked' | 'cancelled';

/** Outcomes in the order of the day's first sessions: the morning is done, the afternoon to come. */
const OUTCOMES: DayOutcome[] = ['completed', 'no-show', 'checked-in', 'booked', 'cancelled'];

const PATIENTS = [
  { givenName: 'Sofia', familyName: 'Rossi', dateOfBirth: '1982-03-11', sex: 'female', age: 44 },
  { givenName: 'Daniel', familyName: 'Kim', dateOfBirth: '1976-07-23', sex: 'male', age: 50 },
  { givenName: 'Grace', familyName: 'Okafor', dateOfBirth: '1988-10-05', sex: 'female', age: 38 },
  { givenName: 'Hannah', familyName: 'Weber', dateOfBirth: '1990-01-30', sex: 'female', age: 36 },
  { givenName: 'Marco', familyName: 'Bianchi', dateOfBirth: '1985-06-17', sex: 'male', age: 41 },
] as const;

export interface DemoDay {
  date: LocalDate;
  appointments: { patientId: string; appointmentId: string; status: DayOutcome; sessionId: string | null }[];
}

export async function seedDemoDay(
  db: Db,
  opts: {
    now: number;
    timeZone: string;
    actors: { desk: Actor; practitioner: Actor };
    locationId: string;
    productId: string;
    templateId: string;
  },
): Promise<DemoDay> {
  const today = localDateOf(opts.now as CoreMs, opts.timeZone);
  // Consultations, plans, consents and bookings were made ten days before the day.
  let tick = opts.now - 10 * DAY_MS;
  const at =
    (actor: Actor) =>
    (when?: number): UseCaseContext => ({
      db,
      actor,
      ip: null,
      requestId: 'demo-seed',
      now: (when ?? tick++) as EpochMs,
    });
  const desk = at(opts.actors.desk);
  const practitioner = at(opts.actors.practitioner);
  const tenantId = opts.actors.desk.tenantId;
  const lot = await withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom('product_lots')
      .select(['lot_id', 'expires_on'])
      .where('tenant_id', '=', tenantId)
      .where('product_id', '=', opts.productId)
      .orderBy('expires_on', 'desc')
      .executeTakeFirstOrThrow(),
  );

  const booked: { patientId: string; planId: string; appointmentId: string; start: number; end: number }[] =
    [];
  for (const [i, person] of PATIENTS.entries()) {
    const patient = await createPatient(desk(), {
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth,
      sex: person.sex,
      phone: `+1 555 0100 ${String(210 + i)}`,
      email: `${person.givenName.toLowerCase()}.${person.familyName.toLowerCase()}@example.org`,
    });
    const consultation = await recordConsultation(practitioner(), patient.id, {
      profile: {
        indication: 'skin-rejuvenation',
        modality: 'microneedling-topical',
        severity: 'mild',
        areaSize: 'medium',
        goal: 'moderate',
        startDate: today,
        patient: {
          age: person.age,
          sex: person.sex,
          pregnant: false,
          breastfeeding: false,
          allergies: [],
          activeInfection: false,
          autoimmune: false,
          keloidHistory: false,
          fitzpatrick: 2,
          conditions: [],
        },
      },
      productId: opts.productId,
      locationId: opts.locationId,
    });
    if (consultation.blockedBy.length > 0) continue;
    const plan = await planCourse(practitioner(), consultation.id, {});
    await acceptPlan(practitioner(), plan.id, { version: 1 });
    const consent = await prepareConsent(desk(), plan.id, { templateId: opts.templateId });
    await signConsent(desk(), consent.id, {
      typedName: `${person.givenName} ${person.familyName}`,
      userAgent: 'demo seed',
    });
    // The first session on the day, at the first free time the solver finds at the site.
    let course: Awaited<ReturnType<typeof bookCourse>>['body'];
    try {
      course = (
        await bookCourse(
          desk(),
          plan.id,
          courseBookInput.parse({ earliest: today, locationId: opts.locationId, searchDays: 60 }),
        )
      ).body;
    } catch {
      continue; // a full day: this patient's course is left to book by hand
    }
    const first = course.appointments[0];
    if (first && first.local.date === today) {
      booked.push({
        patientId: patient.id,
        planId: plan.id,
        appointmentId: first.id,
        start: first.start,
        end: first.end,
      });
    }
  }

  booked.sort((a, b) => a.start - b.start);
  const appointments: DemoDay['appointments'] = [];
  for (const [i, b] of booked.entries()) {
    const outcome = OUTCOMES[i % OUTCOMES.length]!;
    let sessionId: string | null = null;
    if (outcome === 'completed' || outcome === 'checked-in') {
      const session = await checkInPatient(desk(b.start - 10 * 60_000), b.planId, {
        appointmentId: b.appointmentId,
      });
      sessionId = session.id;
      if (outcome === 'completed') {
        const chart = chartInput.parse({
          products: [
            {
              productId: opts.productId,
              lotId: lot.lot_id,
              quantity: 1,
              volumeMl: 2,
              route: 'topical-after-needling',
              areas: [{ areaId: 'face-full' }],
            },
          ],
          areas: [{ areaId: 'face-full' }],
          device: { device: 'Microneedling pen A', needleDepthMm: 0.5, passes: 3 },
          notes: 'Tolerated well; mild redness at the end, as expected.',
        });
        const charted = await chartSession(practitioner(b.end - 15 * 60_000), session.id, { chart });
        // Signing the chart completes the appointment.
        await signChart(practitioner(b.end - 10 * 60_000), session.id, charted.chartVersion ?? 1);
      }
    } else if (outcome === 'no-show') {
      const s = await recordNoShow(desk(b.start + 20 * 60_000), b.planId, {
        scheduledFor: b.start,
        appointmentId: b.appointmentId,
      });
      sessionId = s.id;
    } else if (outcome === 'cancelled') {
      await changeAppointmentStatus(desk(b.start - 2 * DAY_MS), b.appointmentId, {
        status: 'cancelled',
        reason: 'The patient is travelling; to rebook',
      });
    }
    appointments.push({ patientId: b.patientId, appointmentId: b.appointmentId, status: outcome, sessionId });
  }
  return { date: today, appointments };
}
