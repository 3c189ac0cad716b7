import { ADVERSE_EVENT_TYPES } from '@exoclinic/core';
import { z } from 'zod';
import { AE_OUTCOMES, AE_RELATIONS } from '../db/migrations/0010_records';
import { idSchema } from '../http/schemas';

const typeIds = ADVERSE_EVENT_TYPES.map((t) => t.id) as [string, ...string[]];

/** The serious criteria of the FDA MedWatch 3500 form (section B.2). */
export const SERIOUS_CRITERIA = [
  'death',
  'life-threatening',
  'hospitalization',
  'disability',
  'congenital-anomaly',
  'required-intervention',
  'other-serious',
] as const;

const followUp = z.object({
  title: z.string().trim().min(3).max(300),
  dueAt: z.number().int().min(0),
  assignedTo: idSchema.optional(),
});

export const reportInput = z
  .object({
    typeId: z.enum(typeIds),
    description: z.string().trim().min(3).max(10_000),
    onsetAt: z.number().int().min(0),
    grade: z.number().int().min(1).max(5),
    serious: z.boolean().default(false),
    seriousCriteria: z.array(z.enum(SERIOUS_CRITERIA)).max(SERIOUS_CRITERIA.length).default([]),
    relation: z.enum(AE_RELATIONS).default('not-assessed'),
    /** Sessions the event may stem from; default: the patient's last session before onset (≤ 120 days). */
    sessionIds: z.array(idSchema).max(20).optional(),
    /** The suspected lots; default: every lot used in the linked sessions. */
    lotIds: z.array(idSchema).max(20).optional(),
    actions: z.array(z.string().trim().min(1).max(500)).max(30).default([]),
    outcome: z.enum(AE_OUTCOMES).default('ongoing'),
    resolvedAt: z.number().int().min(0).nullable().default(null),
    followUps: z.array(followUp).max(10).default([]),
  })
  .refine((v) => !v.serious || v.seriousCriteria.length > 0 || v.grade >= 3, {
    message: 'a serious event names at least one serious criterion',
    path: ['seriousCriteria'],
  });
export type ReportInput = z.output<typeof reportInput>;

export const updateInput = z.object({
  basedOnVersion: z.number().int().min(1),
  note: z.string().trim().min(3).max(5000),
  grade: z.number().int().min(1).max(5).optional(),
  serious: z.boolean().optional(),
  seriousCriteria: z.array(z.enum(SERIOUS_CRITERIA)).max(SERIOUS_CRITERIA.length).optional(),
  relation: z.enum(AE_RELATIONS).optional(),
  actions: z.array(z.string().trim().min(1).max(500)).max(30).optional(),
  outcome: z.enum(AE_OUTCOMES).optional(),
  resolvedAt: z.number().int().min(0).nullable().optional(),
});
export type UpdateInput = z.output<typeof updateInput>;

export const taskInput = followUp;
