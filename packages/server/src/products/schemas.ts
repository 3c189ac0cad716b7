import { JURISDICTIONS, PRODUCT_ORIGINS, REGISTRATIONS, ROUTES } from '@exoclinic/core';
import { z } from 'zod';
import { localDate } from '../http/schemas';

export const registrationSchema = z.object({
  jurisdiction: z.enum(JURISDICTIONS),
  registration: z.enum(REGISTRATIONS),
  /** Routes this registration allows; anything else is off-label for the regulator. */
  routes: z.array(z.enum(ROUTES)).max(ROUTES.length),
  indNumber: z.string().trim().min(1).max(40).optional(),
});
export type ProductRegistration = z.output<typeof registrationSchema>;

export const productInput = z.object({
  name: z.string().trim().min(1).max(200),
  supplier: z.string().trim().min(1).max(200),
  origin: z.enum(PRODUCT_ORIGINS),
  registrations: z
    .array(registrationSchema)
    .max(JURISDICTIONS.length)
    .refine(
      (rs) => new Set(rs.map((r) => r.jurisdiction)).size === rs.length,
      'one registration per jurisdiction',
    ),
  components: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
});
export type ProductInput = z.output<typeof productInput>;

export const productView = productInput.extend({
  id: z.string(),
  version: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const lotInput = z.object({
  lotNumber: z.string().trim().min(1).max(100),
  expiresOn: localDate,
  quantity: z.number().int().min(0).max(1_000_000),
  unit: z.string().trim().min(1).max(20).default('vial'),
});

export const lotView = z.object({
  id: z.string(),
  productId: z.string(),
  lotNumber: z.string(),
  expiresOn: z.string(),
  expired: z.boolean(),
  quantity: z.number(),
  unit: z.string(),
  recalled: z.boolean().describe('recalled lots cannot be charted'),
  recalledAt: z.number().nullable(),
  recallReason: z.string().nullable(),
  recallReference: z.string().nullable().describe('the supplier’s or regulator’s notice, if given'),
  createdAt: z.number(),
});
