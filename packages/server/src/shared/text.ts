/** Lower-case, accents stripped, spaces collapsed: the form names are searched in. */
export function foldForSearch(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function digitsOnly(s: string): string {
  return s.replace(/\D+/g, '');
}

/** Escape `%`, `_` and the escape character itself for a LIKE pattern using ESCAPE '\'. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
