import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams, idSchema, localDate } from '../http/schemas';
import { appointmentView } from '../scheduling/schemas';
import { changeAppointmentStatus } from './change-appointment-status';
import { listAppointments, listPatientAppointments, readAppointment } from './read-appointments';
import { rescheduleAppointment } from './reschedule-appointment';
import { appointmentList, appointmentWithHistory, daySheet, rescheduleResult } from './schemas';

export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { exo } = app;
  const tags = ['appointments'];

  app.get(
    '/appointments',
    {
      config: { permission: 'appointments.read' },
      schema: {
        tags,
        summary: 'Appointments on a range of local days, by site or resource (a patient sees only their own)',
        querystring: z.object({
          from: localDate,
          to: localDate,
          location: idSchema.optional(),
          resource: idSchema.optional().describe('a practitioner, room or device'),
          includeCancelled: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: daySheet },
      },
    },
    async (request) => {
      const q = request.query;
      return {
        items: await listAppointments(exo.context(request), {
          ...q,
          includeCancelled: q.includeCancelled === 'true',
        }),
      };
    },
  );

  app.get(
    '/appointments/:id',
    {
      config: { permission: 'appointments.read' },
      schema: {
        tags,
        summary: 'An appointment with its full history',
        params: idParams,
        response: { 200: appointmentWithHistory },
      },
    },
    async (request) => readAppointment(exo.context(request), request.params.id),
  );

  app.post(
    '/appointments/:id/reschedule',
    {
      config: { permission: 'appointments.write' },
      schema: {
        tags,
        summary:
          'Move an appointment (or rebook a cancelled or missed one); later sessions follow inside their windows; a broken window answers 409 with the proposal until confirmDeviation is sent',
        params: idParams,
        body: z.object({
          start: z.number().int().min(0).describe('epoch ms'),
          practitionerId: idSchema.nullable().optional(),
          roomId: idSchema.nullable().optional(),
          deviceIds: z.array(idSchema).max(4).optional(),
          confirmDeviation: z.boolean().optional(),
          reason: z.string().trim().min(3).max(2000).optional(),
        }),
        response: { 200: rescheduleResult },
      },
    },
    async (request) => rescheduleAppointment(exo.context(request), request.params.id, request.body),
  );

  app.post(
    '/appointments/:id/status',
    {
      config: { permission: 'appointments.write' },
      schema: {
        tags,
        summary:
          'Check in, complete, cancel or record a no-show (cancelled and missed appointments free their resources)',
        params: idParams,
        body: z.object({
          status: z.enum(['checked-in', 'completed', 'cancelled', 'no-show']),
          reason: z.string().trim().max(2000).optional(),
        }),
        response: { 200: appointmentView },
      },
    },
    async (request) => changeAppointmentStatus(exo.context(request), request.params.id, request.body),
  );

  app.get(
    '/patients/:id/appointments',
    {
      config: { permission: 'appointments.read' },
      schema: {
        tags,
        summary: 'A patient’s appointments, oldest first',
        params: idParams,
        response: { 200: appointmentList },
      },
    },
    async (request) => ({ items: await listPatientAppointments(exo.context(request), request.params.id) }),
  );
};
