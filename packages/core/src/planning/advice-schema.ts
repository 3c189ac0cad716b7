import { z } from 'zod';
import { REGULATORY_DECISIONS } from '../regulatory/types';
import { VERDICTS } from '../screening/types';

// The published shape of `adviseConsultation`'s output (and of `exoclinic plan --json`).
// Tests parse real outputs with it, so the schema in docs/schemas cannot drift from the code.

const sources = z.array(z.string().min(1)).min(1).describe('Source keys (see the source registry)');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dayWindow = z.object({ min: z.number(), target: z.number(), max: z.number(), sources });
const span = z.object({ min: z.number(), max: z.number() });

const finding = z.object({
  rule: z.string(),
  severity: z.enum(VERDICTS),
  message: z.string(),
  sources,
  alternative: z.string().optional(),
});

const regulatory = z.object({
  decision: z.enum(REGULATORY_DECISIONS),
  reasons: z.array(
    z.object({ rule: z.string(), decision: z.enum(REGULATORY_DECISIONS), message: z.string(), sources }),
  ),
  disclosures: z.array(z.object({ id: z.string(), text: z.string(), sources })),
  needsIndNumber: z.boolean(),
});

export const planSchema = z.object({
  indication: z.string(),
  modality: z.string(),
  areaSize: z.enum(['small', 'medium', 'large']),
  startDate: localDate,
  protocol: z.object({
    id: z.string(),
    kind: z.enum(['source', 'study', 'default', 'clinic']),
    title: z.string(),
    version: z.number().int(),
    derivation: z.string().optional(),
    sources,
  }),
  initialSeries: z.object({
    sessions: z.number().int().min(1),
    range: span,
    intervalDays: dayWindow,
    sources,
  }),
  maintenance: z
    .object({
      intervalDays: dayWindow,
      firstDue: z.object({ earliest: localDate, target: localDate, latest: localDate }),
      sources,
    })
    .nullable(),
  sessions: z.array(
    z.object({ index: z.number().int(), date: localDate, earliest: localDate, latest: localDate, sources }),
  ),
  followUps: z.array(
    z.object({
      kind: z.enum(['outcome-review', 'safety-review', 'study-follow-up']),
      label: z.string(),
      date: localDate,
      notBefore: localDate,
      sources,
    }),
  ),
  sessionMinutes: z.object({ min: z.number(), max: z.number(), sources }),
  milestones: z.array(
    z.object({
      kind: z.enum(['first-signs', 'visible', 'peak', 'duration']),
      weeks: span,
      from: z.enum(['first-session', 'last-session']),
      dates: z.object({ from: localDate, to: localDate }),
      sources,
      note: z.string().optional(),
    }),
  ),
  explanation: z.array(z.object({ factor: z.string(), effect: z.string(), sources })),
  conflicts: z.array(z.object({ statement: z.string(), sources })),
  responseModel: z.object({
    method: z.literal('gamma-kernel-sum'),
    peakWeeks: z.number(),
    halfLifeWeeks: z.number(),
    shape: z.number(),
    sources,
  }),
  responseCurve: z.object({
    points: z.array(z.object({ week: z.number().int(), benefit: z.number().min(0).max(1) })),
    boosterWeeks: z.array(z.number()),
    sources,
  }),
  caveats: z.array(z.object({ id: z.string(), text: z.string(), sources })),
  override: z.object({ by: z.string(), reason: z.string(), overrides: z.array(z.string()) }).nullable(),
  sources,
});

export const consultationAdviceSchema = z.object({
  screening: z.object({ verdict: z.enum(VERDICTS), findings: z.array(finding) }),
  regulatory: regulatory.nullable(),
  plan: planSchema.nullable(),
  bookable: z.boolean(),
  blockedBy: z.array(z.string()),
  disclosures: z.array(z.object({ id: z.string(), text: z.string(), sources })),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
