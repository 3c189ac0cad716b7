import { z } from 'zod';
import { APPOINTMENT_KINDS, APPOINTMENT_STATUSES } from '../db/migrations/0020_scheduling';
import { textEnum } from '../http/schemas';

// The answers of the patient's own session routes, as the OpenAPI document describes them.

export const patientSessionView = z.object({
  id: z.string(),
  planId: z.string(),
  courseId: z.string().nullable(),
  kind: z.enum(APPOINTMENT_KINDS),
  followUpKind: z.string().nullable(),
  sessionIndex: z.number().int().nullable().describe('1-based place in the initial series'),
  sessionsInCourse: z.number().int().nullable().describe('sessions in the initial series'),
  modality: z.string().describe('catalog modality id'),
  status: textEnum(APPOINTMENT_STATUSES),
  start: z.number().int().describe('epoch ms'),
  end: z.number().int().describe('epoch ms'),
  local: z
    .object({ date: z.string(), time: z.string(), timeZone: z.string() })
    .describe('the clinic’s wall clock'),
  site: z.object({ id: z.string(), name: z.string(), address: z.string().nullable() }),
  practitioner: z.object({ name: z.string() }).nullable(),
  changeableUntil: z
    .number()
    .int()
    .nullable()
    .describe('epoch ms until which the patient may change the time online (null: not booked)'),
});

export const patientSessionsView = z.object({
  clinic: z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  noticeHours: z.number().int().describe('no online change closer than this to a session'),
  items: z.array(patientSessionView).describe('oldest first'),
});

const localWindow = z
  .object({ earliest: z.string(), latest: z.string() })
  .describe('local days (inclusive) the session may move to without moving another session');

export const ownRescheduleTimesView = z.object({
  session: patientSessionView,
  refusal: z
    .object({
      code: z.enum(['not-booked', 'notice-period', 'no-window']),
      detail: z.string(),
    })
    .nullable()
    .describe('why the patient cannot change it online (they call the clinic); null when they can'),
  window: localWindow.nullable(),
  noticeHours: z.number().int(),
  clinic: z.object({ name: z.string(), phone: z.string().nullable() }),
  times: z
    .array(
      z.object({
        start: z.number().int().describe('epoch ms'),
        end: z.number().int().describe('epoch ms'),
        local: z.object({ date: z.string(), time: z.string() }),
      }),
    )
    .describe('free starts at the same site inside the window, earliest first'),
});

export const ownRescheduleResult = z.object({ session: patientSessionView });
