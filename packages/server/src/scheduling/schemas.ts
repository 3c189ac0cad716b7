import { z } from 'zod';
import { APPOINTMENT_KINDS, APPOINTMENT_STATUSES } from '../db/migrations/0020_scheduling';
import { idSchema, localDate, textEnum } from '../http/schemas';

const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM');

export const preferencesInput = z.object({
  weekdays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .optional()
    .describe('ISO weekdays the patient can come, 1 = Monday'),
  timeOfDay: z
    .array(z.object({ open: wallTime, close: wallTime }))
    .min(1)
    .max(4)
    .optional()
    .describe('wall-clock windows the whole session must fit in'),
  practitioner: z.object({ id: idSchema, strength: z.enum(['hard', 'soft']) }).optional(),
  location: z.object({ id: idSchema, strength: z.enum(['hard', 'soft']) }).optional(),
});

export const courseSearchInput = z.object({
  earliest: localDate
    .optional()
    .describe('first session on this local day or later (default: the plan’s start, not before today)'),
  locationId: idSchema.optional().describe('book at this site only'),
  preferences: preferencesInput.optional(),
  searchDays: z.number().int().min(1).max(180).default(60),
  alternatives: z.number().int().min(1).max(10).default(3),
});
export type CourseSearchInput = z.output<typeof courseSearchInput>;

export const chosenSession = z.object({
  start: z.number().int().min(0).describe('epoch ms'),
  practitionerId: idSchema.nullable(),
  roomId: idSchema.nullable(),
  deviceIds: z.array(idSchema).max(4).default([]),
});
export type ChosenSession = z.output<typeof chosenSession>;

export const courseBookInput = courseSearchInput.extend({
  sessions: z
    .array(chosenSession)
    .min(1)
    .max(20)
    .optional()
    .describe('the sessions exactly as chosen (e.g. from course-options); absent: the best option now'),
  option: z.number().int().min(0).max(9).default(0).describe('without sessions: which ranked option to book'),
});
export type CourseBookInput = z.output<typeof courseBookInput>;

const sessionView = z.object({
  index: z.number(),
  start: z.number(),
  end: z.number(),
  local: z.object({ date: z.string(), time: z.string() }),
  locationId: z.string(),
  practitionerId: z.string().nullable(),
  roomId: z.string().nullable(),
  deviceIds: z.array(z.string()),
  softMisses: z.array(z.string()),
});

export const relaxationView = z.object({
  changes: z.array(z.record(z.string(), z.unknown())),
  firstSession: z.string(),
});

export const failureView = z.object({
  reason: z.string(),
  message: z.string(),
  gap: z.number().optional(),
  placedSessions: z.number(),
  relaxations: z.array(relaxationView),
});

export const courseOptionsView = z.object({
  ok: z.boolean(),
  timeZone: z.string(),
  gapWindow: z.object({ min: z.number(), target: z.number(), max: z.number() }),
  options: z.array(
    z.object({
      rank: z.number(),
      firstSession: z.string(),
      gapsDays: z.array(z.number()),
      gapDeviationDays: z.number(),
      softMisses: z.number(),
      sessions: z.array(sessionView),
    }),
  ),
  failure: failureView.nullable(),
});
export type CourseOptionsView = z.output<typeof courseOptionsView>;

export const slotQuery = z.object({
  kind: z.enum(['maintenance', 'follow-up']).default('maintenance'),
  followUpKind: z.enum(['outcome-review', 'safety-review', 'study-follow-up']).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  location: idSchema.optional(),
  practitioner: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const singleBookInput = z.object({
  kind: z.enum(['maintenance', 'follow-up']),
  followUpKind: z.enum(['outcome-review', 'safety-review', 'study-follow-up']).optional(),
  session: chosenSession,
});

// The answers of booking and reading a course, as the OpenAPI document describes them.

export const appointmentView = z.object({
  id: z.string(),
  courseId: z.string().nullable().describe('null for a maintenance session or follow-up booked alone'),
  planId: z.string(),
  patientId: z.string(),
  locationId: z.string(),
  modality: z.string(),
  kind: z.enum(APPOINTMENT_KINDS),
  followUpKind: z.string().nullable(),
  sessionIndex: z.number().int().nullable(),
  status: textEnum(APPOINTMENT_STATUSES),
  start: z.number().int().describe('epoch ms'),
  end: z.number().int().describe('epoch ms'),
  local: z
    .object({ date: z.string(), time: z.string(), timeZone: z.string() })
    .describe('the clinic’s wall clock: the day and time a person reads'),
  practitionerId: z.string().nullable(),
  roomId: z.string().nullable(),
  deviceIds: z.array(z.string()),
  window: z
    .object({ earliest: z.string(), latest: z.string() })
    .nullable()
    .describe('the local days the session may move within'),
  replacesAppointmentId: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});

export const deviationView = z.object({
  id: z.string(),
  appointmentId: z.string(),
  gap: z.number().int().describe('1-based: between session gap and gap + 1'),
  window: z.object({ min: z.number(), max: z.number() }),
  actualDays: z.number(),
  reason: z.string(),
  confirmedBy: z.string(),
  createdAt: z.number().int(),
});

export const courseView = z.object({
  id: z.string(),
  planId: z.string(),
  planVersion: z.number().int(),
  patientId: z.string(),
  locationId: z.string(),
  modality: z.string(),
  status: textEnum(['active', 'cancelled']),
  createdAt: z.number().int(),
  appointments: z.array(appointmentView),
  deviations: z.array(deviationView),
});

export const slotsView = z.object({
  window: z.object({ earliest: z.string(), due: z.string(), latest: z.string().nullable() }),
  timeZone: z.string(),
  slots: z.array(
    z.object({
      start: z.number().int().describe('epoch ms'),
      end: z.number().int().describe('epoch ms'),
      local: z.object({ date: z.string(), time: z.string() }),
      locationId: z.string(),
      practitionerId: z.string().nullable(),
      roomId: z.string().nullable(),
      deviceIds: z.array(z.string()),
    }),
  ),
});
