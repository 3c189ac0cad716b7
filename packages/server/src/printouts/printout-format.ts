import { type CurrencyCode, findSource, formatMoney, type MinorUnits } from '@exoclinic/core';
import type { PdfLayout } from '../shared/pdf-layout';

// How the printouts write days, instants, money and source keys: in the clinic's locale and time
// zone, in characters the standard PDF fonts can show.

/** Glues a value to what follows it: the line never breaks between a number and its source key. */
export const NBSP = '\u00a0';

export interface PrintFormat {
  /** A calendar day (YYYY-MM-DD), as the clinic writes it. */
  day(day: string): string;
  /** An instant's day and time on the clinic's wall clock. */
  dateTime(ms: number, timeZone?: string): string;
  /** An instant's day on the clinic's wall clock. */
  instantDay(ms: number, timeZone?: string): string;
  money(amount: number, currency: string): string;
}

/** Formatters in the clinic's locale (BCP 47, from its settings) and time zone. */
export function printFormat(pdf: PdfLayout, clinic: { locale: string; timeZone: string }): PrintFormat {
  const { locale, timeZone } = clinic;
  // A locale whose month names the standard fonts cannot show (Korean, Japanese) writes
  // days as digits instead; the fonts speak WinAnsi only.
  const pick = (options: Intl.DateTimeFormatOptions, numeric: Intl.DateTimeFormatOptions) => {
    const f = new Intl.DateTimeFormat(locale, options);
    return pdf.canShow(f.format(Date.UTC(2027, 0, 31, 13, 5))) ? f : new Intl.DateTimeFormat(locale, numeric);
  };
  const dayFormat = pick(
    { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
    { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' },
  );
  const zoned = new Map<string, { day: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();
  const inZone = (zone: string) => {
    let f = zoned.get(zone);
    if (!f) {
      f = {
        day: pick(
          { year: 'numeric', month: 'short', day: 'numeric', timeZone: zone },
          { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone },
        ),
        dateTime: pick(
          {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
            timeZone: zone,
          },
          {
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            timeZone: zone,
          },
        ),
      };
      zoned.set(zone, f);
    }
    return f;
  };
  // A date never breaks across lines: its spaces are glued.
  const glued = (s: string) => pdf.safe(s).replace(/ /g, NBSP);
  return {
    day(day) {
      const [y, m, d] = day.split('-').map(Number);
      if (!y || !m || !d) return day;
      return glued(dayFormat.format(Date.UTC(y, m - 1, d)));
    },
    dateTime: (ms, zone = timeZone) => glued(inZone(zone).dateTime.format(ms)),
    instantDay: (ms, zone = timeZone) => glued(inZone(zone).day.format(ms)),
    money(amount, currency) {
      const shown = formatMoney(amount as MinorUnits, currency as CurrencyCode, locale);
      if (pdf.canShow(shown)) return pdf.safe(shown);
      // A currency sign the fonts lack (₩, ¥ in some locales): the ISO code instead.
      return pdf.safe(
        formatMoney(amount as MinorUnits, currency as CurrencyCode, 'en-US').replace(
          /^[^\d-]+/,
          `${currency} `,
        ),
      );
    },
  };
}

/**
 * Source keys as the printouts cite them, ` [S1, S3]`, glued to the value before them; every key
 * cited is remembered for the list of sources at the end.
 */
export class Citations {
  private readonly keys = new Set<string>();

  cite(sources: readonly string[]): string {
    const unique = [...new Set(sources)];
    for (const k of unique) this.keys.add(k);
    return unique.length ? `${NBSP}[${unique.join(',\u00a0')}]` : '';
  }

  /** The keys alone, `S1, S3`, for a column of sources. */
  plain(sources: readonly string[]): string {
    const unique = [...new Set(sources)];
    for (const k of unique) this.keys.add(k);
    return unique.join(', ');
  }

  /** Every cited source with its title and where to find it, in the order of the catalog's keys. */
  list(): { key: string; title: string; locator: string; year: number | null }[] {
    return [...this.keys].sort(compareKeys).map((key) => {
      const s = findSource(key);
      return { key, title: s?.title ?? 'Unknown source', locator: s?.locator ?? '', year: s?.year ?? null };
    });
  }
}

// S0–S4 first (the seed documents), then the others alphabetically.
function compareKeys(a: string, b: string): number {
  const seed = (k: string) => /^S\d+$/.test(k);
  if (seed(a) !== seed(b)) return seed(a) ? -1 : 1;
  return a.localeCompare(b, 'en');
}

/** A file name part from a person's name: ASCII letters and digits only. */
export function fileNamePart(s: string): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'patient';
}
