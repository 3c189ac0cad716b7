import type { AreaSize, IndicationId, MinorUnits, ModalityId, Sourced, SourceKey } from '../types';

/** ISO 4217 codes the product can price in; their minor-unit digits are in `money.ts`. */
export const CURRENCY_CODES = ['USD', 'EUR', 'GBP', 'KRW', 'JPY'] as const;
export type CurrencyCode = (typeof CURRENCY_CODES)[number];

export const TREATMENTS = ['exosome', 'prp'] as const;
export type Treatment = (typeof TREATMENTS)[number];

export const PRICE_TIERS = ['standard', 'premium'] as const;
export type PriceTier = (typeof PRICE_TIERS)[number];

/**
 * One price on a clinic's list. A field left out matches any value; when several entries match,
 * the most specific one wins (see `findPrice`).
 */
export interface PriceEntry {
  treatment: Treatment;
  indication?: IndicationId;
  modality?: ModalityId;
  areaSize?: AreaSize;
  tier?: PriceTier;
  pricePerSession: MinorUnits;
  /** Where an example price came from; a clinic's own prices usually have none. */
  sources?: SourceKey[];
}

/** A published range that example prices were chosen inside. */
export interface ExampleRange extends Sourced {
  label: string;
  min: MinorUnits;
  max: MinorUnits;
  /** The source gives the upper figure as "or more". */
  maxIsOpen?: boolean;
  currency: CurrencyCode;
  note?: string;
}

export interface PriceList {
  id: string;
  name: string;
  currency: CurrencyCode;
  /** Example lists are drawn from published ranges; they are never a clinic's real prices. */
  isExample: boolean;
  exampleNote?: string;
  exampleRanges?: ExampleRange[];
  entries: PriceEntry[];
}

/** Whole days: shortest, planned, longest. */
export interface DaySpan {
  min: number;
  target: number;
  max: number;
}

/**
 * The least a plan must say to be quoted. The planner's full plan satisfies it structurally;
 * its protocol figures (and their sources) are the caller's.
 */
export interface QuotablePlan {
  indication: IndicationId;
  modality: ModalityId;
  areaSize: AreaSize;
  initialSeries: { sessions: number; intervalDays: DaySpan };
  maintenance: { intervalDays: DaySpan } | null;
}

export interface QuoteProblem {
  /** Where the bad value is, e.g. `plan.initialSeries.sessions` or `priceList.entries`. */
  path: string;
  message: string;
}

/** A number with the sources it rests on, and how it was derived when it is not quoted directly. */
export interface SourcedNumber extends Sourced {
  value: number;
  derivation?: string;
}

export interface SourcedSpan {
  min: SourcedNumber;
  target: SourcedNumber;
  max: SourcedNumber;
}

export interface SourcedNote extends Sourced {
  text: string;
}
