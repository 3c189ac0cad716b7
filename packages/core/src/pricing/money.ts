import type { MinorUnits } from '../types';
import { CURRENCY_CODES, type CurrencyCode } from './types';

/** Digits after the decimal point in each currency (ISO 4217 minor-unit exponent). */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<CurrencyCode, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  KRW: 0,
  JPY: 0,
};

export function isCurrencyCode(code: string): code is CurrencyCode {
  return (CURRENCY_CODES as readonly string[]).includes(code);
}

/** Whole major units (dollars, won) to minor units (cents, won). */
export function majorToMinor(major: number, currency: CurrencyCode): MinorUnits {
  return Math.round(major * 10 ** CURRENCY_MINOR_DIGITS[currency]) as MinorUnits;
}

/**
 * Formats an amount held in minor units. The amount is turned into an exact decimal string
 * before formatting, so no float division can shift a cent.
 */
export function formatMoney(amount: MinorUnits, currency: CurrencyCode, locale = 'en-US'): string {
  const digits = CURRENCY_MINOR_DIGITS[currency];
  const negative = amount < 0;
  const whole = BigInt(Math.trunc(Math.abs(amount))).toString();
  const padded = whole.padStart(digits + 1, '0');
  const major = digits === 0 ? padded : `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  const decimal = `${negative ? '-' : ''}${major}` as `${number}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(decimal);
}
