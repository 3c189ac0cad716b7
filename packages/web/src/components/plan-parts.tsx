import type { Plan } from '@exoclinic/core';
import { formatDay, formatNumber } from '../lib/format';
import { t } from '../lib/i18n';
import ResponseCurveChart from './ResponseCurveChart';

export const weeksText = (w: { min: number; max: number }) =>
  w.min === w.max
    ? t('unit.weeks', { n: formatNumber(w.min, 1) })
    : t('unit.weeksRange', { min: formatNumber(w.min, 1), max: formatNumber(w.max, 1) });

export function ResponseCurve({ plan, height }: { plan: Plan; height?: number }) {
  return <ResponseCurveChart plan={plan} {...(height ? { height } : {})} />;
}

interface TimelineItem {
  date: string;
  title: string;
  detail?: string;
  sources: string[];
  kind: 'session' | 'follow-up' | 'maintenance';
}

export function planTimeline(plan: Plan): TimelineItem[] {
  const items: TimelineItem[] = plan.sessions.map((s) => ({
    date: s.date,
    title: t('plan.sessionN', { n: s.index, of: plan.sessions.length }),
    ...(s.earliest !== s.latest && {
      detail: t('plan.window', { from: formatDay(s.earliest, 'short'), to: formatDay(s.latest, 'short') }),
    }),
    sources: s.sources,
    kind: 'session',
  }));
  for (const f of plan.followUps)
    items.push({ date: f.date, title: f.label, sources: f.sources, kind: 'follow-up' });
  if (plan.maintenance) {
    items.push({
      date: plan.maintenance.firstDue.target,
      title: t('plan.maintenanceDue'),
      detail: t('plan.window', {
        from: formatDay(plan.maintenance.firstDue.earliest, 'short'),
        to: formatDay(plan.maintenance.firstDue.latest, 'short'),
      }),
      sources: plan.maintenance.sources,
      kind: 'maintenance',
    });
  }
  return items.sort((a, b) => a.date.localeCompare(b.date));
}
