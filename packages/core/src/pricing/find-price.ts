import type { AreaSize, IndicationId, ModalityId } from '../types';
import type { PriceEntry, PriceList, PriceTier, Treatment } from './types';

export interface PriceQuery {
  treatment: Treatment;
  indication: IndicationId;
  modality: ModalityId;
  areaSize: AreaSize;
  tier: PriceTier;
}

export interface PriceMatch {
  entry: PriceEntry;
  /** Position of the entry in `priceList.entries`. */
  entryIndex: number;
  /** How many of indication, modality, area size and tier the entry names (0–4). */
  specificity: number;
}

// When two entries name the same number of fields, the one naming the weightier field wins:
// indication, then modality, then area size, then tier. Equal entries: the earlier one wins.
const FIELD_WEIGHTS = [
  ['indication', 8],
  ['modality', 4],
  ['areaSize', 2],
  ['tier', 1],
] as const;

function matches(entry: PriceEntry, query: PriceQuery): boolean {
  if (entry.treatment !== query.treatment) return false;
  return FIELD_WEIGHTS.every(([field]) => entry[field] === undefined || entry[field] === query[field]);
}

function rank(entry: PriceEntry): { specificity: number; weight: number } {
  let specificity = 0;
  let weight = 0;
  for (const [field, w] of FIELD_WEIGHTS) {
    if (entry[field] !== undefined) {
      specificity += 1;
      weight += w;
    }
  }
  return { specificity, weight };
}

/** The most specific entry of the list that matches the query, or null when none does. */
export function findPrice(priceList: PriceList, query: PriceQuery): PriceMatch | null {
  let best: (PriceMatch & { weight: number }) | null = null;
  for (const [entryIndex, entry] of priceList.entries.entries()) {
    if (!matches(entry, query)) continue;
    const { specificity, weight } = rank(entry);
    const better =
      best === null ||
      specificity > best.specificity ||
      (specificity === best.specificity && weight > best.weight);
    if (better) best = { entry, entryIndex, specificity, weight };
  }
  if (best === null) return null;
  const { entry, entryIndex, specificity } = best;
  return { entry, entryIndex, specificity };
}
