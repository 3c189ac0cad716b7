import type { Selectable } from 'kysely';
import {
  type AppointmentRow,
  type AppointmentView,
  siteZones,
  toAppointmentView,
} from '../appointments/repository';
import type { CourseBookingsTable } from '../db/scheduling-schema';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';

export interface DeviationView {
  id: string;
  appointmentId: string;
  gap: number;
  window: { min: number; max: number };
  actualDays: number;
  reason: string;
  confirmedBy: string;
  createdAt: number;
}

export interface CourseView {
  id: string;
  planId: string;
  planVersion: number;
  patientId: string;
  locationId: string;
  modality: string;
  status: string;
  createdAt: number;
  appointments: AppointmentView[];
  deviations: DeviationView[];
}

/** A course with every appointment (live and past, oldest first) and its recorded deviations. */
export async function loadCourseView(
  tx: Tx,
  ctx: UseCaseContext,
  where: { courseId: string } | { planId: string },
): Promise<CourseView> {
  const tenantId = ctx.actor.tenantId;
  let q = tx.selectFrom('course_bookings').selectAll().where('tenant_id', '=', tenantId);
  q =
    'courseId' in where
      ? q.where('course_id', '=', where.courseId)
      : q.where('plan_id', '=', where.planId).where('status', '=', 'active');
  const course = await q.executeTakeFirst();
  if (!course) throw notFound('course');
  const [appointments, deviations, zones] = await Promise.all([
    tx
      .selectFrom('appointments')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', course.course_id)
      .orderBy('start_ms')
      .orderBy('appointment_id')
      .execute(),
    tx
      .selectFrom('protocol_deviations')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('course_id', '=', course.course_id)
      .orderBy('created_at')
      .execute(),
    siteZones(tx, tenantId),
  ]);
  return {
    ...courseViewOf(course, appointments, (a) => zones.get(a.location_id) ?? 'UTC'),
    deviations: deviations.map((d) => ({
      id: d.deviation_id,
      appointmentId: d.appointment_id,
      gap: d.gap_index,
      window: { min: d.window_min_days, max: d.window_max_days },
      actualDays: d.actual_days,
      // The clinician's justification stays with the staff; a patient sees that a gap was widened.
      reason: ctx.actor.role === 'patient' ? '' : d.reason,
      confirmedBy: ctx.actor.role === 'patient' ? 'clinic' : d.confirmed_by,
      createdAt: d.created_at,
    })),
  };
}

/** A course as the API shows it, from its rows (a course just booked has no deviations). */
export function courseViewOf(
  course: Selectable<CourseBookingsTable>,
  appointments: readonly AppointmentRow[],
  zoneOf: (a: AppointmentRow) => string,
): CourseView {
  return {
    id: course.course_id,
    planId: course.plan_id,
    planVersion: course.plan_version,
    patientId: course.patient_id,
    locationId: course.location_id,
    modality: course.modality,
    status: course.status,
    createdAt: course.created_at,
    appointments: appointments.map((a) => toAppointmentView(a, zoneOf(a))),
    deviations: [],
  };
}
