import {
  adviseConsultation,
  type ConsultationProfile,
  type Plan,
  parseConsultationProfile,
} from '@exoclinic/core';
import { invalidProfile } from '../consultations/record-consultation';
import { readJson } from '../db/connect';
import type { ConsultationsTable } from '../db/schema';
import type { UseCaseContext } from '../shared/context';
import { DomainError, unprocessable } from '../shared/errors';

export interface PlannerChoices {
  protocol?: string | undefined;
  startDate?: string | undefined;
  /** A practitioner's reason to plan despite a screening or regulatory stop. */
  overrideReason?: string | undefined;
}

/** Run the core's planner on a stored consultation, with the practitioner's choices. */
export function runPlanner(
  ctx: UseCaseContext,
  consultation: Pick<ConsultationsTable, 'profile'>,
  policy: { blockUnapprovedInjection: boolean },
  choices: PlannerChoices,
): { plan: Plan; override: { by: string; reason: string; userId: string } | null; blockedBy: string[] } {
  const stored = readJson<ConsultationProfile>(consultation.profile);
  const parsed = parseConsultationProfile({
    ...stored,
    ...(choices.protocol !== undefined && { protocol: choices.protocol }),
    ...(choices.startDate !== undefined && { startDate: choices.startDate }),
  });
  if (!parsed.ok) throw invalidProfile(parsed.problems);
  const override = choices.overrideReason
    ? {
        by: `${ctx.actor.displayName} (${ctx.actor.role})`,
        reason: choices.overrideReason,
        userId: ctx.actor.userId,
      }
    : null;
  const advice = adviseConsultation(parsed.value, {
    policy,
    ...(override && { override: { by: override.by, reason: override.reason } }),
  });
  if (!advice.plan) {
    if (advice.blockedBy.length > 0 && !override) {
      throw new DomainError(
        409,
        'override-required',
        'Override required',
        `the consultation is not bookable (${advice.blockedBy.join(', ')}): a practitioner may plan only with an override and its reason`,
        { blockedBy: advice.blockedBy },
      );
    }
    throw unprocessable(
      'the planner could not plan this course',
      advice.problems.map((p) => ({ path: `profile.${p.path}`, message: p.message })),
    );
  }
  // An override given where nothing needed overriding is not recorded as one.
  return {
    plan: advice.plan,
    override: advice.blockedBy.length > 0 ? override : null,
    blockedBy: advice.blockedBy,
  };
}
