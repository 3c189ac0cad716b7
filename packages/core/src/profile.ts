import { z } from 'zod';
import type { LocalDate } from './types';

// The consultation profile: everything the core needs to screen, check and plan, without identity.

export const INDICATION_IDS = [
  'skin-rejuvenation',
  'acne-scars',
  'hyperpigmentation',
  'hair-loss',
  'inflammatory-skin',
  'post-procedure',
  'lip-eye',
  'stretch-marks',
  'joint',
  'systemic',
] as const;

export const MODALITY_IDS = [
  'microneedling-topical',
  'laser-topical',
  'radiofrequency-topical',
  'intradermal-injection',
  'scalp-injection',
  'intra-articular-injection',
  'iv-infusion',
] as const;

export const ROUTES = [
  'topical',
  'topical-after-needling',
  'topical-after-device',
  'intradermal',
  'intra-articular',
  'intravenous',
] as const;

export const JURISDICTIONS = ['US', 'KR', 'EU', 'UK'] as const;

export const PRODUCT_ORIGINS = [
  'human-umbilical-cord-msc',
  'human-adipose-msc',
  'human-bone-marrow-msc',
  'human-foreskin-msc',
  'human-other',
  'plant',
  'animal',
] as const;

export const REGISTRATIONS = ['approved', 'investigational', 'cosmetic', 'unregistered'] as const;

/**
 * A real calendar day written YYYY-MM-DD (rejects 2027-02-30). Typed as `LocalDate` without a
 * runtime transform, so the schema also describes and encodes answers (zod cannot encode through
 * a one-way transform).
 */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => {
    const [y, mo, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, mo - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && y >= 1900;
  }, 'is not a real calendar date') as unknown as z.ZodType<LocalDate, string>;

export const productSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  origin: z.enum(PRODUCT_ORIGINS),
  registration: z.enum(REGISTRATIONS),
  /** Routes the product's registration allows in the jurisdiction. */
  routes: z.array(z.enum(ROUTES)).max(ROUTES.length),
  indNumber: z.string().min(1).max(40).optional(),
  components: z.array(z.string().min(1).max(100)).max(50).optional(),
});

export const patientSchema = z.strictObject({
  age: z.number().int('must be a whole number of years').min(0).max(130),
  sex: z.enum(['female', 'male', 'other']),
  pregnant: z.boolean(),
  breastfeeding: z.boolean(),
  allergies: z.array(z.string().min(1).max(100)).max(50),
  activeInfection: z.boolean(),
  autoimmune: z.boolean(),
  keloidHistory: z.boolean(),
  fitzpatrick: z.number().int('must be a whole number').min(1).max(6),
  conditions: z.array(z.string().min(1).max(100)).max(50),
});

export const consultationProfileSchema = z.strictObject({
  indication: z.enum(INDICATION_IDS),
  modality: z.enum(MODALITY_IDS),
  protocol: z.string().min(1).max(100).optional(),
  severity: z.enum(['mild', 'moderate', 'severe']),
  areaSize: z.enum(['small', 'medium', 'large']),
  goal: z.enum(['subtle', 'moderate', 'dramatic']),
  combinedWith: z
    .array(z.enum(['microneedling', 'radiofrequency', 'laser', 'prp']))
    .max(4)
    .optional(),
  chronicity: z.enum(['acute', 'chronic']).optional(),
  health: z.enum(['good', 'fair', 'poor']).optional(),
  startDate: localDateSchema,
  jurisdiction: z.enum(JURISDICTIONS),
  product: productSchema.optional(),
  patient: patientSchema,
});

export type ConsultationProfile = z.output<typeof consultationProfileSchema>;
export type ConsultationProfileInput = z.input<typeof consultationProfileSchema>;
export type Patient = ConsultationProfile['patient'];
export type Product = NonNullable<ConsultationProfile['product']>;

export const overrideSchema = z.strictObject({
  by: z.string().min(1).max(200),
  reason: z.string().min(10, 'must explain the decision in at least 10 characters').max(2000),
});
export type PractitionerOverride = z.output<typeof overrideSchema>;

export const clinicPolicySchema = z.strictObject({
  /** Block (rather than warn on) injecting an unapproved product in the US. */
  blockUnapprovedInjection: z.boolean().default(false),
});
export type ClinicPolicy = z.output<typeof clinicPolicySchema>;
