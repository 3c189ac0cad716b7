import { OUTCOME_INSTRUMENTS, planSchema } from '@exoclinic/core';
import { z } from 'zod';
import { OUTCOME_TIMEPOINTS } from '../db/migrations/0010_records';
import { idSchema, textEnum } from '../http/schemas';

const instrumentIds = OUTCOME_INSTRUMENTS.map((i) => i.id) as [string, ...string[]];

export const recordOutcomeInput = z.object({
  instrumentId: z.enum(instrumentIds),
  /** Checked against the instrument's range and steps by the core (`validateScore`). */
  value: z.number(),
  timepoint: z.enum(OUTCOME_TIMEPOINTS),
  /** When it was measured; default now. */
  measuredAt: z.number().int().min(0).optional(),
  sessionId: idSchema.optional(),
  areaId: z.string().trim().min(1).max(50).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type RecordOutcomeInput = z.output<typeof recordOutcomeInput>;

// The answers of the outcome routes, as the OpenAPI document describes them.

const sources = z.array(z.string()).describe('Source keys (see the source registry)');
const localDay = z.string().describe('local date YYYY-MM-DD');

/** A score against the course's baseline (core `compareToBaseline`). */
export const baselineComparison = z.object({
  instrumentId: z.string(),
  comparative: z.boolean().describe('a rating made against the baseline by its nature (GAIS)'),
  baseline: z.number().nullable(),
  current: z.number(),
  change: z.number(),
  improvement: z.number().describe('the change signed so that positive is always better'),
  percentChange: z.number().nullable(),
  improved: z.boolean(),
  direction: z.enum(['improved', 'no-change', 'worse']),
  mcid: z.object({ min: z.number(), max: z.number(), sources }).nullable(),
  reachesMcid: z.boolean().nullable(),
  mcidReason: z.string(),
  sources,
});

const maintenanceDue = z.object({
  date: localDay,
  earliest: localDay,
  latest: localDay,
  daysAfterLastSession: z.number(),
  reason: z.enum(['threshold', 'window-start', 'window-end', 'protocol-target']),
  sources,
});

/** The response curve personalised with the patient's scores (core `personaliseResponse`). */
export const personalisedResponse = z.object({
  personalised: z.boolean(),
  model: z.object({
    method: z.literal('gamma-kernel-sum'),
    peakWeeks: z.number(),
    halfLifeWeeks: z.number(),
    shape: z.number(),
    sources,
  }),
  curve: z.object({
    points: z.array(z.object({ week: z.number(), benefit: z.number() })),
    boosterWeeks: z.array(z.number()),
    sources,
  }),
  observations: z.array(
    z.object({
      date: localDay,
      day: z.number().describe('days after the first session'),
      value: z.number(),
      improvement: z.number().nullable(),
      fraction: z.number().nullable(),
      role: z.enum(['baseline', 'peak', 'fitted', 'before-peak', 'ignored']),
      reason: z.string().optional(),
    }),
  ),
  fit: z
    .object({
      points: z.number().int(),
      protocolHalfLifeWeeks: z.number(),
      halfLifeWeeks: z.number(),
      protocolPeakWeeks: z.number(),
      peakWeeks: z.number(),
      rmsError: z.number(),
      atBound: z.enum(['lower', 'upper']).nullable(),
    })
    .nullable(),
  threshold: z.number(),
  thresholdDate: localDay.nullable(),
  maintenanceDue: maintenanceDue.nullable(),
  explanation: z.array(z.object({ factor: z.string(), effect: z.string(), sources })),
  sources,
});

export const outcomeRecorded = z.object({
  id: z.string(),
  planId: z.string(),
  patientId: z.string(),
  instrumentId: z.string(),
  value: z.number(),
  timepoint: z.enum(OUTCOME_TIMEPOINTS),
  measuredAt: z.number().int(),
  comparison: baselineComparison.nullable().describe('this score against the baseline'),
  comparisonProblem: z.string().nullable(),
  course: baselineComparison
    .nullable()
    .describe('the course: the latest day’s mean against the earliest baseline day'),
  maintenanceDue: maintenanceDue.nullable(),
});

export const planOutcomes = z.object({
  planId: z.string(),
  patientId: z.string(),
  instruments: z.array(
    z.object({
      instrumentId: z.string(),
      baseline: z.number().nullable(),
      latest: z.number().nullable(),
      latestAt: z.number().int().nullable(),
      comparison: baselineComparison.nullable(),
      unpaired: z.string().nullable().describe('why there is no comparison yet'),
      scores: z.array(
        z.object({
          id: z.string(),
          value: z.number(),
          timepoint: textEnum(OUTCOME_TIMEPOINTS),
          measuredAt: z.number().int(),
          sessionId: z.string().nullable(),
          raterRole: z.string(),
        }),
      ),
    }),
  ),
  schedule: z.array(
    z.object({
      point: z.enum(['baseline', 'end-of-series', 'follow-up']),
      date: localDay,
      label: z.string(),
      sessionIndex: z.number().int().nullable(),
      followUpKind: z.enum(['outcome-review', 'safety-review', 'study-follow-up']).nullable(),
      instruments: z.array(z.string()),
      omitted: z.array(z.object({ instrumentId: z.string(), reason: z.string() })),
      sources,
    }),
  ),
});

export const planResponse = z.object({
  planId: z.string(),
  patientId: z.string(),
  instrumentId: z.string().nullable().describe('the instrument that drives the personalised curve'),
  protocolCurve: planSchema.shape.responseCurve,
  response: personalisedResponse.nullable(),
});

export const maintenanceDueList = z.object({
  today: localDay,
  until: localDay,
  items: z.array(
    z.object({
      planId: z.string(),
      patientId: z.string(),
      patientName: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      dueOn: localDay,
      window: z.object({ earliest: localDay, latest: localDay }),
      overdue: z.boolean(),
      basis: textEnum(['personalised', 'protocol']),
      reason: z.string(),
      detail: z
        .record(z.string(), z.unknown())
        .describe('instrumentId, reason, fit, thresholdDate, daysAfterLastSession, sources'),
    }),
  ),
});
