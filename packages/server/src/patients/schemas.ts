import { z } from 'zod';
import { cursorQuery, localDate } from '../http/schemas';

const name = z.string().trim().min(1, 'must not be empty').max(200);

export const patientInput = z.object({
  givenName: name,
  familyName: name,
  dateOfBirth: localDate,
  sex: z.enum(['female', 'male', 'other']),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^\+?[0-9 ().-]{5,}$/, 'must be a phone number (digits, spaces, + ( ) . -)')
    .nullable()
    .optional(),
  email: z.email('must be an e-mail address').max(320).nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
});
export type PatientInput = z.output<typeof patientInput>;

export const patientPatch = patientInput
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'must change at least one field');
export type PatientPatch = z.output<typeof patientPatch>;

export const patientView = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  sex: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  version: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type PatientView = z.output<typeof patientView>;

export const patientQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  dob: localDate.optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  email: z.string().trim().min(3).max(320).optional(),
  ...cursorQuery,
});
export type PatientQuery = z.output<typeof patientQuery>;
