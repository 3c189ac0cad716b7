import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, textAnswer } from '../http/schemas';
import { findOwnRescheduleTimes } from './find-own-reschedule-times';
import { listPatientSessions } from './list-patient-sessions';
import { ownRescheduleResult, ownRescheduleTimesView, patientSessionsView } from './patient-schemas';
import { rescheduleOwnAppointment } from './reschedule-own-appointment';
import { writeAppointmentCalendar } from './write-appointment-calendar';

/** The patient's side of their sessions: read them, add one to a calendar, move one within its window. */
export const patientAppointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['appointments'];

  app.get(
    '/patients/:id/visits',
    {
      config: { permission: 'appointments.read' },
      schema: {
        tags,
        summary:
          'A patient’s sessions as the patient reads them: when, where, with whom, until when they may change the time online',
        params: idParams,
        response: { 200: patientSessionsView },
      },
    },
    async (request) => listPatientSessions(exo.context(request), request.params.id),
  );

  app.get(
    '/appointments/:id/calendar.ics',
    {
      config: { permission: 'appointments.read' },
      schema: {
        tags,
        summary: 'One appointment as an iCalendar file to add to a calendar (a patient: only their own)',
        params: idParams,
        response: {
          200: textAnswer(
            'text/calendar',
            'The appointment as one iCalendar event (RFC 5545), an attachment',
          ),
        },
      },
    },
    async (request, reply) => {
      const file = await writeAppointmentCalendar(exo.context(request), request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.get(
    '/appointments/:id/patient-options',
    {
      config: { permission: 'appointments.reschedule-own' },
      schema: {
        tags,
        summary:
          'For the patient: free times their own session may move to (same site, inside the window that moves no other session, outside the notice period), or why it cannot',
        params: idParams,
        response: { 200: ownRescheduleTimesView },
      },
    },
    async (request) => findOwnRescheduleTimes(exo.context(request), request.params.id),
  );

  app.post(
    '/appointments/:id/patient-reschedule',
    {
      config: { permission: 'appointments.reschedule-own' },
      schema: {
        tags,
        summary:
          'The patient moves their own booked session to one of its free times; outside the window, within the notice period or when another session would have to move: 409, call the clinic',
        params: idParams,
        body: z.object({
          start: z.number().int().min(0).describe('epoch ms, one of patient-options’ times'),
        }),
        response: { 200: ownRescheduleResult },
      },
    },
    async (request) => rescheduleOwnAppointment(exo.context(request), request.params.id, request.body),
  );
};
