import { z } from 'zod';

// The answers of the lot recall routes, as the OpenAPI document describes them.

export const lotRecallView = z.object({
  lotId: z.string(),
  lotNumber: z.string(),
  productId: z.string(),
  recalledAt: z.number().int(),
  reason: z.string(),
  reference: z.string().nullable(),
  patients: z.number().int().describe('how many patients received the lot'),
  sessions: z.number().int().describe('in how many sessions'),
});

export const lotRecipientsView = z.object({
  lot: z.object({
    id: z.string(),
    lotNumber: z.string(),
    expiresOn: z.string().describe('local date YYYY-MM-DD'),
    productId: z.string(),
    productName: z.string(),
    recalledAt: z.number().int().nullable(),
    recallReason: z.string().nullable(),
  }),
  patients: z.number().int().describe('distinct patients among the items'),
  items: z.array(
    z.object({
      patientId: z.string(),
      givenName: z.string(),
      familyName: z.string(),
      dateOfBirth: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      address: z.string().nullable(),
      sessionId: z.string(),
      treatedAt: z.number().int(),
      quantity: z.number(),
    }),
  ),
});
