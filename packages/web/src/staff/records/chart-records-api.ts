// What the chart's Photos and Outcomes tabs read from the API (packages/server/src/photos/routes.ts,
// packages/server/src/outcomes/routes.ts), with the photo upload.
import type { PersonalisedResponse } from '@exoclinic/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { get, qs, upload } from '../../api/client';
import type { AreaSide, TreatmentSession } from '../../api/records-types';
import type { Page } from '../../api/types';

export interface PhotoView {
  id: string;
  patientId: string;
  sessionId: string;
  areaId: string;
  side: AreaSide | null;
  kind: 'before' | 'after';
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  imageUrl: string;
  thumbnailUrl: string;
  createdAt: number;
  createdBy: string;
}

/** The server's default pair per area and side: the first before-photo, the latest after-photo. */
export interface PhotoComparison {
  areaId: string;
  areaName: string;
  side: AreaSide | null;
  before: PhotoView | null;
  after: PhotoView | null;
  days: number | null;
  sideBySideUrl: string | null;
}

export interface PlanResponse {
  planId: string;
  instrumentId: string | null;
  response: PersonalisedResponse | null;
}

/** Every session of the patient, all plans, newest first. */
export const useAllPatientSessions = (patientId: string, enabled = true) =>
  useQuery({
    queryKey: ['sessions', patientId, 'all'],
    enabled,
    queryFn: () => get<Page<TreatmentSession>>(`/patients/${patientId}/sessions`).then((p) => p.items),
  });

/** A session that took place: a no-show or a cancelled session has no photos and takes none. */
export const tookPlace = (s: TreatmentSession) => s.status !== 'no_show' && s.status !== 'cancelled';

/** The photos of each session, one request per session (a course has a handful). */
export const useSessionsPhotos = (sessionIds: readonly string[]) =>
  useQueries({
    queries: sessionIds.map((id) => ({
      queryKey: ['photos', id],
      queryFn: () => get<Page<PhotoView>>(`/sessions/${id}/photos`).then((p) => p.items),
    })),
  });

export const usePhotoComparisons = (patientId: string, enabled = true) =>
  useQuery({
    queryKey: ['photo-comparisons', patientId],
    enabled,
    queryFn: () =>
      get<Page<PhotoComparison>>(`/patients/${patientId}/photo-comparisons`).then((p) => p.items),
  });

export const usePlanResponse = (planId: string | null | undefined) =>
  useQuery({
    queryKey: ['plan-response', planId],
    enabled: !!planId,
    queryFn: () => get<PlanResponse>(`/plans/${planId}/response`),
  });

export interface PhotoUpload {
  file: File;
  areaId: string | null;
  side: AreaSide | null;
  kind: 'before' | 'after' | null;
}

/**
 * The photo as the request body with its own content type; area, side and kind in the query.
 * The server's problems come back as ApiError, each bad field named.
 */
export function uploadSessionPhoto(sessionId: string, input: PhotoUpload): Promise<PhotoView> {
  return upload<PhotoView>(
    `/sessions/${sessionId}/photos${qs({ areaId: input.areaId, side: input.side, kind: input.kind })}`,
    input.file,
  );
}
