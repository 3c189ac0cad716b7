import { ADVERSE_EVENT_TYPES, AE_OUTCOMES, AE_RELATIONS, SERIOUS_CRITERIA } from '@exoclinic/core';
import { z } from 'zod';
import { idSchema, textEnum } from '../http/schemas';
import { STATE_FIELDS } from './event-state';

const typeIds = ADVERSE_EVENT_TYPES.map((t) => t.id) as [string, ...string[]];

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

// The answers of the adverse-event routes, as the OpenAPI document describes them.

const sources = z.array(z.string()).describe('Source keys (see the source registry)');

export const followUpTaskView = z.object({
  id: z.string(),
  adverseEventId: z.string(),
  patientId: z.string(),
  title: z.string(),
  dueAt: z.number().int(),
  assignedTo: z.string().nullable(),
  doneAt: z.number().int().nullable(),
  doneBy: z.string().nullable(),
  createdAt: z.number().int(),
});

export const followUpTaskList = z.object({
  now: z.number().int().describe('the server clock the overdue flags were read at (epoch ms)'),
  items: z.array(
    followUpTaskView.extend({
      patientName: z.string(),
      adverseEvent: z.object({ typeId: z.string(), typeName: z.string(), grade: z.number().int() }),
      overdue: z.boolean().describe('open and due before now'),
    }),
  ),
});

const flag = z.object({
  code: z.enum([
    'outlasts-expected',
    'no-expected-duration',
    'serious-implied',
    'delayed-onset',
    'onset-outside-known-window',
  ]),
  message: z.string(),
  sources,
});

const assessment = z.object({
  type: z.object({ id: z.string(), name: z.string(), frequency: z.enum(['common', 'less-common', 'rare']) }),
  grade: z.object({ grade: z.number().int(), name: z.string(), meaning: z.string(), sources }),
  ongoing: z.boolean(),
  durationHours: z.number().describe('from onset to resolution, or to now while it lasts'),
  expectedHours: z.object({ min: z.number(), max: z.number(), sources }).nullable(),
  outlastsExpected: z.boolean().nullable(),
  alert: z.object({
    immediate: z.boolean(),
    reasons: z.array(z.object({ reason: z.string(), sources })),
  }),
  needsReview: z.boolean(),
  delayedOnset: z
    .object({
      daysAfterSession: z.number(),
      window: z.object({ min: z.number(), max: z.number() }),
      inWindow: z.boolean(),
      note: z.string(),
      sources,
    })
    .nullable(),
  flags: z.array(flag),
  sources,
});

export const adverseEventView = z.object({
  id: z.string(),
  patientId: z.string(),
  type: z.object({ id: z.string(), name: z.string() }),
  description: z.string(),
  onsetAt: z.number().int(),
  grade: z.number().int().describe('CTCAE grade 1–5'),
  serious: z.boolean(),
  seriousCriteria: z.array(z.string()).describe(`MedWatch 3500 B.2 criteria: ${SERIOUS_CRITERIA.join(', ')}`),
  relation: textEnum(AE_RELATIONS),
  actions: z.array(z.string()),
  outcome: textEnum(AE_OUTCOMES),
  resolvedAt: z.number().int().nullable(),
  source: textEnum(['staff', 'patient']),
  alerted: z.boolean(),
  outlastsExpected: z
    .boolean()
    .nullable()
    .describe('ongoing past the catalog’s expected duration (null: the type has none, always review)'),
  needsReview: z.boolean(),
  flags: z.array(flag),
  assessment: assessment.nullable().describe('the catalog’s reading of the event now'),
  sessionIds: z.array(z.string()),
  lotIds: z.array(z.string()),
  followUps: z.array(followUpTaskView),
  version: z.number().int(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  updatedAt: z.number().int(),
});

export const adverseEventList = z.object({ items: z.array(adverseEventView) });

const eventState = z.object({
  grade: z.number().int(),
  serious: z.boolean(),
  seriousCriteria: z.array(z.string()),
  relation: textEnum(AE_RELATIONS),
  actions: z.array(z.string()),
  outcome: textEnum(AE_OUTCOMES),
  resolvedAt: z.number().int().nullable(),
});

export const adverseEventUpdateView = z.object({
  version: z.number().int(),
  kind: textEnum(['reported', 'follow-up']).describe('version 1 is the report; later ones are follow-ups'),
  at: z.number().int(),
  by: z.object({ userId: z.string(), name: z.string().nullable() }),
  note: z.string().nullable().describe('the follow-up note (none for the report)'),
  changed: z
    .array(textEnum(STATE_FIELDS))
    .describe('the fields whose value this version changed; empty for the report'),
  state: eventState.describe('the event as it stood once this version was saved'),
});

/** One event as read or followed up: the view with every numbered version, oldest first. */
export const adverseEventDetail = adverseEventView.extend({
  updates: z.array(adverseEventUpdateView).describe('the report and each follow-up, oldest first'),
});

export const alertView = z.object({
  id: z.string(),
  kind: z.string().describe('e.g. adverse-event, lot-recall'),
  patientId: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.number().int(),
  readAt: z.number().int().nullable(),
});

export const alertList = z.object({ items: z.array(alertView) });

/** The fields of FDA Form 3500, sections A–G; what the record does not hold is null. */
export const medWatchReport = z.object({
  form: z.literal('FDA 3500'),
  generatedAt: z.string(),
  A_patient: z.object({
    identifier: z.string().describe('initials only'),
    ageAtEvent: z.object({ value: z.number(), unit: z.literal('years') }).nullable(),
    dateOfBirth: z.string(),
    sex: z.string(),
    weight: z.null(),
    ethnicity: z.null(),
    race: z.null(),
  }),
  B_adverseEvent: z.object({
    type: z.literal('adverse-event'),
    outcomes: z.array(z.string()),
    dateOfEvent: z.string().nullable(),
    dateOfReport: z.string().nullable(),
    description: z.string(),
    relevantTests: z.null(),
    otherHistory: z.string(),
    ctcaeGrade: z.number().int(),
    eventType: z.string(),
    relation: z.string(),
    outcome: z.string(),
    resolvedOn: z.string().nullable(),
    actions: z.array(z.string()),
  }),
  C_productAvailability: z.object({ availableForEvaluation: z.null() }),
  D_suspectProducts: z.array(
    z.object({
      name: z.string(),
      manufacturer: z.string(),
      origin: z.string(),
      lotNumber: z.string(),
      expirationDate: z.string(),
      doseOrAmount: z.string().nullable(),
      route: z.string().nullable(),
      therapyDates: z.object({ start: z.string().nullable(), stop: z.string().nullable() }),
      diagnosisForUse: z.string().nullable(),
      eventAbatedAfterStop: z.null(),
      eventReappearedAfterReintroduction: z.null(),
      registration: z.unknown().describe('the product’s registration in the clinic’s jurisdiction, if any'),
    }),
  ),
  E_suspectDevices: z.array(z.object({ name: z.string(), settings: z.record(z.string(), z.unknown()) })),
  F_otherProducts: z.array(z.string()),
  G_reporter: z.object({
    name: z.string(),
    clinic: z.string(),
    email: z.string(),
    healthProfessional: z.boolean(),
    occupation: z.string(),
    source: z.string(),
  }),
});
