import { z } from 'zod';

// The answer of the recall list, as the OpenAPI document describes it.

const localDay = z.string().describe('local date YYYY-MM-DD');

export const recallListView = z.object({
  from: localDay,
  to: localDay,
  items: z.array(
    z.object({
      kind: z.enum(['maintenance', 'follow-up']),
      followUpKind: z.string().nullable(),
      label: z.string(),
      earliest: localDay,
      due: localDay,
      latest: localDay.nullable().describe('null when the plan gives no upper bound'),
      basis: z
        .object({ appointmentId: z.string(), date: localDay, status: z.enum(['completed', 'booked']) })
        .describe('the session the item is counted from'),
      bookedAppointmentId: z
        .string()
        .nullable()
        .describe('a live appointment that already answers this item'),
      sources: z.array(z.string()),
      planId: z.string(),
      courseId: z.string(),
      patientId: z.string(),
      patientName: z.string(),
      locationId: z.string(),
      status: z.enum(['booked', 'upcoming', 'due', 'overdue']),
    }),
  ),
});
