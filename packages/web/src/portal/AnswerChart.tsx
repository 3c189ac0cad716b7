import {
  Axes,
  CHART_INK,
  ChartFigure,
  chartArea,
  DataDots,
  DataLine,
  HLine,
  linearScale,
  linePath,
  TickLabels,
  timeScale,
  useChartWidth,
  ValueGrid,
} from '../components/chart-parts';
import { formatInstant, formatNumber } from '../lib/format';
import { t } from '../lib/i18n';
import type { AnswerScale } from './questionnaire-scales';

// The patient's own answers over time, as a small SVG line chart (the house chart parts, as the
// staff outcome chart). Drawn so that higher on the chart is always better for the patient, whichever
// way the scale runs; the table beside it carries the same numbers for screen readers.

const PAD = { top: 16, right: 16, bottom: 28, left: 40 };

export function AnswerChart({
  scale,
  scores,
  baseline,
  summary,
  height = 180,
}: {
  scale: AnswerScale;
  /** Stored values, as the server keeps them. */
  scores: readonly { id: string; value: number; measuredAt: number }[];
  baseline: number | null;
  summary: string;
  height?: number;
}) {
  const { ref, width: W } = useChartWidth(280, 720, 560);
  const area = chartArea(W, height, PAD);
  const sorted = [...scores].sort((a, b) => a.measuredAt - b.measuredAt);
  const shown = (v: number) => v / scale.factor;
  const lo = scale.min;
  const hi = scale.max ?? Math.max(...sorted.map((s) => shown(s.value)), 1) * 1.2;
  const better = scale.instrument.direction === 'higher-better' ? 1 : -1;
  // Better is up: a lower-is-better scale puts its minimum at the top.
  const y = linearScale([lo, hi], better > 0 ? [area.bottom, area.top] : [area.top, area.bottom], {
    clamp: true,
  });
  const { x, t0, t1 } = timeScale(
    sorted.map((s) => s.measuredAt),
    area,
  );
  const ticks =
    scale.kind === 'choices' ? scale.choices.map((c) => c.value) : [0, 0.5, 1].map((f) => lo + f * (hi - lo));
  const mcid =
    scale.instrument.mcid && baseline !== null && !scale.instrument.comparative
      ? scale.instrument.mcid
      : null;
  const base = baseline === null ? null : shown(baseline);
  const mcidAt = mcid && base !== null ? base + better * (mcid.min / scale.factor) : null;
  const points = sorted.map((s) => ({ key: s.id, cx: x(s.measuredAt), cy: y(shown(s.value)) }));
  const xTicks = sorted.length < 2 ? [t0] : [t0, t1];
  return (
    <ChartFigure
      area={area}
      summary={summary}
      caption={t('questionnaires.chart.up')}
      testId="answer-chart"
      figureRef={ref}
    >
      <ValueGrid
        area={area}
        ticks={ticks}
        y={y}
        label={(v) => formatNumber(v, scale.kind === 'choices' ? 0 : 1)}
      />
      {mcidAt !== null && (
        <g data-testid="answer-mcid">
          <HLine area={area} at={y(mcidAt)} stroke={CHART_INK.meaningful} strokeWidth={1.5} dash="6 4" />
          <text x={area.right} y={y(mcidAt) - 4} textAnchor="end" fill={CHART_INK.meaningful}>
            {t('questionnaires.chart.meaningful')}
          </text>
        </g>
      )}
      {base !== null && (
        <g>
          <HLine area={area} at={y(base)} stroke={CHART_INK.axis} dash="2 3" />
          <text x={area.right} y={y(base) + 14} textAnchor="end" fill={CHART_INK.label}>
            {t('questionnaires.chart.start')}
          </text>
        </g>
      )}
      <Axes area={area} />
      <TickLabels
        area={area}
        ticks={xTicks}
        x={x}
        label={(ms) => formatInstant(ms, false)}
        anchor={(i, n) => (n === 1 ? 'middle' : i === 0 ? 'start' : 'end')}
      />
      {sorted.length > 1 && <DataLine d={linePath(points.map((p) => [p.cx, p.cy]))} />}
      <DataDots points={points} r={4.5} />
    </ChartFigure>
  );
}
