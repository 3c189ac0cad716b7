import { z } from 'zod';

const zones = new Set(Intl.supportedValuesOf('timeZone'));
zones.add('UTC');

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((z) => zones.has(z), 'must be an IANA time zone such as Europe/Paris');
