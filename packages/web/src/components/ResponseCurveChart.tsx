import type { Plan } from '@exoclinic/core';
import { addDays, daysBetween, formatDay } from '../lib/format';
import { t } from '../lib/i18n';
import {
  Axes,
  CHART_INK,
  ChartFigure,
  chartArea,
  DataLine,
  linearScale,
  linePath,
  TickLabels,
  ValueGrid,
  VLine,
} from './chart-parts';
import { SourceRef } from './SourceRef';

// A plain SVG line chart (components/chart-parts.tsx): the curve is one line with a few markers, so a chart library (100 KB+
// gzipped) would cost the patient's phone more than it draws.
const W = 640;
const PAD = { top: 22, right: 12, bottom: 34, left: 44 };

/** The plan's response curve (docs/clinical-model.md): an illustration of the sources, not a prediction. */
export default function ResponseCurveChart({ plan, height = 260 }: { plan: Plan; height?: number }) {
  const area = chartArea(W, height, PAD);
  const points = plan.responseCurve.points;
  const maxWeek = Math.max(1, points.at(-1)?.week ?? 1);
  const x = linearScale([0, maxWeek], [area.left, area.right]);
  const y = linearScale([0, 1], [area.bottom, area.top]);
  const sessionWeeks = plan.sessions.map((s) => daysBetween(plan.startDate, s.date) / 7);
  const peak = points.reduce((best, p) => (p.benefit > best.benefit ? p : best), { week: 0, benefit: 0 });
  const step = maxWeek > 80 ? 26 : maxWeek > 30 ? 13 : 4;
  const xTicks: number[] = [];
  for (let w = 0; w <= maxWeek; w += step) xTicks.push(w);
  const summary = t('curve.summary', {
    sessions: plan.sessions.length,
    peakDate: formatDay(addDays(plan.startDate, Math.round(peak.week * 7)), 'short'),
    boosters: plan.responseCurve.boosterWeeks.length,
  });
  return (
    <ChartFigure
      area={area}
      summary={summary}
      caption={
        <>
          {summary} {t('curve.caption')}{' '}
          <SourceRef sources={plan.responseCurve.sources} label={t('curve.title')} />
        </>
      }
    >
      <ValueGrid area={area} ticks={[0, 0.25, 0.5, 0.75, 1]} y={y} label={(v) => `${Math.round(v * 100)}%`} />
      <TickLabels area={area} ticks={xTicks} x={x} label={String} />
      <text x={area.left + area.innerW / 2} y={height - 4} textAnchor="middle" fill={CHART_INK.label}>
        {t('curve.xLabel')}
      </text>
      {sessionWeeks.map((w) => (
        <VLine key={`s${w}`} area={area} at={x(w)} stroke={CHART_INK.line} dash="2 4" />
      ))}
      {sessionWeeks.length > 0 && (
        <text x={x(sessionWeeks[0] ?? 0) + 4} y={area.top - 8} fill="#0b6070">
          {t('curve.sessions')}
        </text>
      )}
      {plan.responseCurve.boosterWeeks.map((w) => (
        <g key={`b${w}`}>
          <VLine area={area} at={x(w)} stroke="#e8590c" dash="4 4" />
          <text x={x(w)} y={area.top - 8} textAnchor="middle" fill="#a33d00">
            {t('curve.booster')}
          </text>
        </g>
      ))}
      <Axes area={area} />
      <DataLine d={linePath(points.map((p) => [x(p.week), y(p.benefit)]))} />
    </ChartFigure>
  );
}
