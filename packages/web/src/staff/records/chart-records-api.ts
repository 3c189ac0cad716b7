// What the chart's Photos and Outcomes tabs read from the API (packages/server/src/photos/routes.ts,
// packages/server/src/outcomes/routes.ts), with the one upload that is not JSON.
import type { PersonalisedResponse } from '@exoclinic/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { ApiError, get, type Problem } from '../../api/client';
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

// The client module keeps the CSRF token in session storage under this key (api/client.ts); the
// photo goes up as the raw image body, which its JSON `api()` cannot send.
const CSRF_KEY = 'exoclinic.csrf';

/**
 * The photo as the request body with its own content type; area, side and kind in the query.
 * The server's problems come back as ApiError, each bad field named.
 */
export async function uploadSessionPhoto(sessionId: string, input: PhotoUpload): Promise<PhotoView> {
  const params = new URLSearchParams();
  if (input.areaId) params.set('areaId', input.areaId);
  if (input.side) params.set('side', input.side);
  if (input.kind) params.set('kind', input.kind);
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'content-type': input.file.type || 'application/octet-stream',
  };
  let csrf: string | null = null;
  try {
    csrf = sessionStorage.getItem(CSRF_KEY);
  } catch {
    csrf = null;
  }
  if (csrf) headers['x-csrf-token'] = csrf;
  let res: Response;
  try {
    res = await fetch(`/api/v1/sessions/${sessionId}/photos?${params}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: input.file,
    });
  } catch {
    throw new ApiError(0, { status: 0, title: 'Network error', detail: 'network' });
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const problem: Problem =
      json && typeof json === 'object' ? { status: res.status, ...(json as object) } : { status: res.status };
    throw new ApiError(res.status, problem);
  }
  return json as PhotoView;
}
