import { en } from '../messages';

export type MessageKey = keyof typeof en;

/** The UI's words, from the one messages file; `{name}` placeholders are filled from `vars`. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = en[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** A number of hours in words: "1 hour", "48 hours". */
function hoursInWords(n: number): string {
  return n === 1 ? t('time.hourOne') : t('time.hours', { n });
}

/**
 * A sentence about the clinic's notice period: WITH_HOURS with the hours in words, or NONE when
 * the clinic has none (0 hours: the limit is the session's start).
 */
export function noticeText(hours: number, none: MessageKey, withHours: MessageKey): string {
  return hours === 0 ? t(none) : t(withHours, { hours: hoursInWords(hours) });
}
