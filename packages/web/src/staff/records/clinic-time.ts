// Date-time inputs in the clinic's time zone (not the browser's): a reception PC set to another
// zone must still record the onset the clinic means.
import { clinicLocale } from '../../lib/format';
import { wallTimeToInstant } from '../calendar/layout';

const partsCache = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

/** An instant as a `datetime-local` value (YYYY-MM-DDTHH:MM) on the clinic's wall clock. */
export function toClinicInput(ms: number): string {
  const p: Record<string, string> = {};
  for (const part of wallClock(clinicLocale().timeZone).formatToParts(new Date(ms)))
    p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day}T${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** A `datetime-local` value read on the clinic's wall clock; null when empty or malformed. */
export function fromClinicInput(value: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  return wallTimeToInstant(m[1]!, Number(m[2]) * 60 + Number(m[3]), clinicLocale().timeZone);
}

/** A `date` value (YYYY-MM-DD) as the last minute of that day in the clinic: due "by" that day. */
export function fromClinicDay(value: string, minutes = 23 * 60 + 59): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return wallTimeToInstant(value, minutes, clinicLocale().timeZone);
}
