import { planSchema } from '@exoclinic/core';
import { z } from 'zod';

// The answers of the plan routes, as the OpenAPI document describes them. The plan itself is the
// core's published plan schema (the same one the command line's JSON output is checked against).

export const planVersionView = z.object({
  version: z.number().int(),
  reason: z.string(),
  protocolId: z.string().nullable(),
  override: z.object({ by: z.string(), reason: z.string(), userId: z.string() }).nullable(),
  plan: planSchema,
  createdAt: z.number().int(),
  createdBy: z.string(),
});

export const planView = z.object({
  id: z.string(),
  patientId: z.string(),
  consultationId: z.string(),
  status: z.string(),
  currentVersion: z.number().int(),
  acceptedVersion: z.number().int().nullable(),
  acceptedAt: z.number().int().nullable(),
  acceptedBy: z.string().nullable(),
  acceptOverride: z
    .object({ by: z.string(), userId: z.string(), reason: z.string(), blockedBy: z.array(z.string()) })
    .nullable(),
  withdrawal: z.object({ at: z.number().int(), by: z.string(), reason: z.string() }).nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  current: planVersionView,
});
