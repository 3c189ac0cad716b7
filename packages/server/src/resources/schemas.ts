import { MODALITIES, parseWallTime } from '@exoclinic/core';
import { z } from 'zod';
import { RESOURCE_KINDS } from '../db/migrations/0020_scheduling';
import { idSchema, localDate } from '../http/schemas';

const DEVICE_TYPES = ['microneedling-pen', 'laser', 'radiofrequency', 'infusion-pump'] as const;
const MODALITY_IDS = MODALITIES.map((m) => m.id) as [string, ...string[]];

const wallTime = z.string().refine((s) => {
  try {
    parseWallTime(s);
    return true;
  } catch {
    return false;
  }
}, 'must be a wall-clock time HH:MM (24:00 allowed as a closing time)');

const range = z
  .object({ open: wallTime, close: wallTime })
  .refine((r) => parseWallTime(r.close) > parseWallTime(r.open), 'closing time must follow opening time');

/** Wall-clock hours per ISO weekday (1 = Monday … 7 = Sunday); a missing day is closed. */
export const weeklyHours = z
  .object(Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), z.array(range).max(6).optional()])))
  .strict()
  .describe(
    'hours per ISO weekday, "1" = Monday … "7" = Sunday, e.g. {"1": [{"open": "09:00", "close": "17:00"}]}',
  );
export type WeeklyHours = Record<string, { open: string; close: string }[]>;

export const resourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('room'), name: z.string().trim().min(1).max(200), locationId: idSchema }),
  z.object({
    kind: z.literal('device'),
    name: z.string().trim().min(1).max(200),
    locationId: idSchema,
    deviceType: z.enum(DEVICE_TYPES),
  }),
  z.object({
    kind: z.literal('practitioner'),
    userId: idSchema,
    name: z.string().trim().min(1).max(200).optional(),
    modalities: z.array(z.enum(MODALITY_IDS)).max(20),
  }),
]);
export type ResourceInput = z.output<typeof resourceInput>;

export const resourcePatch = z
  .object({
    name: z.string().trim().min(1).max(200),
    active: z.boolean(),
    modalities: z.array(z.enum(MODALITY_IDS)).max(20),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'must change at least one field');
export type ResourcePatch = z.output<typeof resourcePatch>;

export const hoursInput = z.object({
  hours: z.array(z.object({ locationId: idSchema, weekly: weeklyHours })).max(20),
});

export const timeOffInput = z.object({
  periods: z
    .array(
      z
        .object({
          start: z.number().int().min(0),
          end: z.number().int().min(0),
          reason: z.string().trim().max(500).nullable().optional(),
        })
        .refine((p) => p.end > p.start, 'end must follow start'),
    )
    .max(500),
});

export const locationScheduleInput = z.object({
  weekly: weeklyHours,
  closures: z.array(localDate).max(1000).default([]),
  stepMinutes: z.number().int().min(5).max(60).default(15),
  cleaningMinutes: z.number().int().min(0).max(120).default(15),
});

export const locationScheduleView = z.object({
  locationId: z.string(),
  timeZone: z.string(),
  weekly: z.record(z.string(), z.array(z.object({ open: z.string(), close: z.string() }))),
  closures: z.array(z.string()),
  stepMinutes: z.number(),
  cleaningMinutes: z.number(),
  updatedAt: z.number().nullable(),
});

export const timeOffView = z.object({
  id: z.string(),
  start: z.number(),
  end: z.number(),
  reason: z.string().nullable(),
});

export const resourceView = z.object({
  id: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  name: z.string(),
  locationId: z.string().nullable(),
  userId: z.string().nullable(),
  deviceType: z.string().nullable(),
  modalities: z.array(z.string()),
  active: z.boolean(),
  hours: z.array(z.object({ locationId: z.string(), weekly: z.record(z.string(), z.unknown()) })),
  timeOff: z.array(timeOffView),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ResourceView = z.output<typeof resourceView>;

export const resourceQuery = z.object({
  kind: z.enum(RESOURCE_KINDS).optional(),
  location: idSchema.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
