import {
  addDays,
  compileSessionShape,
  daysBetween,
  describeHolds,
  type EpochMs,
  type LocalDate,
  localDateOf,
  type ResourceHold,
  type Slot,
} from '@exoclinic/core';
import { recordAudit } from '../audit/record-audit';
import type { Tx } from '../db/tenant';
import { type SessionKind, sessionModalityFor } from '../scheduling/bookable-plan';
import { loadClinicCalendar } from '../scheduling/clinic-calendar';
import { checkChosenSession } from '../scheduling/course-request';
import { type CourseView, loadCourseView } from '../scheduling/course-view';
import { localTime } from '../scheduling/present-time';
import { withSchedulingWrite } from '../scheduling/write-transaction';
import type { UseCaseContext } from '../shared/context';
import { conflict, DomainError, unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { planOfAppointment } from './plan-of-appointment';
import { type DeviationProposal, type PlannedMove, reflowLaterSessions } from './reflow-course';
import {
  type AppointmentRow,
  type AppointmentView,
  assertHoldsFree,
  changeAppointment,
  findAppointment,
  insertAppointment,
  toAppointmentView,
} from './repository';
import { slotAt } from './slot-at';

export interface RescheduleInput {
  start: number;
  practitionerId?: string | null | undefined;
  roomId?: string | null | undefined;
  deviceIds?: string[] | undefined;
  confirmDeviation?: boolean | undefined;
  reason?: string | undefined;
}

export interface RescheduleResult {
  appointment: AppointmentView;
  /** Later sessions that moved with it. */
  reflowed: AppointmentView[];
  deviations: DeviationProposal[];
  course: CourseView | null;
}

const LIVE = new Set(['booked']);
const REBOOKABLE = new Set(['cancelled', 'no-show']);

/**
 * Move one appointment (or rebook a cancelled or missed one). Later sessions of its course follow
 * inside their gap windows; a window that cannot be kept is a protocol deviation: answered 409 with
 * the whole proposal until the caller confirms it, then recorded with its reason. All moves land
 * in one write: every appointment keeps a history row per change.
 */
export async function rescheduleAppointment(
  ctx: UseCaseContext,
  appointmentId: string,
  input: RescheduleInput,
): Promise<RescheduleResult> {
  return withSchedulingWrite(ctx.db, ctx.actor.tenantId, async (tx) =>
    moveAppointment(tx, ctx, await findAppointment(tx, ctx, appointmentId), input),
  );
}

/** What a caller with narrower rights (the patient in the portal) adds to a move. */
export interface ReschedulePolicy {
  /** Only the appointment's own site (else its site first, then the others in its time zone). */
  sameSite?: boolean;
  /** Sees the move before anything is written, and may refuse it by throwing. */
  review?: (move: {
    slot: Slot;
    reflowed: readonly PlannedMove[];
    deviations: readonly DeviationProposal[];
  }) => void;
  /** The audit action (default: appointment.reschedule or appointment.rebook). */
  auditAction?: string;
}

/** The move itself, inside the caller's scheduling write: the appointment was read under its lock. */
export async function moveAppointment(
  tx: Tx,
  ctx: UseCaseContext,
  current: AppointmentRow,
  input: RescheduleInput,
  policy: ReschedulePolicy = {},
): Promise<RescheduleResult> {
  if (!LIVE.has(current.status) && !REBOOKABLE.has(current.status)) {
    throw conflict(`a ${current.status} appointment cannot be moved`);
  }
  if (input.start < ctx.now)
    throw unprocessable('an appointment moves to the future', [
      { path: 'body.start', message: 'is in the past' },
    ]);
  if (input.confirmDeviation && !input.reason) {
    throw unprocessable('a protocol deviation is recorded with its reason', [
      { path: 'body.reason', message: 'is required with confirmDeviation' },
    ]);
  }
  const plan = await planOfAppointment(tx, ctx, current);
  const modality = sessionModalityFor(plan, current.kind as SessionKind);
  const gap = plan.initialSeries.intervalDays;

  // Later live sessions of the course: they may have to follow.
  const later =
    current.kind === 'initial' && current.course_id
      ? await tx
          .selectFrom('appointments')
          .selectAll()
          .where('tenant_id', '=', ctx.actor.tenantId)
          .where('course_id', '=', current.course_id)
          .where('kind', '=', 'initial')
          .where('status', '=', 'booked')
          .where('session_index', '>', current.session_index!)
          .orderBy('session_index')
          .execute()
      : [];
  const moving = [current.appointment_id, ...later.map((l) => l.appointment_id)];
  const site = await tx
    .selectFrom('locations')
    .select('time_zone')
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('location_id', '=', current.location_id)
    .executeTakeFirstOrThrow();
  const day = localDateOf(input.start as EpochMs, site.time_zone);
  const calendar = await loadClinicCalendar(tx, ctx.actor.tenantId, {
    ...(policy.sameSite ? { locationIds: [current.location_id] } : { preferLocationId: current.location_id }),
    firstDay: addDays(day, -1),
    lastDay: addDays(day, Math.max(1, later.length) * (gap.max + 60) + 2),
    ignoreAppointments: moving,
  });
  const settings = calendar.sites[0]!;
  const shape = compileSessionShape(modality, settings.cleaningMinutes);

  let slot: Slot;
  let holds: ResourceHold[];
  if (input.practitionerId !== undefined || input.roomId !== undefined || input.deviceIds !== undefined) {
    const checked = checkChosenSession(
      calendar,
      modality,
      shape,
      {
        start: input.start,
        practitionerId: input.practitionerId ?? null,
        roomId: input.roomId ?? null,
        deviceIds: input.deviceIds ?? [],
      },
      'body',
    );
    slot = checked.slot;
    holds = checked.holds;
  } else {
    slot = slotAt(calendar, modality, input.start, current.practitioner_id);
    holds = describeHolds(shape, slot);
  }

  const deviations: DeviationProposal[] = [];
  let window: { earliest: string; latest: string } | null = null;
  if (current.kind === 'initial' && current.course_id && current.session_index! > 1) {
    const before = await tx
      .selectFrom('appointments')
      .select(['start_ms', 'location_id'])
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('course_id', '=', current.course_id)
      .where('kind', '=', 'initial')
      .where('session_index', '=', current.session_index! - 1)
      .where('status', 'in', ['booked', 'checked-in', 'completed'])
      .executeTakeFirst();
    if (before) {
      const prevDate = localDateOf(before.start_ms as EpochMs, site.time_zone);
      window = { earliest: addDays(prevDate, gap.min), latest: addDays(prevDate, gap.max) };
      const days = daysBetween(prevDate, day);
      if (days < gap.min || days > gap.max) {
        deviations.push({
          gap: current.session_index! - 1,
          appointmentId: current.appointment_id,
          window: { min: gap.min, max: gap.max },
          actualDays: days,
        });
      }
    }
  }
  const reflow = reflowLaterSessions({
    movedDate: day,
    later: later.map((l) => ({
      appointmentId: l.appointment_id,
      sessionIndex: l.session_index!,
      localDate: localDateOf(l.start_ms as EpochMs, site.time_zone) as LocalDate,
      practitionerId: l.practitioner_id,
    })),
    gap,
    modality,
    calendar,
    stepMinutes: settings.stepMinutes,
    cleaningMinutes: settings.cleaningMinutes,
    notBefore: ctx.now,
  });
  deviations.push(...reflow.deviations);
  policy.review?.({ slot, reflowed: reflow.moves, deviations });

  if (deviations.length > 0 && !input.confirmDeviation) {
    throw new DomainError(
      409,
      'protocol-deviation',
      'Protocol deviation',
      `this move breaks the plan's ${gap.min}–${gap.max}-day window for ${deviations.length} gap(s): send confirmDeviation: true with a reason to record it`,
      {
        proposal: {
          appointment: {
            id: current.appointment_id,
            start: slot.start,
            end: slot.end,
            local: { date: day, time: localTime(slot.start, site.time_zone) },
          },
          reflowed: reflow.moves.map((m) => ({
            id: m.appointmentId,
            sessionIndex: m.sessionIndex,
            start: m.session.start,
            end: m.session.end,
            local: { date: m.session.localDate, time: localTime(m.session.start, site.time_zone) },
          })),
          deviations,
        },
      },
    );
  }

  // Free the old times of everything that moves before taking new ones: two sessions of one
  // course may swap times, and the exclusion constraint checks each row as it is written.
  const live = [current, ...later].filter((a) => a.status === 'booked').map((a) => a.appointment_id);
  if (live.length > 0) {
    await tx
      .updateTable('resource_holds')
      .set({ active: 0 })
      .where('tenant_id', '=', ctx.actor.tenantId)
      .where('appointment_id', 'in', live)
      .where('active', '=', 1)
      .execute();
  }
  const allHolds = [...holds, ...reflow.moves.flatMap((m) => m.session.holds)];
  await assertHoldsFree(tx, ctx.actor.tenantId, allHolds);

  const deviationIds = new Map<string, string>();
  const reason = input.reason ?? null;
  for (const d of deviations) {
    const id = newId(ctx.now);
    deviationIds.set(d.appointmentId, id);
    await tx
      .insertInto('protocol_deviations')
      .values({
        tenant_id: ctx.actor.tenantId,
        deviation_id: id,
        course_id: current.course_id!,
        plan_id: current.plan_id,
        patient_id: current.patient_id,
        appointment_id: d.appointmentId,
        gap_index: d.gap,
        window_min_days: d.window.min,
        window_max_days: d.window.max,
        actual_days: d.actualDays,
        reason: reason ?? '',
        confirmed_by: ctx.actor.userId,
        created_at: ctx.now,
      })
      .execute();
  }

  const move = (s: Slot, h: ResourceHold[]) => ({
    start: s.start,
    end: s.end,
    practitionerId: s.practitionerId,
    roomId: s.roomId,
    deviceIds: s.deviceIds,
    holds: h,
    locationId: s.locationId,
  });
  let moved: AppointmentRow;
  if (REBOOKABLE.has(current.status)) {
    // A missed or cancelled session keeps its record; a new appointment takes its place.
    moved = await insertAppointment(
      tx,
      ctx,
      {
        courseId: current.course_id,
        planId: current.plan_id,
        patientId: current.patient_id,
        locationId: slot.locationId,
        modality: current.modality,
        kind: current.kind as SessionKind,
        followUpKind: current.follow_up_kind,
        sessionIndex: current.session_index,
        start: slot.start,
        end: slot.end,
        practitionerId: slot.practitionerId,
        roomId: slot.roomId,
        deviceIds: slot.deviceIds,
        window,
        replacesAppointmentId: current.appointment_id,
        holds,
      },
      reason,
    );
  } else {
    moved = await changeAppointment(tx, ctx, current, {
      kind: 'rescheduled',
      move: move(slot, holds),
      window:
        window ??
        (current.window_earliest
          ? { earliest: current.window_earliest, latest: current.window_latest! }
          : null),
      reason,
      deviationId: deviationIds.get(current.appointment_id) ?? null,
    });
  }
  const reflowed: AppointmentRow[] = [];
  let previousDate = day;
  for (const m of reflow.moves) {
    const row = later.find((l) => l.appointment_id === m.appointmentId)!;
    reflowed.push(
      await changeAppointment(tx, ctx, row, {
        kind: 'reflowed',
        move: move(m.session, m.session.holds),
        window: { earliest: addDays(previousDate, gap.min), latest: addDays(previousDate, gap.max) },
        reason: `follows session ${current.session_index} moved to ${day}`,
        deviationId: deviationIds.get(m.appointmentId) ?? null,
      }),
    );
    previousDate = m.session.localDate;
  }
  await recordAudit(tx, ctx, {
    action:
      policy.auditAction ??
      (REBOOKABLE.has(current.status) ? 'appointment.rebook' : 'appointment.reschedule'),
    patientId: current.patient_id,
    entity: 'appointment',
    entityId: moved.appointment_id,
    detail: {
      from: current.start_ms,
      to: slot.start,
      reflowed: reflowed.length,
      deviations: deviations.length,
    },
  });
  return {
    appointment: toAppointmentView(moved, site.time_zone),
    reflowed: reflowed.map((r) => toAppointmentView(r, site.time_zone)),
    deviations,
    course: current.course_id ? await loadCourseView(tx, ctx, { courseId: current.course_id }) : null,
  };
}
