import { OUTCOME_INSTRUMENTS } from '@exoclinic/core';
import { z } from 'zod';
import { OUTCOME_TIMEPOINTS } from '../db/migrations/0010_records';
import { idSchema } from '../http/schemas';

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
