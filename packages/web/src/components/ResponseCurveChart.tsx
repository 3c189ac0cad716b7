import type { Plan } from '@exoclinic/core';
import { Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { addDays, daysBetween, formatDay } from '../lib/format';
import { t } from '../lib/i18n';
import { SourceRef } from './SourceRef';

// A plain SVG line chart: the curve is one line with a few markers, so a chart library (100 KB+
// gzipped) would cost the patient's phone more than it draws.
const W = 640;
const PAD = { top: 22, right: 12, bottom: 34, left: 44 };

/** The plan's response curve (docs/clinical-model.md): an illustration of the sources, not a prediction. */
export default function ResponseCurveChart({ plan, height = 260 }: { plan: Plan; height?: number }) {
  const titleId = useId();
  const points = plan.responseCurve.points;
  const maxWeek = Math.max(1, points.at(-1)?.week ?? 1);
  const innerW = W - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (week: number) => PAD.left + (week / maxWeek) * innerW;
  const y = (benefit: number) => PAD.top + (1 - benefit) * innerH;
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.week).toFixed(1)},${y(p.benefit).toFixed(1)}`)
    .join('');
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
    <Stack gap={4} component="figure" m={0}>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        style={{ display: 'block', maxHeight: height, fontSize: 12 }}
      >
        <title id={titleId}>{summary}</title>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(v)}
              y2={y(v)}
              stroke="#dee2e6"
              strokeDasharray="3 3"
            />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fill="#495057">
              {Math.round(v * 100)}%
            </text>
          </g>
        ))}
        {xTicks.map((w) => (
          <text key={w} x={x(w)} y={height - PAD.bottom + 16} textAnchor="middle" fill="#495057">
            {w}
          </text>
        ))}
        <text x={PAD.left + innerW / 2} y={height - 4} textAnchor="middle" fill="#495057">
          {t('curve.xLabel')}
        </text>
        {sessionWeeks.map((w) => (
          <line
            key={`s${w}`}
            x1={x(w)}
            x2={x(w)}
            y1={PAD.top}
            y2={PAD.top + innerH}
            stroke="#0b7285"
            strokeDasharray="2 4"
          />
        ))}
        {sessionWeeks.length > 0 && (
          <text x={x(sessionWeeks[0] ?? 0) + 4} y={PAD.top - 8} fill="#0b6070">
            {t('curve.sessions')}
          </text>
        )}
        {plan.responseCurve.boosterWeeks.map((w) => (
          <g key={`b${w}`}>
            <line
              x1={x(w)}
              x2={x(w)}
              y1={PAD.top}
              y2={PAD.top + innerH}
              stroke="#e8590c"
              strokeDasharray="4 4"
            />
            <text x={x(w)} y={PAD.top - 8} textAnchor="middle" fill="#a33d00">
              {t('curve.booster')}
            </text>
          </g>
        ))}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + innerH} stroke="#868e96" />
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} stroke="#868e96" />
        <path d={path} fill="none" stroke="#0b7285" strokeWidth={2.5} strokeLinejoin="round" />
      </svg>
      <Text size="xs" c="dimmed" component="figcaption">
        {summary} {t('curve.caption')}{' '}
        <SourceRef sources={plan.responseCurve.sources} label={t('curve.title')} />
      </Text>
    </Stack>
  );
}
