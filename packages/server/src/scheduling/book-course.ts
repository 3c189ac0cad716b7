import { addDays, daysBetween, type SessionModality, solveCourse } from '@exoclinic/core';
import { insertAppointments } from '../appointments/insert-appointments';
import { assertHoldsFree } from '../appointments/repository';
import { recordAudit } from '../audit/record-audit';
import { type Tx, withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { DomainError, unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { type BookablePlan, loadBookablePlan, sessionModalityFor } from './bookable-plan';
import {
  type CheckedSession,
  type CourseGround,
  checkChosenSession,
  courseRequestFor,
  loadCourseCalendar,
  readCourseGround,
} from './course-request';
import { type CourseView, courseViewOf } from './course-view';
import { replayIdempotent, type StoredResponse, storeIdempotent } from './idempotency';
import type { CourseBookInput } from './schemas';
import { hashRequest } from './stable-json';
import { readThenWrite } from './write-transaction';

/**
 * Book a plan's whole initial series: every session or none. With `sessions` the caller's exact
 * choice is checked and booked; without, the solver's option is booked as it stands now (on a
 * race lost to another booking it solves again, twice at most). An `Idempotency-Key` makes a retry
 * safe: the same request gets the first response back, a different one under the key a 422.
 */
export async function bookCourse(
  ctx: UseCaseContext,
  planId: string,
  input: CourseBookInput,
  idempotencyKey?: string,
): Promise<StoredResponse<CourseView>> {
  const hash = idempotencyKey ? hashRequest({ route: 'book-course', planId, input }) : '';
  const attempts = input.sessions ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await readThenWrite(
        ctx.db,
        ctx.actor.tenantId,
        (tx) => readCourseBooking(tx, ctx, planId, input),
        (tx, read) => writeCourseBooking(tx, ctx, read, input, idempotencyKey, hash),
      );
    } catch (error) {
      if (idempotencyKey && error instanceof DomainError && error.status === 409) {
        // A concurrent twin with the same key may have won: answer with its response.
        const prior = await withTenant(ctx.db, ctx.actor.tenantId, async (tx) => {
          const found = await replayIdempotent<CourseView>(tx, ctx, idempotencyKey, hash);
          if (found) await auditReplay(tx, ctx, found.body);
          return found;
        });
        if (prior) return prior;
      }
      if (attempt < attempts && error instanceof DomainError && error.type === 'resource-conflict') continue;
      throw error;
    }
  }
}

const auditReplay = (tx: Tx, ctx: UseCaseContext, course: CourseView) =>
  recordAudit(tx, ctx, {
    action: 'course.book.replay',
    patientId: course.patientId,
    entity: 'course',
    entityId: course.id,
  });

interface CourseBookingRead {
  bp: BookablePlan;
  modality: SessionModality;
  ground: CourseGround;
}

