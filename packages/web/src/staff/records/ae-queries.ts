import { useQueries, useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import type { AdverseEventRecord, TreatmentSession } from '../../api/records-types';
import type { Lot, Page } from '../../api/types';
import { useProducts } from '../queries';

/** A patient's adverse events, newest onset first, each assessed against the catalog now. */
export const usePatientAdverseEvents = (patientId: string) =>
  useQuery({
    queryKey: ['adverse-events', 'patient', patientId],
    queryFn: () =>
      get<Page<AdverseEventRecord>>(`/patients/${patientId}/adverse-events`).then((p) => p.items),
  });

/** The fields a follow-up may change, as one version of the event left them. */
export interface AdverseEventState {
  grade: number;
  serious: boolean;
  seriousCriteria: string[];
  relation: string;
  actions: string[];
  outcome: string;
  resolvedAt: number | null;
}

/** One numbered version of an event: the report (version 1) or a follow-up. */
export interface AdverseEventUpdate {
  version: number;
  kind: 'reported' | 'follow-up';
  at: number;
  by: { userId: string; name: string | null };
  note: string | null;
  changed: (keyof AdverseEventState)[];
  state: AdverseEventState;
}

/** An event as read on its own (or answered by a follow-up): with its history, oldest first. */
export type AdverseEventWithHistory = AdverseEventRecord & { updates: AdverseEventUpdate[] };

export const useAdverseEvent = (id: string) =>
  useQuery({
    queryKey: ['adverse-events', 'one', id],
    queryFn: () => get<AdverseEventWithHistory>(`/adverse-events/${id}`),
  });

/** Every treatment session of the patient (all plans), newest first. */
export const useAllPatientSessions = (patientId: string, enabled = true) =>
  useQuery({
    queryKey: ['sessions', patientId, 'all'],
    enabled,
    queryFn: () => get<Page<TreatmentSession>>(`/patients/${patientId}/sessions`).then((p) => p.items),
  });

export interface LotInfo {
  lotNumber: string;
  productName: string;
}

/**
 * Lot id → lot number and product, from the clinic's product list (a handful of products: one
 * request each, shared with the chart form's lot picker through the same query key).
 */
export function useLotIndex(): Map<string, LotInfo> {
  const products = useProducts();
  const lots = useQueries({
    queries: (products.data ?? []).map((p) => ({
      queryKey: ['lots', p.id],
      staleTime: 60_000,
      queryFn: () => get<Page<Lot>>(`/products/${p.id}/lots`).then((x) => x.items),
    })),
  });
  const index = new Map<string, LotInfo>();
  for (const [i, q] of lots.entries()) {
    const product = products.data?.[i];
    for (const lot of q.data ?? [])
      index.set(lot.id, { lotNumber: lot.lotNumber, productName: product?.name ?? lot.productId });
  }
  return index;
}
