import type { Period } from './schemas';

/** Whether the caller asked for a period at all (no bound: every record so far). */
export const isBounded = (p: Period) => p.from !== undefined || p.to !== undefined;

/** The period's bounds as numbers: no start is the epoch, no end is beyond any record. */
export function bounds(p: Period): { from: number; to: number } {
  return { from: p.from ?? 0, to: p.to ?? Number.MAX_SAFE_INTEGER };
}
