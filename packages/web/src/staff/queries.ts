import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type {
  Appointment,
  ConsentRecord,
  ConsentTemplate,
  Consultation,
  Page,
  Patient,
  PlanRecord,
  PlanVersion,
  PriceListRecord,
  Product,
  QuoteRecord,
  Resource,
} from '../api/types';

export const usePatient = (id: string) =>
  useQuery({ queryKey: ['patient', id], queryFn: () => get<Patient>(`/patients/${id}`) });

export const useConsultations = (patientId: string, enabled = true) =>
  useQuery({
    queryKey: ['consultations', patientId],
    enabled,
    queryFn: () => get<Page<Consultation>>(`/patients/${patientId}/consultations`).then((p) => p.items),
  });

export const usePlans = (patientId: string) =>
  useQuery({
    queryKey: ['plans', patientId],
    queryFn: () => get<Page<PlanRecord>>(`/patients/${patientId}/plans`).then((p) => p.items),
  });

/** Of a patient's plans (newest first), the newest accepted one, else the newest proposed; null when none. */
export function currentPlanOf(plans: readonly PlanRecord[]): PlanRecord | null {
  const live = plans.filter((p) => p.status !== 'withdrawn');
  return live.find((p) => p.status === 'accepted') ?? live[0] ?? null;
}

/**
 * The current plan (the same rule as GET /patients/:id/current-plan), read from the plan list so
 * that "no plan" is not a 404.
 */
export const useCurrentPlan = (patientId: string | null | undefined) =>
  useQuery({
    queryKey: ['current-plan', patientId],
    enabled: !!patientId,
    queryFn: async () =>
      currentPlanOf(await get<Page<PlanRecord>>(`/patients/${patientId}/plans`).then((p) => p.items)),
  });

export const usePlan = (planId: string | null | undefined) =>
  useQuery({
    queryKey: ['plan', planId],
    enabled: !!planId,
    queryFn: () => get<PlanRecord>(`/plans/${planId}`),
  });

export const usePlanVersions = (planId: string | null | undefined) =>
  useQuery({
    queryKey: ['plan-versions', planId],
    enabled: !!planId,
    queryFn: () => get<Page<PlanVersion>>(`/plans/${planId}/versions`).then((p) => p.items),
  });

export const useQuotes = (planId: string | null | undefined) =>
  useQuery({
    queryKey: ['quotes', planId],
    enabled: !!planId,
    queryFn: () => get<Page<QuoteRecord>>(`/plans/${planId}/quotes`).then((p) => p.items),
  });

export const useConsents = (planId: string | null | undefined) =>
  useQuery({
    queryKey: ['consents', planId],
    enabled: !!planId,
    queryFn: () => get<Page<ConsentRecord>>(`/plans/${planId}/consents`).then((p) => p.items),
  });

export const useProducts = (enabled = true) =>
  useQuery({
    queryKey: ['products'],
    enabled,
    queryFn: () => get<Page<Product>>('/products').then((p) => p.items),
  });

export const usePriceLists = (enabled = true) =>
  useQuery({
    queryKey: ['price-lists'],
    enabled,
    queryFn: () => get<Page<PriceListRecord>>('/price-lists').then((p) => p.items),
  });

export const useConsentTemplates = (enabled = true) =>
  useQuery({
    queryKey: ['consent-templates'],
    enabled,
    queryFn: () => get<Page<ConsentTemplate>>('/consent-templates').then((p) => p.items),
  });

export const useResources = (enabled = true) =>
  useQuery({
    queryKey: ['resources'],
    enabled,
    queryFn: () => get<Page<Resource>>('/resources').then((p) => p.items),
  });

/** A patient's appointments, oldest first; none where the server has no scheduling yet. */
export const usePatientAppointments = (patientId: string | null | undefined) =>
  useQuery({
    queryKey: ['patient-appointments', patientId],
    enabled: !!patientId,
    queryFn: () => get<Page<Appointment>>(`/patients/${patientId}/appointments`).then((p) => p.items),
  });
