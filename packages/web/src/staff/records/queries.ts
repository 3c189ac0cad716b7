import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import type {
  AdverseEvent,
  ChartVersion,
  LotRecipients,
  PlanOutcomes,
  TreatmentArea,
  TreatmentSession,
} from '../../api/records-types';
import type { Location, Page } from '../../api/types';

export const useAreaCatalog = () =>
  useQuery({
    queryKey: ['record-catalog', 'areas'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => get<Page<TreatmentArea>>('/record-catalog/areas').then((p) => p.items),
  });

export const usePatientSessions = (patientId: string, planId: string | null | undefined) =>
  useQuery({
    queryKey: ['sessions', patientId, planId],
    enabled: !!planId,
    queryFn: () =>
      get<Page<TreatmentSession>>(`/patients/${patientId}/sessions?planId=${planId}`).then((p) => p.items),
  });

export const useTreatmentSession = (sessionId: string) =>
  useQuery({
    queryKey: ['session', sessionId],
    queryFn: () => get<TreatmentSession>(`/sessions/${sessionId}`),
  });

export const useChartVersions = (sessionId: string) =>
  useQuery({
    queryKey: ['chart-versions', sessionId],
    queryFn: () => get<Page<ChartVersion>>(`/sessions/${sessionId}/chart-versions`).then((p) => p.items),
  });

export const usePlanOutcomes = (planId: string | null | undefined) =>
  useQuery({
    queryKey: ['outcomes', planId],
    enabled: !!planId,
    queryFn: () => get<PlanOutcomes>(`/plans/${planId}/outcomes`),
  });

/** A lot's recall state and the patients who received it. */
export const useLotRecipients = (lotId: string | null | undefined, enabled = true) =>
  useQuery({
    queryKey: ['lot-recipients', lotId],
    enabled: !!lotId && enabled,
    staleTime: 30_000,
    queryFn: () => get<LotRecipients>(`/lots/${lotId}/recipients`),
  });

/** The safety worklist: unresolved adverse events, those outlasting their expected duration first. */
export const useSafetyWorklist = (enabled: boolean) =>
  useQuery({
    queryKey: ['adverse-events', 'worklist'],
    enabled,
    queryFn: () => get<Page<AdverseEvent>>('/adverse-events').then((p) => p.items),
  });

export const useLocations = () =>
  useQuery({
    queryKey: ['locations'],
    queryFn: () => get<Page<Location>>('/locations').then((p) => p.items),
  });
