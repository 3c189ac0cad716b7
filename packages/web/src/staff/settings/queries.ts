import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import type { Location, Page, User } from '../../api/types';
import type { ProtocolSettings, ResourceDetail, SiteSchedule } from './types';

export const useLocationList = () =>
  useQuery({
    queryKey: ['locations'],
    queryFn: () => get<Page<Location>>('/locations').then((p) => p.items),
  });

/** Every resource, retired ones too (the calendar's ['resources'] lists active ones only). */
export const useAllResources = () =>
  useQuery({
    queryKey: ['resources', 'all'],
    queryFn: () => get<Page<ResourceDetail>>('/resources?includeInactive=true').then((p) => p.items),
  });

export const useSiteSchedule = (locationId: string | null) =>
  useQuery({
    queryKey: ['location-schedule', locationId],
    enabled: !!locationId,
    queryFn: () => get<SiteSchedule>(`/locations/${locationId}/schedule`),
  });

export const useStaffUsers = (enabled: boolean) =>
  useQuery({
    queryKey: ['users'],
    enabled,
    queryFn: () => get<Page<User>>('/users').then((p) => p.items),
  });

/** The clinic's protocol preferences (every staff role may read them). */
export const useProtocolSettings = (enabled = true) =>
  useQuery({
    queryKey: ['protocol-settings'],
    enabled,
    staleTime: 60_000,
    queryFn: () => get<ProtocolSettings>('/settings/protocols'),
  });
