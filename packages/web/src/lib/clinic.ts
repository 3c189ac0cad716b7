import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { Location, Page } from '../api/types';
import { type ClinicLocale, setClinicLocale } from './format';

/** The clinic's locale and currency by where it is (its location's time zone). */
export function localeForTimeZone(timeZone: string): Pick<ClinicLocale, 'locale' | 'currency'> {
  if (timeZone === 'Asia/Seoul') return { locale: 'ko-KR', currency: 'KRW' };
  if (timeZone === 'Asia/Tokyo') return { locale: 'ja-JP', currency: 'JPY' };
  if (timeZone === 'Europe/London' || timeZone === 'Europe/Belfast')
    return { locale: 'en-GB', currency: 'GBP' };
  if (timeZone.startsWith('Europe/')) return { locale: 'en-IE', currency: 'EUR' };
  return { locale: 'en-US', currency: 'USD' };
}

/**
 * The clinic's locale, time zone and currency for formatting. The API has no clinic endpoint yet,
 * so they follow the clinic's first location (its time zone, and the locale of that place).
 */
export function useClinicLocale(enabled: boolean) {
  return useQuery({
    queryKey: ['clinic-locale'],
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async (): Promise<Partial<ClinicLocale>> => {
      const locations = await get<Page<Location>>('/locations').catch(() => ({ items: [] as Location[] }));
      const first = locations.items[0];
      const next: Partial<ClinicLocale> = first
        ? { timeZone: first.timeZone, ...localeForTimeZone(first.timeZone) }
        : {};
      setClinicLocale(next);
      return next;
    },
  });
}
