import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { StaffAlert } from '../api/records-types';
import type { Page } from '../api/types';

/** My alerts, unread first and newest first within each (the server sends newest first). */
export const useMyAlerts = (enabled = true) =>
  useQuery({
    queryKey: ['alerts', 'all'],
    enabled,
    queryFn: () =>
      get<Page<StaffAlert>>('/alerts').then((p) =>
        [...p.items].sort((a, b) => Number(a.readAt !== null) - Number(b.readAt !== null)),
      ),
  });

/**
 * How many of my alerts are unread, for the menu. Asked again every few minutes and when the
 * window regains focus: a grade ≥ 3 event reported elsewhere shows up without a reload.
 */
export const useUnreadAlertCount = (enabled: boolean) =>
  useQuery({
    queryKey: ['alerts', 'unread'],
    enabled,
    refetchInterval: 3 * 60_000,
    refetchOnWindowFocus: true,
    queryFn: () => get<Page<StaffAlert>>('/alerts?unreadOnly=true').then((p) => p.items.length),
  });