/** Before the write lock: the plan, no course booked yet (the unique index is the wall), the clinic. */
async function readCourseBooking(
  tx: Tx,
  ctx: UseCaseContext,
  planId: string,
  input: CourseBookInput,
): Promise<CourseBookingRead> {
  const bp = await loadBookablePlan(tx, ctx, planId);
  const existing = await tx
    .selectFrom('course_bookings')
    .select('course_id')
    .where('tenant_id', '=', ctx.actor.tenantId)
    .where('plan_id', '=', planId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (existing) {
    throw new DomainError(
      409,
      'course-exists',
      'Course already booked',
      'this plan already has a booked course: reschedule its sessions instead',
      {
        courseId: existing.course_id,
      },
    );
  }
  const modality = sessionModalityFor(bp.plan, 'initial');
  return { bp, modality, ground: await readCourseGround(tx, ctx, bp, input) };
}

/** Under the write lock: the holds as they are now, the sessions chosen or solved, every row written. */
async function writeCourseBooking(
  tx: Tx,
  ctx: UseCaseContext,
  { bp, modality, ground }: CourseBookingRead,
  input: CourseBookInput,
  key: string | undefined,
  hash: string,
): Promise<StoredResponse<CourseView>> {
  if (key) {
    const prior = await replayIdempotent<CourseView>(tx, ctx, key, hash);
    if (prior) {
      await auditReplay(tx, ctx, prior.body);
      return prior;
    }
  }
  const tenantId = ctx.actor.tenantId;
  const planId = bp.planId;
  const calendar = await loadCourseCalendar(tx, ctx, bp, input, ground, Boolean(input.sessions));
  // Plans come out ranked by first day, each fixed by its own first day: asking for no more than
  // the chosen option gives the very same option, sooner.
  const wanted = { ...input, alternatives: Math.min(input.alternatives, input.option + 1) };
  const { request, shape } = courseRequestFor(ctx, bp, modality, wanted, ground.earliest, calendar);
  const gap = bp.plan.initialSeries.intervalDays;
  let sessions: CheckedSession[];
  if (input.sessions) {
    if (input.sessions.length !== request.sessions) {
      throw unprocessable(`the plan has ${request.sessions} sessions`, [
        { path: 'body.sessions', message: `names ${input.sessions.length}` },
      ]);
    }
    sessions = input.sessions.map((s, i) =>
      checkChosenSession(calendar, modality, shape, s, `body.sessions.${i}`),
    );
    if (sessions[0]!.slot.start < ctx.now)
      throw unprocessable('a course starts in the future', [
        { path: 'body.sessions.0.start', message: 'is in the past' },
      ]);
    for (let i = 1; i < sessions.length; i++) {
      const days = daysBetween(sessions[i - 1]!.localDate, sessions[i]!.localDate);
      if (days < gap.min || days > gap.max) {
        throw new DomainError(
          422,
          'outside-window',
          'Outside the protocol window',
          `sessions ${i} and ${i + 1} are ${days} days apart; the plan allows ${gap.min}–${gap.max}`,
          {
            errors: [
              { path: `body.sessions.${i}.start`, message: `is ${days} days after the previous session` },
            ],
          },
        );
      }
    }
  } else {
    let result = solveCourse(request);
    if (!result.ok) {
      // Explain the failure on a calendar wide enough for the relaxations it tries.
      const wide = await loadCourseCalendar(tx, ctx, bp, input, ground, true);
      result = solveCourse(courseRequestFor(ctx, bp, modality, wanted, ground.earliest, wide).request);
    }
    if (!result.ok) {
      throw new DomainError(409, 'no-course', 'No course fits', result.failure.message, {
        failure: result.failure,
      });
    }
    const chosen = result.plans[input.option];
    if (!chosen)
      throw unprocessable(`there are ${result.plans.length} options`, [
        { path: 'body.option', message: 'is beyond the options found' },
      ]);
    sessions = chosen.sessions.map((s) => ({ slot: s, holds: s.holds, localDate: s.localDate }));
  }

  // The holds were read under the write lock and the sessions checked against them; on SQLite the
  // overlap query inside this same BEGIN IMMEDIATE is still the wall, on PostgreSQL the exclusion
  // constraint is (a writer outside the lock meets it), so PostgreSQL saves the round trip.
  if (ctx.db.engine === 'sqlite')
    await assertHoldsFree(
      tx,
      tenantId,
      sessions.flatMap((s) => s.holds),
    );
  const course = {
    tenant_id: tenantId,
    course_id: newId(ctx.now),
    plan_id: planId,
    plan_version: bp.version,
    patient_id: bp.patientId,
    location_id: sessions[0]!.slot.locationId,
    modality: bp.plan.modality,
    status: 'active',
    created_at: ctx.now,
    created_by: ctx.actor.userId,
  };
  const courseId = course.course_id;
  await tx.insertInto('course_bookings').values(course).execute();
  const appointments = await insertAppointments(
    tx,
    ctx,
    sessions.map((s, i) => ({
      courseId,
      planId,
      patientId: bp.patientId,
      locationId: s.slot.locationId,
      modality: bp.plan.modality,
      kind: 'initial' as const,
      sessionIndex: i + 1,
      start: s.slot.start,
      end: s.slot.end,
      practitionerId: s.slot.practitionerId,
      roomId: s.slot.roomId,
      deviceIds: s.slot.deviceIds,
      window:
        i > 0
          ? {
              earliest: addDays(sessions[i - 1]!.localDate, gap.min),
              latest: addDays(sessions[i - 1]!.localDate, gap.max),
            }
          : null,
      holds: s.holds,
    })),
  );
  await recordAudit(tx, ctx, {
    action: 'course.book',
    patientId: bp.patientId,
    entity: 'course',
    entityId: courseId,
    detail: {
      planId,
      sessions: sessions.length,
      chosen: input.sessions ? 'explicit' : `option ${input.option}`,
    },
  });
  // The course as written (its sites share the calendar's time zone): no reading it back.
  const body = courseViewOf(
    course,
    [...appointments].sort(
      (a, b) => a.start_ms - b.start_ms || (a.appointment_id < b.appointment_id ? -1 : 1),
    ),
    () => calendar.timeZone,
  );
  if (key) await storeIdempotent(tx, ctx, key, hash, 201, body);
  return { status: 201, body, replayed: false };
}
