import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import { withTenant } from '../db/tenant';
import { idParams } from '../http/schemas';
import { findPlan } from '../plans/repository';
import { bookAppointment } from './book-appointment';
import { bookCourse } from './book-course';
import { loadCourseView } from './course-view';
import { findAppointmentSlots } from './find-appointment-slots';
import { proposeCourse } from './propose-course';
import {
  appointmentView,
  courseBookInput,
  courseOptionsView,
  courseSearchInput,
  courseView,
  singleBookInput,
  slotQuery,
  slotsView,
} from './schemas';

const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe('retry-safe booking: the same key and body give the first response again'),
});

export const schedulingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['scheduling'];

  app.post(
    '/plans/:id/course-options',
    {
      config: { permission: 'courses.search' },
      schema: {
        tags,
        summary:
          'Ranked ways to book the whole initial series of an accepted plan, or the constraint that failed and the nearest relaxations that work',
        params: idParams,
        body: courseSearchInput,
        response: { 200: courseOptionsView },
      },
    },
    async (request) => proposeCourse(exo.context(request), request.params.id, request.body),
  );

  app.post(
    '/plans/:id/course',
    {
      config: { permission: 'courses.book' },
      schema: {
        tags,
        summary:
          'Book every session of the initial series or none (409 when a resource was taken; Idempotency-Key honoured)',
        params: idParams,
        headers: idempotencyHeaders,
        body: courseBookInput,
        response: { 201: courseView },
      },
    },
    async (request, reply) => {
      const result = await bookCourse(
        exo.context(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      // A booking and its replay both answer 201 (the idempotency store keeps the first answer).
      return reply
        .code(result.status as 201)
        .header('location', `/api/v1/plans/${request.params.id}/course`)
        .send(result.body);
    },
  );

  app.get(
    '/plans/:id/course',
    {
      config: { permission: 'appointments.read' },
      schema: {
        tags,
        summary: 'The booked course of a plan: appointments (with their windows) and protocol deviations',
        params: idParams,
        response: { 200: courseView },
      },
    },
    async (request) => {
      const ctx = exo.context(request);
      return withTenant(exo.db, ctx.actor.tenantId, async (tx) => {
        const plan = await findPlan(tx, ctx, request.params.id);
        const course = await loadCourseView(tx, ctx, { planId: plan.plan_id });
        await recordAudit(tx, ctx, {
          action: 'course.read',
          patientId: plan.patient_id,
          entity: 'course',
          entityId: course.id,
        });
        return course;
      });
    },
  );

  app.get(
    '/plans/:id/slots',
    {
      config: { permission: 'courses.search' },
      schema: {
        tags,
        summary:
          'Free slots for one maintenance session or follow-up of a plan (default: inside its due window)',
        params: idParams,
        querystring: slotQuery,
        response: { 200: slotsView },
      },
    },
    async (request) => findAppointmentSlots(exo.context(request), request.params.id, request.query),
  );

  app.post(
    '/plans/:id/appointments',
    {
      config: { permission: 'courses.book' },
      schema: {
        tags,
        summary: 'Book one maintenance session or follow-up (not before its window opens)',
        params: idParams,
        body: singleBookInput,
        response: { 201: appointmentView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await bookAppointment(exo.context(request), request.params.id, request.body)),
  );
};
