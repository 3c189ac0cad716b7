import { CURRENCY_CODES, INDICATION_IDS, MODALITY_IDS, PRICE_TIERS, TREATMENTS } from '@exoclinic/core';
import { z } from 'zod';

export const priceEntrySchema = z.object({
  treatment: z.enum(TREATMENTS),
  indication: z.enum(INDICATION_IDS).optional(),
  modality: z.enum(MODALITY_IDS).optional(),
  areaSize: z.enum(['small', 'medium', 'large']).optional(),
  tier: z.enum(PRICE_TIERS).optional(),
  pricePerSession: z
    .number()
    .int('must be whole minor units (cents, won)')
    .min(0)
    .max(Number.MAX_SAFE_INTEGER),
  sources: z.array(z.string().max(50)).max(20).optional(),
});

export const priceListInput = z.object({
  name: z.string().trim().min(1).max(200),
  currency: z.enum(CURRENCY_CODES),
  /** True for lists copied from the published example ranges; quotes then say so. */
  isExample: z.boolean().default(false),
  entries: z.array(priceEntrySchema).min(1, 'needs at least one price').max(2000),
});
export type PriceListInput = z.output<typeof priceListInput>;

// The answers, as the OpenAPI document describes them. Free of transforms (the core's
// priceListSchema turns prices into minor units on parse) so that answers can be encoded.

export const priceEntryView = z.object({
  treatment: z.enum(TREATMENTS),
  indication: z.enum(INDICATION_IDS).optional(),
  modality: z.enum(MODALITY_IDS).optional(),
  areaSize: z.enum(['small', 'medium', 'large']).optional(),
  tier: z.enum(PRICE_TIERS).optional(),
  pricePerSession: z.number().int().describe('minor units of the list’s currency (cents, won)'),
  /** Where an example price came from; a clinic's own prices usually have none. */
  sources: z.array(z.string()).optional(),
});

export const priceListView = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.enum(CURRENCY_CODES),
  isExample: z.boolean(),
  entries: z.array(priceEntryView),
  createdAt: z.number().int(),
});
