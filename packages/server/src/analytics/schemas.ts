import { z } from 'zod';
import { textEnum } from '../http/schemas';

// The period the clinic analytics routes take, and their answers as the OpenAPI document describes them.

const instant = z.coerce.number().int().min(0);

/** A period of instants: `from` inclusive, `to` exclusive, either open; `to` not before `from`. */
export const periodQuery = z
  .object({
    from: instant
      .optional()
      .describe('start of the period (epoch ms, inclusive); none: from the first record'),
    to: instant.optional().describe('end of the period (epoch ms, exclusive); none: up to now'),
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.to >= p.from, {
    path: ['to'],
    message: 'must not be before from',
  });
export type Period = { from?: number | undefined; to?: number | undefined };

/** A binomial proportion with its Wilson 95% interval (core `proportionInterval`). */
export const proportionView = z.object({
  events: z.number().int(),
  exposures: z.number().int(),
  estimate: z.number().nullable().describe('events / exposures; null with no exposures'),
  lower: z.number(),
  upper: z.number(),
  confidence: z.literal(0.95),
  method: z.literal('wilson-score'),
  sources: z.array(z.string()),
});

export const outcomesByProtocolView = z.object({
  groups: z.array(
    z.object({
      protocolId: z.string().describe('(none) for courses planned without a protocol'),
      indication: z.string(),
      instrumentId: z.string(),
      n: z.number().int().describe('courses with a baseline and a later score'),
      meanChange: z.number().nullable(),
      meanImprovement: z.number().nullable(),
      improved: proportionView,
      reachingMcid: proportionView.nullable().describe('null where the instrument has no MCID'),
      unpaired: z.object({ noBaseline: z.number().int(), noFollowUp: z.number().int() }),
    }),
  ),
});

const rate = {
  exposures: z.number().int().describe('sessions that used it'),
  affectedSessions: z.number().int(),
  events: z.number().int(),
  seriousEvents: z.number().int(),
  rate: proportionView,
};

export const adverseEventRatesView = z.object({
  byProduct: z.array(z.object({ productId: z.string(), productName: z.string().nullable(), ...rate })),
  byLot: z.array(
    z.object({
      productId: z.string().nullable(),
      lotId: z.string(),
      lotNumber: z.string().nullable(),
      ...rate,
    }),
  ),
});

const completion = {
  finished: z.number().int(),
  completed: z.number().int(),
  inProgress: z.number().int(),
  rate: proportionView,
};

export const seriesCompletionView = z.object({
  overall: z.object(completion),
  byProtocol: z.array(z.object({ protocolId: z.string(), ...completion })),
  stoppedAfterDays: z.number().int(),
});

export const noShowsView = z.object({
  source: textEnum(['appointments', 'sessions']),
  from: z.number().int(),
  to: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  scheduled: z.number().int(),
  rate: proportionView,
});
