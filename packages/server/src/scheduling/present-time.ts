const formats = new Map<string, Intl.DateTimeFormat>();

/** `HH:MM` on the wall clock of a zone: one formatter per zone, reused. */
export function localTime(ms: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  return f.format(ms);
}
