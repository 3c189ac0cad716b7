// Dates, times and money in the clinic's locale and time zone.
import {
  type CurrencyCode,
  formatMoney as coreFormatMoney,
  isCurrencyCode,
  type MinorUnits,
} from '@exoclinic/core';

export interface ClinicLocale {
  locale: string;
  timeZone: string;
  currency: CurrencyCode;
}

const browserZone = (() => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
})();

let current: ClinicLocale = { locale: 'en-US', timeZone: browserZone, currency: 'USD' };

export function setClinicLocale(next: Partial<ClinicLocale>): void {
  current = { ...current, ...next };
}
export const clinicLocale = (): ClinicLocale => current;

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${current.locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(current.locale, { ...options, timeZone });
    cache.set(key, f);
  }
  return f;
}

/** A calendar day (YYYY-MM-DD) as the clinic writes it; a local day has no time zone. */
export function formatDay(day: string, style: 'short' | 'long' = 'long'): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  const opts: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }
      : { year: 'numeric', month: 'short', day: 'numeric' };
  return dtf(opts, 'UTC').format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant (epoch ms) in the clinic's time zone. */
export function formatInstant(ms: number, withTime = true): string {
  const opts: Intl.DateTimeFormatOptions = withTime
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }
    : { year: 'numeric', month: 'short', day: 'numeric' };
  return dtf(opts, current.timeZone).format(new Date(ms));
}

export function formatTime(ms: number): string {
  return dtf({ hour: 'numeric', minute: '2-digit' }, current.timeZone).format(new Date(ms));
}

export function formatMoney(amountMinor: number, currency: string): string {
  if (!isCurrencyCode(currency)) return `${amountMinor} ${currency}`;
  return coreFormatMoney(amountMinor as MinorUnits, currency, current.locale);
}

export function formatNumber(n: number, maxFractionDigits = 0): string {
  return new Intl.NumberFormat(current.locale, { maximumFractionDigits: maxFractionDigits }).format(n);
}

/** Today in the clinic's time zone, YYYY-MM-DD. */
export function clinicToday(now = Date.now()): string {
  // en-CA writes dates as YYYY-MM-DD with Latin digits, whatever the clinic's locale.
  return dtfIso(current.timeZone).format(new Date(now));
}
const isoCache = new Map<string, Intl.DateTimeFormat>();
function dtfIso(timeZone: string): Intl.DateTimeFormat {
  let f = isoCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    isoCache.set(timeZone, f);
  }
  return f;
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age--;
  return age;
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}
