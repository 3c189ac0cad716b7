import { z } from 'zod';
import { timeZoneSchema } from '../tenants/time-zone';

// The clinic's own settings: what every page formats dates and money with, and how patients
// reach the clinic. Locale and currency are checked against what the JavaScript runtime knows
// (the browser formats with the same Intl data).

const currencies = new Set(Intl.supportedValuesOf('currency'));

/** The canonical spelling of a BCP 47 tag the runtime can format with, or null. */
export function canonicalLocale(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return null;
    const formats =
      Intl.DateTimeFormat.supportedLocalesOf([canonical]).length > 0 &&
      Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0;
    return formats ? canonical : null;
  } catch {
    return null;
  }
}

export const localeSchema = z
  .string()
  .trim()
  .max(35)
  .refine((tag) => canonicalLocale(tag) !== null, 'must be a BCP 47 language tag such as en-US or ko-KR')
  .transform((tag) => canonicalLocale(tag) as string);

export const currencySchema = z
  .string()
  .trim()
  .refine((c) => /^[A-Z]{3}$/.test(c) && currencies.has(c), 'must be an ISO 4217 currency code such as USD');

/** Hours before a session inside which patients can no longer move it online (a week at most). */
export const PATIENT_CHANGE_NOTICE_LIMITS = { min: 0, max: 168 } as const;

export const patientChangeNoticeHours = z
  .number()
  .int('must be a whole number of hours')
  .min(PATIENT_CHANGE_NOTICE_LIMITS.min, 'must not be negative')
  .max(PATIENT_CHANGE_NOTICE_LIMITS.max, 'must be at most 168 hours (one week)');

export const clinicPatch = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200),
    timeZone: timeZoneSchema,
    locale: localeSchema,
    currency: currencySchema,
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^\+?[0-9 ().-]{5,}$/, 'must be a phone number (digits, spaces, + ( ) . -)')
      .nullable(),
    email: z.email('must be an e-mail address').max(320).nullable(),
    patientChangeNoticeHours,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'must change at least one field');
export type ClinicPatch = z.output<typeof clinicPatch>;

export const clinicView = z.object({
  id: z.string(),
  name: z.string(),
  jurisdiction: z.enum(['US', 'KR', 'EU', 'UK']).describe('where the clinic is regulated (set at creation)'),
  timeZone: z.string().describe('IANA time zone'),
  locale: z.string().describe('BCP 47 language tag for dates and money'),
  currency: z.string().describe('ISO 4217 code'),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  patientChangeNoticeHours: z
    .number()
    .int()
    .describe('hours before a session inside which a patient can no longer move it in the portal'),
  version: z.number().int().describe('the ETag without quotes; send it back in If-Match'),
  updatedAt: z.number(),
});
export type ClinicView = z.output<typeof clinicView>;
