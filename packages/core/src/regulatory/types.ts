import type { Sourced } from '../types';

export const REGULATORY_DECISIONS = ['allowed', 'warn', 'block'] as const;
export type RegulatoryDecision = (typeof REGULATORY_DECISIONS)[number];

export interface RegulatoryReason extends Sourced {
  rule: string;
  decision: RegulatoryDecision;
  message: string;
}

/** A statement the consent form must carry. */
export interface Disclosure extends Sourced {
  id: string;
  text: string;
}

export interface RegulatoryResult {
  decision: RegulatoryDecision;
  reasons: RegulatoryReason[];
  disclosures: Disclosure[];
  /** True when the clinic must record an IND number before treating. */
  needsIndNumber: boolean;
}
