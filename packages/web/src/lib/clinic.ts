import { isCurrencyCode } from '@exoclinic/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import { type ClinicLocale, setClinicLocale } from './format';

/** The clinic's own settings (GET /api/v1/clinic), readable by every signed-in user. */
export interface Clinic {
  id: string;
  name: string;
  jurisdiction: 'US' | 'KR' | 'EU' | 'UK';
  timeZone: string;
  locale: string;
  currency: string;
  phone: string | null;
  email: string | null;
  /** Hours before a session inside which patients can no longer move it online. */
  patientChangeNoticeHours: number;
  version: number;
  updatedAt: number;
}

export const CLINIC_KEY = ['clinic'] as const;

/** Format every date and amount from now on as the clinic says. */
export function applyClinicLocale(clinic: Clinic): void {
  const next: Partial<ClinicLocale> = { locale: clinic.locale, timeZone: clinic.timeZone };
  if (isCurrencyCode(clinic.currency)) next.currency = clinic.currency;
  setClinicLocale(next);
}

/**
 * The clinic's settings; once they arrive, dates and money follow its locale, time zone and
 * currency. Layouts wait for this before showing a page so that nothing is formatted twice.
 */
export function useClinic(enabled = true) {
  return useQuery({
    queryKey: CLINIC_KEY,
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async (): Promise<Clinic> => {
      const clinic = await get<Clinic>('/clinic');
      applyClinicLocale(clinic);
      return clinic;
    },
  });
}

/**
 * The locale query the layouts wait for. A failure leaves the defaults (the browser's zone,
 * en-US) rather than blocking the page: the settings only change how things are written.
 */
export function useClinicLocale(enabled: boolean) {
  const clinic = useClinic(enabled);
  return { ...clinic, isPending: enabled && clinic.isPending && clinic.fetchStatus !== 'idle' };
}
