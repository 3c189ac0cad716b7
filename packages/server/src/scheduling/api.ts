import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { patientAppointmentRoutes } from '../appointments/patient-routes';
import { appointmentRoutes } from '../appointments/routes';
import { calendarRoutes } from '../calendars/routes';
import { recallRoutes } from '../maintenance-recall/routes';
import { resourceRoutes } from '../resources/routes';
import { schedulingRoutes } from './routes';

/** Every route of course scheduling (issue 4): resources, courses, appointments, recalls, calendars. */
export const schedulingApi: FastifyPluginAsyncZod = async (app) => {
  await app.register(resourceRoutes);
  await app.register(schedulingRoutes);
  await app.register(appointmentRoutes);
  await app.register(patientAppointmentRoutes);
  await app.register(recallRoutes);
  await app.register(calendarRoutes);
};
