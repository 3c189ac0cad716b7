import { consultationAdviceSchema, consultationProfileSchema } from '@exoclinic/core';
import { z } from 'zod';

// The answers of the consultation routes, as the OpenAPI document describes them: the profile,
// screening, regulatory result and disclosures are the core's own published schemas.

const advice = consultationAdviceSchema.shape;

export const consultationView = z.object({
  id: z.string(),
  patientId: z.string(),
  locationId: z.string().nullable(),
  productId: z.string().nullable(),
  profile: consultationProfileSchema,
  screening: advice.screening,
  regulatory: advice.regulatory,
  blockedBy: z.array(z.string()),
  bookable: z.boolean(),
  disclosures: advice.disclosures,
  createdAt: z.number().int(),
  createdBy: z.string(),
});
