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
