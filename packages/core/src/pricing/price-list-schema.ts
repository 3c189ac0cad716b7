import { z } from 'zod';
import { INDICATION_IDS, MODALITY_IDS } from '../profile';
import type { MinorUnits } from '../types';
import { CURRENCY_CODES, PRICE_TIERS, TREATMENTS } from './types';

/** A clinic's own price list as it arrives from outside (file, API); prices in minor units. */
export const priceListSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  currency: z.enum(CURRENCY_CODES),
  isExample: z.boolean().default(false),
  entries: z
    .array(
      z.strictObject({
        treatment: z.enum(TREATMENTS),
        indication: z.enum(INDICATION_IDS).optional(),
        modality: z.enum(MODALITY_IDS).optional(),
        areaSize: z.enum(['small', 'medium', 'large']).optional(),
        tier: z.enum(PRICE_TIERS).optional(),
        pricePerSession: z
          .number()
          .int('must be whole minor units (cents, won)')
          .min(0)
          .max(Number.MAX_SAFE_INTEGER)
          .transform((n) => n as MinorUnits),
      }),
    )
    .min(1, 'needs at least one price'),
});
