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

const FINISHED = {
  givenName: 'Elena',
  familyName: 'Novak',
  dateOfBirth: '1972-09-08',
  sex: 'female',
  age: 54,
} as const;
/** When the finished course began: its last session some 270 days ago puts maintenance due about now. */
const FINISHED_AGO_DAYS = 325;

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
  // Consultations, plans, consents and bookings of the day's patients were made ten days before it.
  let tick = opts.now;
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
  // Lots by expiry: the short-dated one for today (first expiring, first used), the other for the
  // course given last year.
  const lots = await withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom('product_lots')
      .select(['lot_id', 'expires_on'])
      .where('tenant_id', '=', tenantId)
      .where('product_id', '=', opts.productId)
      .orderBy('expires_on')
      .execute(),
  );
  const chartWith = (lotId: string) =>
    chartInput.parse({
      products: [
        {
          productId: opts.productId,
          lotId,
          quantity: 1,
          volumeMl: 2,
          route: 'topical',
          areas: [{ areaId: 'face-full' }],
        },
      ],
      areas: [{ areaId: 'face-full' }],
      device: { device: 'Microneedling pen A', needleDepthMm: 0.5, passes: 3 },
      notes: 'Tolerated well; mild redness at the end, as expected.',
    });
  /** Check in, chart and sign one booked session at its own times (signing completes it). */
  const treat = async (planId: string, a: { id: string; start: number; end: number }, lotId: string) => {
    const session = await checkInPatient(desk(a.start - 10 * 60_000), planId, { appointmentId: a.id });
    const charted = await chartSession(practitioner(a.end - 15 * 60_000), session.id, {
      chart: chartWith(lotId),
    });
    await signChart(practitioner(a.end - 10 * 60_000), session.id, charted.chartVersion ?? 1);
    return session.id;
  };

  const consult = async (
    person: {
      givenName: string;
      familyName: string;
      dateOfBirth: string;
      sex: 'female' | 'male';
      age: number;
    },
    phone: string,
    startDate: LocalDate,
  ) => {
    const patient = await createPatient(desk(), {
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth,
      sex: person.sex,
      phone,
      email: `${person.givenName.toLowerCase()}.${person.familyName.toLowerCase()}@example.org`,
    });
    const consultation = await recordConsultation(practitioner(), patient.id, {
      profile: {
        indication: 'skin-rejuvenation',
        modality: 'microneedling-topical',
        severity: 'mild',
        areaSize: 'medium',
        goal: 'moderate',
        startDate,
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
    if (consultation.blockedBy.length > 0) return null;
    const plan = await planCourse(practitioner(), consultation.id, {});
    await acceptPlan(practitioner(), plan.id, { version: 1 });
    const consent = await prepareConsent(desk(), plan.id, { templateId: opts.templateId });
    await signConsent(desk(), consent.id, {
      typedName: `${person.givenName} ${person.familyName}`,
      userAgent: 'demo seed',
    });
    return { patientId: patient.id, planId: plan.id };
  };
  /** The plan's whole course from `earliest` at the site, as the solver's best option; null when none fits. */
  const book = async (planId: string, earliest: LocalDate) => {
    try {
      const input = courseBookInput.parse({ earliest, locationId: opts.locationId, searchDays: 60 });
      return (await bookCourse(desk(), planId, input)).body.appointments;
    } catch {
      return null; // a full calendar: left for the front desk to book by hand
    }
  };

  // A course given in full last year: its maintenance session is due about now (the recall list).
  tick = opts.now - FINISHED_AGO_DAYS * DAY_MS;
  const since = localDateOf(tick as CoreMs, opts.timeZone);
  const elena = await consult(FINISHED, '+1 555 0100 209', since);
  const past = elena ? await book(elena.planId, since) : null;
  if (elena && past) for (const a of past) await treat(elena.planId, a, lots[lots.length - 1]!.lot_id);

  // The day's patients: consulted, planned, consented and booked ten days before the day.
  tick = opts.now - 10 * DAY_MS;
  const booked: { patientId: string; planId: string; appointmentId: string; start: number; end: number }[] =
    [];
  for (const [i, person] of PATIENTS.entries()) {
    const made = await consult(person, `+1 555 0100 ${String(210 + i)}`, today);
    if (!made) continue;
    // The first session on the day, at the first free time the solver finds at the site.
    const first = (await book(made.planId, today))?.[0];
    if (first && first.local.date === today)
      booked.push({ ...made, appointmentId: first.id, start: first.start, end: first.end });
  }

  booked.sort((a, b) => a.start - b.start);
  const appointments: DemoDay['appointments'] = [];
  for (const [i, b] of booked.entries()) {
    const outcome = OUTCOMES[i % OUTCOMES.length]!;
    let sessionId: string | null = null;
    if (outcome === 'completed') {
      sessionId = await treat(b.planId, { id: b.appointmentId, start: b.start, end: b.end }, lots[0]!.lot_id);
    } else if (outcome === 'checked-in') {
      const session = await checkInPatient(desk(b.start - 10 * 60_000), b.planId, {
        appointmentId: b.appointmentId,
      });
      sessionId = session.id;
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
