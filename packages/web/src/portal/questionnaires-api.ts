import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { PlanOutcomes } from '../api/records-types';
import type { Page, PlanRecord } from '../api/types';

// What the questionnaires page reads: the patient's plans, each course's questionnaire occasions
// (GET /plans/{id}/questionnaires) and the scores recorded so far (GET /plans/{id}/outcomes).

export type OccasionStatus = 'answered' | 'due' | 'upcoming' | 'missed';

export interface Occasion {
  key: string;
  point: 'baseline' | 'session' | 'end-of-series' | 'follow-up';
  timepoint: 'baseline' | 'session' | 'end-of-series' | 'follow-up' | 'maintenance';
  sessionId: string | null;
  sessionIndex: number | null;
  followUpKind: 'outcome-review' | 'safety-review' | 'study-follow-up' | null;
  /** Local days, inclusive; `from: null` any time before, `until: null` open. */
  from: string | null;
  until: string | null;
  items: {
    instrumentId: string;
    status: OccasionStatus;
    answer: { scoreId: string; value: number; measuredAt: number } | null;
  }[];
  sources: string[];
}

export interface QuestionnairesDue {
  planId: string;
  patientId: string;
  indication: string;
  today: string;
  instruments: string[];
  occasions: Occasion[];
}

export const questionnairesKey = (planId: string) => ['questionnaires', planId] as const;

/** The patient's own plans (every status): the page picks the accepted courses. */
export const useMyPlans = (patientId: string | null | undefined) =>
  useQuery({
    queryKey: ['my-plans', patientId],
    enabled: !!patientId,
    queryFn: () => get<Page<PlanRecord>>(`/patients/${patientId}/plans`).then((p) => p.items),
  });

export const useQuestionnaires = (planId: string) =>
  useQuery({
    queryKey: questionnairesKey(planId),
    queryFn: () => get<QuestionnairesDue>(`/plans/${planId}/questionnaires`),
  });

/** The same key as the staff chart's outcome queries: a recorded answer refreshes both. */
export const useMyOutcomes = (planId: string) =>
  useQuery({
    queryKey: ['outcomes', planId],
    queryFn: () => get<PlanOutcomes>(`/plans/${planId}/outcomes`),
  });
