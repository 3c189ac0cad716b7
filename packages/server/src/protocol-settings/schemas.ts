import { CATALOG } from '@exoclinic/core';
import { z } from 'zod';

const INDICATION_IDS = CATALOG.indications.map((i) => i.id).join(', ');

/** One indication's choice: the protocols the clinic offers and the one it starts from. */
export const protocolChoice = z.object({
  offered: z
    .array(z.string().trim().min(1).max(120))
    .min(1)
    .max(50)
    .describe('catalog protocol ids of this indication, in the order the clinic lists them'),
  default: z.string().trim().min(1).max(120).describe('the clinic’s default: one of `offered`'),
});

export const protocolSettingsInput = z.object({
  indications: z
    .record(z.string().min(1).max(60), protocolChoice)
    .describe(
      `the clinic's choice per indication (keys: ${INDICATION_IDS}); an indication left out follows the catalog: every protocol offered, the catalog's default`,
    ),
});
export type ProtocolSettingsInput = z.output<typeof protocolSettingsInput>;

export const protocolChoiceView = z.object({
  offered: z.array(z.string()),
  default: z.string(),
  /** The core's default for the indication, with its derivation and the sources' conflicts. */
  catalogDefault: z.string(),
  /** False: the clinic made no choice and the catalog's applies. */
  customised: z.boolean(),
});

export const protocolSettingsView = z.object({
  indications: z
    .record(z.string(), protocolChoiceView)
    .describe('every catalog indication, with the clinic’s choice or the catalog’s'),
  updatedAt: z.number().nullable(),
  updatedBy: z.string().nullable(),
});
export type ProtocolSettingsView = z.output<typeof protocolSettingsView>;

/** RFC 9457 problem document as the API sends it; `errors` names every bad field. */
export const problemView = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
