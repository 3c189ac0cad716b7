import type { ConsultationProfile } from '../profile';
import { SCREENING_RULE_LIST, screeningContext } from './rules';
import { type ScreeningFinding, type ScreeningResult, VERDICTS, type Verdict } from './types';

export { SCREENING_RULES, type ScreeningRuleId } from './rules';

const rank = (v: Verdict) => VERDICTS.indexOf(v);

/** The worst of the findings' severities; `eligible` when there are none. */
export function worstVerdict(findings: readonly ScreeningFinding[]): Verdict {
  let worst: Verdict = 'eligible';
  for (const f of findings) if (rank(f.severity) > rank(worst)) worst = f.severity;
  return worst;
}

/**
 * Medical screening of one consultation (DOMAIN.md §7): runs every rule and lets the worst finding
 * decide. It screens; it does not decide alone: refer and caution findings go to a practitioner.
 */
export function screenPatient(profile: ConsultationProfile): ScreeningResult {
  const ctx = screeningContext(profile);
  const findings: ScreeningFinding[] = [];
  for (const rule of SCREENING_RULE_LIST) {
    const finding = rule.check(ctx);
    if (finding !== undefined) findings.push(finding);
  }
  return { verdict: worstVerdict(findings), findings };
}
