import { z } from 'zod';
import { textEnum } from '../http/schemas';

// The answers of the consent routes, as the OpenAPI document describes them.

const sources = z.array(z.string()).describe('Source keys (see the source registry)');

export const consentTemplateView = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string().describe('the template text with its {{placeholders}}'),
  createdAt: z.number().int(),
  createdBy: z.string(),
});

export const consentView = z.object({
  id: z.string(),
  patientId: z.string(),
  planId: z.string(),
  planVersion: z.number().int(),
  templateId: z.string(),
  templateVersion: z.number().int(),
  text: z.string().describe('the filled-in text the patient reads and signs'),
  disclosures: z.array(z.object({ id: z.string(), text: z.string(), sources })),
  status: textEnum(['pending', 'signed', 'witnessed']),
  signature: z
    .object({
      typedName: z.string().nullable(),
      at: z.number().int(),
      address: z.string().nullable(),
      userAgent: z.string().nullable(),
    })
    .nullable()
    .describe('null until the patient signs'),
  witness: z
    .object({ userId: z.string().nullable(), at: z.number().int() })
    .nullable()
    .describe('null until staff witness the signature'),
  createdAt: z.number().int(),
  createdBy: z.string(),
});
