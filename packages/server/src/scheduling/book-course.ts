import { addDays, daysBetween, type LocalDate, solveCourse } from '@exoclinic/core';
import { assertHoldsFree, insertAppointment } from '../appointments/repository';
import { recordAudit } from '../audit/record-audit';
import { type Tx, withTenant } from '../db/tenant';
import type { UseCaseContext } from '../shared/context';
import { DomainError, unprocessable } from '../shared/errors';
import { newId } from '../shared/ids';
import { loadBookablePlan, sessionModalityFor } from './bookable-plan';
import { type CheckedSession, checkChosenSession, prepareCourse } from './course-request';
import { type CourseView, loadCourseView } from './course-view';
import { replayIdempotent, type StoredResponse, storeIdempotent } from './idempotency';
import type { CourseBookInput } from './schemas';
import { hashRequest } from './stable-json';
import { withSchedulingWrite } from './write-transaction';

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
      return await withSchedulingWrite(ctx.db, ctx.actor.tenantId, (tx) =>
        bookOnce(tx, ctx, planId, input, idempotencyKey, hash),
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

async function bookOnce(
  tx: Tx,
  ctx: UseCaseContext,
  planId: string,
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
  const bp = await loadBookablePlan(tx, ctx, planId);
  const existing = await tx
    .selectFrom('course_bookings')
    .select('course_id')
    .where('tenant_id', '=', tenantId)
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
  const { request, calendar, shape } = await prepareCourse(
    tx,
    ctx,
    bp,
    modality,
    input,
    Boolean(input.sessions),
  );
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
    if (!result.ok) result = solveCourse((await prepareCourse(tx, ctx, bp, modality, input, true)).request);
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

  await assertHoldsFree(
    tx,
    tenantId,
    sessions.flatMap((s) => s.holds),
  );
  const courseId = newId(ctx.now);
  await tx
    .insertInto('course_bookings')
    .values({
      tenant_id: tenantId,
      course_id: courseId,
      plan_id: planId,
      plan_version: bp.version,
      patient_id: bp.patientId,
      location_id: sessions[0]!.slot.locationId,
      modality: bp.plan.modality,
      status: 'active',
      created_at: ctx.now,
      created_by: ctx.actor.userId,
    })
    .execute();
  let previous: LocalDate | null = null;
  for (const [i, s] of sessions.entries()) {
    await insertAppointment(tx, ctx, {
      courseId,
      planId,
      patientId: bp.patientId,
      locationId: s.slot.locationId,
      modality: bp.plan.modality,
      kind: 'initial',
      sessionIndex: i + 1,
      start: s.slot.start,
      end: s.slot.end,
      practitionerId: s.slot.practitionerId,
      roomId: s.slot.roomId,
      deviceIds: s.slot.deviceIds,
      window: previous ? { earliest: addDays(previous, gap.min), latest: addDays(previous, gap.max) } : null,
      holds: s.holds,
    });
    previous = s.localDate;
  }
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
  const body = await loadCourseView(tx, ctx, { courseId });
  if (key) await storeIdempotent(tx, ctx, key, hash, 201, body);
  return { status: 201, body, replayed: false };
}
