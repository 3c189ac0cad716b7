import { z } from 'zod';
import { APPOINTMENT_STATUSES } from '../db/migrations/0020_scheduling';
import { textEnum } from '../http/schemas';
import { appointmentView, courseView } from '../scheduling/schemas';

// The answers of the appointment routes, as the OpenAPI document describes them.

export const appointmentHistoryEntry = z.object({
  version: z.number().int(),
  change: z
    .string()
    .describe('what this version changed, e.g. booked, rescheduled, reflowed, checked-in, cancelled'),
  status: textEnum(APPOINTMENT_STATUSES),
  start: z.number().int().describe('epoch ms'),
  end: z.number().int().describe('epoch ms'),
  practitionerId: z.string().nullable(),
  roomId: z.string().nullable(),
  deviceIds: z.array(z.string()),
  reason: z.string().nullable(),
  deviationId: z.string().nullable(),
  at: z.number().int(),
  by: z.string(),
});

export const appointmentWithHistory = appointmentView.extend({
  history: z.array(appointmentHistoryEntry).describe('every version, oldest first'),
});

export const rescheduleResult = z.object({
  appointment: appointmentView,
  reflowed: z.array(appointmentView).describe('later sessions that moved with it'),
  deviations: z.array(
    z.object({
      gap: z.number().int().describe('1-based: between session gap and gap + 1'),
      appointmentId: z.string(),
      window: z.object({ min: z.number(), max: z.number() }),
      actualDays: z.number(),
    }),
  ),
  course: courseView.nullable(),
});

export const appointmentList = z.object({ items: z.array(appointmentView) });

export const daySheet = z.object({
  items: z.array(
    appointmentView.extend({
      patientName: z.string().describe('given and family name'),
      sessionId: z.string().nullable().describe('the treatment session charted for it, if any'),
      seriesPlanned: z
        .number()
        .int()
        .nullable()
        .describe('sessions in the initial series of its course, if it belongs to one'),
    }),
  ),
});
