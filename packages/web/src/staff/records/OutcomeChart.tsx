import type { OutcomeInstrument } from '@exoclinic/core';
import { Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import { formatInstant, formatNumber } from '../../lib/format';
import { t } from '../../lib/i18n';

// A plain SVG line chart in the house style of components/ResponseCurveChart.tsx: a handful of
// scores do not need a chart library. Drawn at the width it is shown at, so that its labels keep
// their size on a phone instead of shrinking with a fixed view box.
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
  const titleId = useId();
  const { ref, width } = useElementSize();
  const W = width > 0 ? Math.round(Math.min(Math.max(width, 300), 900)) : DEFAULT_W;
  const sorted = [...scores].sort((a, b) => a.measuredAt - b.measuredAt);
  const values = sorted.map((s) => s.value);
  const yMin = instrument.range.min;
  const yMax = instrument.range.max ?? niceMax(Math.max(...values, baseline ?? 0) * 1.15);
  const t0 = sorted[0]?.measuredAt ?? 0;
  const t1 = sorted.at(-1)?.measuredAt ?? t0;
  const span = Math.max(t1 - t0, 86_400_000);
  const innerW = W - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const x = (ms: number) => PAD.left + (sorted.length < 2 ? innerW / 2 : ((ms - t0) / span) * innerW);
  const clampY = (v: number) => Math.min(yMax, Math.max(yMin, v));
  const y = (v: number) => PAD.top + (1 - (clampY(v) - yMin) / (yMax - yMin || 1)) * innerH;
  const dir = instrument.direction === 'higher-better' ? 1 : -1;
  const mcid = baseline !== null && instrument.mcid && !instrument.comparative ? instrument.mcid : null;
  const mcidMin = mcid && baseline !== null ? baseline + dir * mcid.min : null;
  const mcidMax = mcid && baseline !== null ? baseline + dir * mcid.max : null;
  const path = sorted
    .map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.measuredAt).toFixed(1)},${y(s.value).toFixed(1)}`)
    .join('');
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => yMin + f * (yMax - yMin));
  const xTicks = sorted.length < 2 ? [t0] : W < 480 ? [t0, t1] : [t0, t0 + span / 2, t1];
  const digits = instrument.integer ? 0 : 1;
  return (
    <Stack gap={4} component="figure" m={0} ref={ref}>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        style={{ display: 'block', maxHeight: height, fontSize: 12 }}
        data-testid="outcome-chart"
      >
        <title id={titleId}>{summary}</title>
        {yTicks.map((v) => (
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
              {formatNumber(v, digits)}
            </text>
          </g>
        ))}
        {xTicks.map((ms, i) => (
          <text
            key={ms}
            x={x(ms)}
            y={height - PAD.bottom + 16}
            textAnchor={
              xTicks.length > 1 && i === 0 ? 'start' : i === xTicks.length - 1 && i > 0 ? 'end' : 'middle'
            }
            fill="#495057"
          >
            {formatInstant(ms, false)}
          </text>
        ))}
        {mcidMin !== null && mcidMax !== null && (
          <g data-testid="mcid-line">
            <rect
              x={PAD.left}
              width={innerW}
              y={Math.min(y(mcidMin), y(mcidMax))}
              height={Math.abs(y(mcidMax) - y(mcidMin))}
              fill="#12b886"
              fillOpacity={0.1}
            />
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(mcidMin)}
              y2={y(mcidMin)}
              stroke="#087f5b"
              strokeWidth={1.5}
              strokeDasharray="6 4"
            />
            <text x={W - PAD.right + 4} y={y(mcidMin) + 4} fill="#087f5b">
              {t('outcomes.mcidLine')}
            </text>
          </g>
        )}
        {baseline !== null && (
          <g>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(baseline)}
              y2={y(baseline)}
              stroke="#868e96"
              strokeDasharray="2 3"
            />
            <text x={W - PAD.right + 4} y={y(baseline) + 4} fill="#495057">
              {t('outcomes.baselineLine')}
            </text>
          </g>
        )}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + innerH} stroke="#868e96" />
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} stroke="#868e96" />
        {sorted.length > 1 && (
          <path d={path} fill="none" stroke="#0b7285" strokeWidth={2.5} strokeLinejoin="round" />
        )}
        {sorted.map((s) => (
          <circle
            key={s.id}
            cx={x(s.measuredAt)}
            cy={y(s.value)}
            r={4}
            fill="#fff"
            stroke="#0b7285"
            strokeWidth={2}
          />
        ))}
      </svg>
      <Text size="xs" c="dimmed" component="figcaption">
        {summary}
      </Text>
    </Stack>
  );
}
