// Shared vocabulary of the clinical core. Values that must never be mixed are branded
// (a number of days is not a number of minutes; a local date is not an instant).

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Whole days. */
export type Days = Brand<number, 'Days'>;
/** Whole minutes. */
export type Minutes = Brand<number, 'Minutes'>;
/** Weeks (may be fractional in curves). */
export type Weeks = Brand<number, 'Weeks'>;
/** A calendar day in the clinic's local time, `YYYY-MM-DD`. */
export type LocalDate = Brand<string, 'LocalDate'>;
/** An instant, milliseconds since the Unix epoch (UTC). */
export type EpochMs = Brand<number, 'EpochMs'>;
/** Money in minor units of its currency (cents, won). */
export type MinorUnits = Brand<number, 'MinorUnits'>;

export const days = (n: number) => n as Days;
export const minutes = (n: number) => n as Minutes;
export const weeks = (n: number) => n as Weeks;
export const minor = (n: number) => n as MinorUnits;

export type SourceKey = string;

/** A value that names where it came from. */
export interface Sourced {
  sources: SourceKey[];
}

export interface Range<T extends number = number> {
  min: T;
  max: T;
}

export type IndicationId =
  | 'skin-rejuvenation'
  | 'acne-scars'
  | 'hyperpigmentation'
  | 'hair-loss'
  | 'inflammatory-skin'
  | 'post-procedure'
  | 'lip-eye'
  | 'stretch-marks'
  | 'joint'
  | 'systemic';

export type ModalityId =
  | 'microneedling-topical'
  | 'laser-topical'
  | 'radiofrequency-topical'
  | 'intradermal-injection'
  | 'scalp-injection'
  | 'intra-articular-injection'
  | 'iv-infusion';

/** How the product reaches the body; regulatory rules are written against routes. */
export type Route =
  | 'topical'
  | 'topical-after-needling'
  | 'topical-after-device'
  | 'intradermal'
  | 'intra-articular'
  | 'intravenous';

export type Jurisdiction = 'US' | 'KR' | 'EU' | 'UK';

export type Severity = 'mild' | 'moderate' | 'severe';
export type AreaSize = 'small' | 'medium' | 'large';
export type Goal = 'subtle' | 'moderate' | 'dramatic';
export type Chronicity = 'acute' | 'chronic';
export type GeneralHealth = 'good' | 'fair' | 'poor';
export type CombinedProcedure = 'microneedling' | 'radiofrequency' | 'laser' | 'prp';

export type ProductOrigin =
  | 'human-umbilical-cord-msc'
  | 'human-adipose-msc'
  | 'human-bone-marrow-msc'
  | 'human-foreskin-msc'
  | 'human-other'
  | 'plant'
  | 'animal';

export type Registration = 'approved' | 'investigational' | 'cosmetic' | 'unregistered';
