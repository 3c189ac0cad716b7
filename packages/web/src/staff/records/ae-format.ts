// Words for adverse-event values: the value lists are the core's (the server validates with the
// same ones); each has a label here.
import { AE_OUTCOMES, AE_RELATIONS, SERIOUS_CRITERIA } from '@exoclinic/core';
import type { AdverseEventRecord } from '../../api/records-types';
import { formatNumber } from '../../lib/format';
import { type MessageKey, t } from '../../lib/i18n';

export { AE_OUTCOMES, AE_RELATIONS, SERIOUS_CRITERIA };

export const seriousLabel = (c: string) => t(`ae.serious.${c}` as MessageKey);
export const relationLabel = (r: string) => t(`ae.relation.${r}` as MessageKey);
export const outcomeLabel = (o: string) => t(`ae.outcome.${o}` as MessageKey);

/** Hours as people say them: hours under two days, days after. */
export function formatHours(hours: number): string {
  if (hours < 48) return t('ae.hours', { n: formatNumber(Math.max(0, hours), hours < 10 ? 1 : 0) });
  return t('ae.days', { n: formatNumber(hours / 24, hours < 240 ? 1 : 0) });
}

/** "Expected up to 3 days · 5 days so far": the catalog's usual course against this event's. */
export function durationText(e: AdverseEventRecord): { expected: string; actual: string } {
  const a = e.assessment;
  if (!a) return { expected: '—', actual: '—' };
  const expected = a.expectedHours
    ? t('ae.expectedUpTo', { d: formatHours(a.expectedHours.max) })
    : t('ae.noExpected');
  const actual = a.ongoing
    ? t('ae.soFar', { d: formatHours(a.durationHours) })
    : t('ae.lasted', { d: formatHours(a.durationHours) });
  return { expected, actual };
}
