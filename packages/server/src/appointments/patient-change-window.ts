import { addDays, type EpochMs, type LocalDate, localDateOf, type Plan } from '@exoclinic/core';
import { findClinic } from '../clinic/repository';
import type { Tx } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { notFound } from '../shared/errors';
import { planOfAppointment } from './plan-of-appointment';
import type { AppointmentRow } from './repository';

// What a patient may change on their own, and what stays with the clinic. A patient moves a
// booked session only to a day that keeps every gap of the course inside the plan's window with
// no other session moving, at the same site, and never close to the session: inside the notice
// period the clinic's day is already planned around it.

export const noticeMs = (hours: number) => hours * 3_600_000;

/** "1 hour", "48 hours". */
export const hoursInWords = (hours: number) => (hours === 1 ? '1 hour' : `${hours} hours`);

export type LocalWindow = { earliest: LocalDate; latest: LocalDate };

/** Why a patient cannot change a session themselves (they call the clinic instead). */
export type ChangeRefusal = 'not-booked' | 'notice-period' | 'no-window';

export interface ChangeGround {
  current: AppointmentRow;
  timeZone: string;
  /** The plan version the session follows (null for a session that is not booked). */
  plan: Plan | null;
  /** The local days the session may move to without touching another session; null: none. */
  window: LocalWindow | null;
  /**
   * The clinic's notice period: hours before a session (its current time and its new one) inside
   * which only the clinic can change it (Settings › Clinic; 24 unless the clinic chose otherwise).
   */
  noticeHours: number;
  refusal: ChangeRefusal | null;
}

/**
 * The days a session may move to on its own: after the session before it by the plan's gap (its
 * stored window when there is no session before it), and before the next booked session by the
 * gap too, so that session keeps its day. Pure: dates in, dates out.
 */
export function ownMoveWindow(input: {
  stored: LocalWindow | null;
  previous: LocalDate | null;
  next: LocalDate | null;
  gap: { min: number; max: number };
}): LocalWindow | null {
  const { gap } = input;
  let earliest: LocalDate | null = null;
  let latest: LocalDate | null = null;
  if (input.previous) {
    earliest = addDays(input.previous, gap.min);
    latest = addDays(input.previous, gap.max);
  } else if (input.stored) {
    earliest = input.stored.earliest;
    latest = input.stored.latest;
  }
  if (input.next) {
    const from = addDays(input.next, -gap.max);
    const to = addDays(input.next, -gap.min);
    earliest = earliest === null || from > earliest ? from : earliest;
    latest = latest === null || to < latest ? to : latest;
  }
  if (earliest === null || latest === null || earliest > latest) return null;
  return { earliest, latest };
}

/** A patient's own appointment (another patient's is not found, like one that never was). */
export async function findOwnAppointment(
  tx: Tx,
  ctx: UseCaseContext,
  appointmentId: string,
): Promise<AppointmentRow> {
  const row = await tx
    .selectFrom('appointments')
    .selectAll()
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('appointment_id', '=', appointmentId)
    .executeTakeFirst();
  if (!row || (ctx.actor.role === 'patient' && row.patient_id !== ctx.actor.patientId))
    throw notFound('appointment');
  return row;
}

/** The appointment, its site's time zone, the window it may move within and why it may not. */
export async function loadChangeGround(
  tx: Tx,
  ctx: UseCaseContext,
  current: AppointmentRow,
): Promise<ChangeGround> {
  const site = await tx
    .selectFrom('locations')
    .select('time_zone')
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('location_id', '=', current.location_id)
    .executeTakeFirstOrThrow();
  const timeZone = site.time_zone;
  const noticeHours = (await findClinic(tx, ctx.actor.tenantId)).patient_change_notice_hours;
  const dayOf = (ms: number) => localDateOf(ms as EpochMs, timeZone);
  let window: LocalWindow | null = null;
  let plan: Plan | null = null;
  if (current.status === 'booked') {
    plan = await planOfAppointment(tx, ctx, current);
    let previous: LocalDate | null = null;
    let next: LocalDate | null = null;
    // The same neighbours the reschedule looks at: the session before (held or done) and the
    // first booked one after.
    if (current.kind === 'initial' && current.course_id && current.session_index !== null) {
      const before = await tx
        .selectFrom('appointments')
        .select(['start_ms'])
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where('course_id', '=', current.course_id)
        .where('kind', '=', 'initial')
        .where('status', 'in', ['booked', 'checked-in', 'completed'])
        .where('session_index', '=', current.session_index - 1)
        .executeTakeFirst();
      const later = await tx
        .selectFrom('appointments')
        .select(['start_ms'])
        .where('tenant_id', '=', ctx.actor.tenantId)
        .where('course_id', '=', current.course_id)
        .where('kind', '=', 'initial')
        .where('status', '=', 'booked')
        .where('session_index', '>', current.session_index)
        .orderBy('session_index')
        .limit(1)
        .executeTakeFirst();
      if (before) previous = dayOf(before.start_ms);
      if (later) next = dayOf(later.start_ms);
    }
    window = ownMoveWindow({
      stored:
        current.window_earliest && current.window_latest
          ? { earliest: current.window_earliest as LocalDate, latest: current.window_latest as LocalDate }
          : null,
      previous,
      next,
      gap: plan.initialSeries.intervalDays,
    });
  }
  const refusal: ChangeRefusal | null =
    current.status !== 'booked'
      ? 'not-booked'
      : current.start_ms - ctx.now < noticeMs(noticeHours)
        ? 'notice-period'
        : window === null
          ? 'no-window'
          : null;
  return { current, timeZone, plan, window, noticeHours, refusal };
}

/** The refusal in words for the API's problem documents. */
export function refusalDetail(refusal: ChangeRefusal, noticeHours: number): string {
  switch (refusal) {
    case 'not-booked':
      return 'only a booked session can be changed: call the clinic';
    case 'notice-period':
      return noticeHours === 0
        ? 'the session has started: call the clinic to change it'
        : `the session starts in less than ${hoursInWords(noticeHours)}: call the clinic to change it`;
    case 'no-window':
      return 'this session cannot move without moving another session of the course: call the clinic';
  }
}
