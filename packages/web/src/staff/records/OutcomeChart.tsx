import type { OutcomeInstrument } from '@exoclinic/core';
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
} from '../../components/chart-parts';
import { formatInstant, formatNumber } from '../../lib/format';
import { t } from '../../lib/i18n';

// A plain SVG line chart from the house chart parts (components/chart-parts.tsx), drawn at the
// width it is shown at.
const DEFAULT_W = 640;
const PAD = { top: 18, right: 64, bottom: 30, left: 48 };

export interface ChartScore {
  id: string;
  value: number;
  measuredAt: number;
}

/** Rounded-up top of an open-ended scale (a measurement such as hairs/cm²). */
function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return Math.ceil(n / p) * p;
}

/**
 * Scores of one instrument over time, with the baseline and, where the instrument has one, the
 * MCID threshold (baseline moved by the smallest important change in the improving direction).
 */
export function OutcomeChart({
  instrument,
  scores,
  baseline,
  summary,
  height = 220,
}: {
  instrument: OutcomeInstrument;
  scores: readonly ChartScore[];
  baseline: number | null;
  summary: string;
  height?: number;
}) {
  const { ref, width: W } = useChartWidth(300, 900, DEFAULT_W);
  const area = chartArea(W, height, PAD);
  const sorted = [...scores].sort((a, b) => a.measuredAt - b.measuredAt);
  const values = sorted.map((s) => s.value);
  const yMin = instrument.range.min;
  const yMax = instrument.range.max ?? niceMax(Math.max(...values, baseline ?? 0) * 1.15);
  const { x, t0, t1, span } = timeScale(
    sorted.map((s) => s.measuredAt),
    area,
  );
  const y = linearScale([yMin, yMax], [area.bottom, area.top], { clamp: true });
  const dir = instrument.direction === 'higher-better' ? 1 : -1;
  const mcid = baseline !== null && instrument.mcid && !instrument.comparative ? instrument.mcid : null;
  const mcidMin = mcid && baseline !== null ? baseline + dir * mcid.min : null;
  const mcidMax = mcid && baseline !== null ? baseline + dir * mcid.max : null;
  const points = sorted.map((s) => ({ key: s.id, cx: x(s.measuredAt), cy: y(s.value) }));
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => yMin + f * (yMax - yMin));
  const xTicks = sorted.length < 2 ? [t0] : W < 480 ? [t0, t1] : [t0, t0 + span / 2, t1];
  const digits = instrument.integer ? 0 : 1;
  return (
    <ChartFigure area={area} summary={summary} caption={summary} testId="outcome-chart" figureRef={ref}>
      <ValueGrid area={area} ticks={yTicks} y={y} label={(v) => formatNumber(v, digits)} />
      <TickLabels
        area={area}
        ticks={xTicks}
        x={x}
        label={(ms) => formatInstant(ms, false)}
        anchor={(i, n) => (n > 1 && i === 0 ? 'start' : i === n - 1 && i > 0 ? 'end' : 'middle')}
      />
      {mcidMin !== null && mcidMax !== null && (
        <g data-testid="mcid-line">
          <rect
            x={area.left}
            width={area.innerW}
            y={Math.min(y(mcidMin), y(mcidMax))}
            height={Math.abs(y(mcidMax) - y(mcidMin))}
            fill="#12b886"
            fillOpacity={0.1}
          />
          <HLine area={area} at={y(mcidMin)} stroke={CHART_INK.meaningful} strokeWidth={1.5} dash="6 4" />
          <text x={area.right + 4} y={y(mcidMin) + 4} fill={CHART_INK.meaningful}>
            {t('outcomes.mcidLine')}
          </text>
        </g>
      )}
      {baseline !== null && (
        <g>
          <HLine area={area} at={y(baseline)} stroke={CHART_INK.axis} dash="2 3" />
          <text x={area.right + 4} y={y(baseline) + 4} fill={CHART_INK.label}>
            {t('outcomes.baselineLine')}
          </text>
        </g>
      )}
      <Axes area={area} />
      {sorted.length > 1 && <DataLine d={linePath(points.map((p) => [p.cx, p.cy]))} />}
      <DataDots points={points} r={4} />
    </ChartFigure>
  );
}
