import { ROUTES } from '@exoclinic/core';
import { z } from 'zod';
import { SESSION_STATUSES } from '../db/migrations/0010_records';
import { idSchema, textEnum } from '../http/schemas';
import { AREA_SIDES } from './treatment-areas';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The short change questionnaire that re-confirms an old screening at check-in. */
export const changeQuestionnaire = z.object({
  pregnant: z.boolean(),
  breastfeeding: z.boolean().default(false),
  newInfection: z.boolean(),
  newMedicines: z.array(text(100)).max(20).default([]),
  newAllergies: z.array(text(100)).max(20).default([]),
  newConditions: z.array(text(100)).max(20).default([]),
});
export type ChangeQuestionnaire = z.output<typeof changeQuestionnaire>;

export const checkInInput = z.object({
  /** The scheduling engine's appointment, when the visit was booked there: it is checked in too. */
  appointmentId: idSchema.optional(),
  locationId: idSchema.optional(),
  /** Which session of the plan this is (default: the next one). */
  sessionIndex: z.number().int().min(1).max(100).optional(),
  questionnaire: changeQuestionnaire.optional(),
});

export const noShowInput = z.object({
  scheduledFor: z.number().int().min(0),
  appointmentId: z.string().trim().min(1).max(100).optional(),
  sessionIndex: z.number().int().min(1).max(100).optional(),
});

export const chartedArea = z.object({ areaId: text(50), side: z.enum(AREA_SIDES).optional() });

export const productUse = z.object({
  productId: idSchema,
  /** Every exosome product is charted with its lot: the lot is what a recall finds. */
  lotId: idSchema,
  /** Units taken from the lot's stock (vials, syringes…, the lot's unit). */
  quantity: z.number().int().min(1).max(100),
  volumeMl: z.number().positive().max(1000).optional(),
  dose: text(200).optional(),
  route: z.enum(ROUTES),
  areas: z.array(chartedArea).max(40).default([]),
});

export const deviceSettings = z
  .object({
    device: text(200).optional(),
    needleDepthMm: z.number().min(0).max(10).optional(),
    passes: z.number().int().min(1).max(50).optional(),
    laser: z
      .object({
        type: text(100),
        wavelengthNm: z.number().positive().max(20_000).optional(),
        fluenceJPerCm2: z.number().positive().max(1000).optional(),
        pulseWidthMs: z.number().positive().max(10_000).optional(),
        spotSizeMm: z.number().positive().max(100).optional(),
        densityPercent: z.number().min(0).max(100).optional(),
      })
      .optional(),
    radiofrequency: z
      .object({
        powerW: z.number().positive().max(500).optional(),
        depthMm: z.number().min(0).max(10).optional(),
      })
      .optional(),
    other: z.record(z.string().max(50), z.union([z.string().max(200), z.number()])).optional(),
  })
  .strict();

export const chartInput = z.object({
  practitionerId: idSchema.optional(),
  products: z.array(productUse).max(20).default([]),
  /** Materials that are not clinic products with lots (numbing cream, saline…). */
  otherMaterials: z
    .array(z.object({ name: text(200), amount: text(100).optional(), lotNumber: text(100).optional() }))
    .max(20)
    .default([]),
  areas: z.array(chartedArea).min(1).max(40),
  device: deviceSettings.optional(),
  notes: z.string().max(20_000).default(''),
});
export type ChartInput = z.output<typeof chartInput>;

export const draftChartBody = z.object({
  /** The version the chart was read at (absent for the first); a stale one is refused. */
  basedOnVersion: z.number().int().min(1).optional(),
  chart: chartInput,
});

export const amendChartBody = z.object({
  basedOnVersion: z.number().int().min(1),
  reason: z.string().trim().min(10, 'must explain the amendment in at least 10 characters').max(2000),
  chart: chartInput,
});

export const signChartBody = z.object({ version: z.number().int().min(1) });

// The answers of the charting routes, as the OpenAPI document describes them.

export const treatmentAreaList = z.object({
  items: z.array(
    z.object({
      id: z.string().describe('stable: charts store it'),
      region: z.enum(['face', 'scalp', 'joint', 'body']),
      name: z.string(),
      sided: z.boolean().describe('a paired structure: the chart must say left, right or both'),
    }),
  ),
});

export const chartVersionView = z.object({
  version: z.number().int(),
  status: z.enum(['draft', 'signed']),
  amendsVersion: z.number().int().nullable(),
  reason: z.string().nullable().describe('why an amendment was made'),
  chart: chartInput.describe('the chart as written, with the practitioner who gave the session'),
  practitionerId: z.string(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  signedAt: z.number().int().nullable(),
  signedBy: z.string().nullable(),
});

export const sessionView = z.object({
  id: z.string(),
  patientId: z.string(),
  planId: z.string(),
  planVersion: z.number().int(),
  appointmentId: z.string().nullable(),
  locationId: z.string().nullable(),
  sessionIndex: z.number().int().nullable(),
  seriesPlanned: z.number().int(),
  kind: textEnum(['series', 'maintenance']),
  protocolId: z.string().nullable(),
  indication: z.string(),
  status: textEnum(SESSION_STATUSES),
  scheduledFor: z.number().int().nullable(),
  checkedInAt: z.number().int().nullable(),
  checkedInBy: z.string().nullable(),
  checkIn: z
    .record(z.string(), z.unknown())
    .describe(
      'what check-in recorded: consentId, screeningAgeDays, questionnaire, verdict, findings (empty for a no-show)',
    ),
  chartVersion: z.number().int().nullable(),
  signedAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  chart: chartVersionView.nullable().describe('the current chart version; null before charting'),
});

export const sessionList = z.object({ items: z.array(sessionView) });
export const chartVersionList = z.object({ items: z.array(chartVersionView) });
