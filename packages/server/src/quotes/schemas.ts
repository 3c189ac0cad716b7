import { CURRENCY_CODES, INDICATION_IDS, MODALITY_IDS, PRICE_TIERS, TREATMENTS } from '@exoclinic/core';
import { z } from 'zod';
import { priceEntryView } from '../price-lists/schemas';

// The answers of the quote routes, as the OpenAPI document describes them: the core's CourseQuote
// as stored when the quote was issued. Money is in minor units of the quote's currency.

const sources = z.array(z.string()).describe('Source keys (see the source registry)');
const indication = z.enum(INDICATION_IDS);
const areaSize = z.enum(['small', 'medium', 'large']);

const sourcedNumber = z.object({ value: z.number(), derivation: z.string().optional(), sources });
const sourcedSpan = z.object({ min: sourcedNumber, target: sourcedNumber, max: sourcedNumber });
const sourcedNote = z.object({ text: z.string(), sources });

const periodEstimate = z.object({
  horizonDays: z.number().int().nullable().describe('null for the initial series, counted in full'),
  sessions: z.object({ min: z.number(), target: z.number(), max: z.number(), sources }),
  total: z.object({
    currency: z.enum(CURRENCY_CODES),
    min: z.number().int(),
    target: z.number().int(),
    max: z.number().int(),
    sources,
  }),
});

const treatmentEstimate = {
  treatment: z.enum(TREATMENTS),
  perSession: z.object({
    amount: z.number().int(),
    currency: z.enum(CURRENCY_CODES),
    priceListId: z.string(),
    match: z.object({
      entry: priceEntryView,
      entryIndex: z.number().int(),
      specificity: z
        .number()
        .int()
        .describe('how many of indication, modality, area size and tier the entry names'),
    }),
    sources,
  }),
  initialSeries: periodEstimate,
  year1: periodEstimate,
  threeYears: periodEstimate,
};

const prpSchedule = z.object({
  indication,
  basedOn: indication,
  label: z.string(),
  initialSeries: z.object({ sessions: sourcedSpan, intervalDays: sourcedSpan }),
  maintenance: z.object({ intervalDays: sourcedSpan }),
  derivation: z.string().nullable(),
  notes: z.array(sourcedNote),
  sources,
});

const QUOTE_NOTE_CODES = [
  'estimate',
  'clinic-prices',
  'consultation',
  'sessions-vary',
  'periods',
  'series-beyond-year-1',
  'no-maintenance',
  'example-price-list',
  'prp-comparison',
  'prp-schedule-missing',
  'prp-price-missing',
] as const;

export const courseQuoteView = z.object({
  estimate: z.literal(true).describe('every figure is an estimate, not a bill'),
  priceListId: z.string(),
  priceListName: z.string(),
  isExamplePriceList: z.boolean(),
  currency: z.enum(CURRENCY_CODES),
  tier: z.enum(PRICE_TIERS),
  indication,
  modality: z.enum(MODALITY_IDS),
  areaSize,
  exosome: z.object(treatmentEstimate),
  prp: z
    .object({ ...treatmentEstimate, treatment: z.literal('prp'), schedule: prpSchedule })
    .nullable()
    .describe('null when the list has no PRP price or PRP has no published schedule here'),
  notes: z.array(z.object({ code: z.enum(QUOTE_NOTE_CODES), text: z.string(), sources })),
});

export const quoteView = z.object({
  id: z.string(),
  patientId: z.string(),
  planId: z.string(),
  planVersion: z.number().int(),
  priceListId: z.string(),
  tier: z.string(),
  currency: z.string(),
  totalMinor: z.number().int(),
  quote: courseQuoteView,
  createdAt: z.number().int(),
});
