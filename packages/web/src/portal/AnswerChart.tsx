import { Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import { formatInstant, formatNumber } from '../lib/format';
import { t } from '../lib/i18n';
import type { AnswerScale } from './questionnaire-scales';

// The patient's own answers over time, as a small SVG line chart (the house style of the staff
// outcome chart). Drawn so that higher on the chart is always better for the patient, whichever
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
  const titleId = useId();
  const { ref, width } = useElementSize();
  const W = width > 0 ? Math.round(Math.min(Math.max(width, 280), 720)) : 560;
  const sorted = [...scores].sort((a, b) => a.measuredAt - b.measuredAt);
  const shown = (v: number) => v / scale.factor;
  const lo = scale.min;
  const hi = scale.max ?? Math.max(...sorted.map((s) => shown(s.value)), 1) * 1.2;
  const better = scale.instrument.direction === 'higher-better' ? 1 : -1;
  const innerW = W - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const clamp = (v: number) => Math.min(hi, Math.max(lo, v));
  // Better is up: a lower-is-better scale puts its minimum at the top.
  const y = (v: number) => {
    const f = (clamp(v) - lo) / (hi - lo || 1);
    return PAD.top + (better > 0 ? 1 - f : f) * innerH;
  };
  const t0 = sorted[0]?.measuredAt ?? 0;
  const t1 = sorted.at(-1)?.measuredAt ?? t0;
  const span = Math.max(t1 - t0, 86_400_000);
  const x = (ms: number) => PAD.left + (sorted.length < 2 ? innerW / 2 : ((ms - t0) / span) * innerW);
  const ticks =
    scale.kind === 'choices' ? scale.choices.map((c) => c.value) : [0, 0.5, 1].map((f) => lo + f * (hi - lo));
  const mcid =
    scale.instrument.mcid && baseline !== null && !scale.instrument.comparative
      ? scale.instrument.mcid
      : null;
  const base = baseline === null ? null : shown(baseline);
  const mcidAt = mcid && base !== null ? base + better * (mcid.min / scale.factor) : null;
  const path = sorted
    .map((s, i) => `${i === 0 ? 'M' : 'L'}${x(s.measuredAt).toFixed(1)},${y(shown(s.value)).toFixed(1)}`)
    .join('');
  const xTicks = sorted.length < 2 ? [t0] : [t0, t1];
  return (
    <Stack gap={4} component="figure" m={0} ref={ref}>
      <svg
        viewBox={`0 0 ${W} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        style={{ display: 'block', maxHeight: height, fontSize: 12 }}
        data-testid="answer-chart"
      >
        <title id={titleId}>{summary}</title>
        {ticks.map((v) => (
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
              {formatNumber(v, scale.kind === 'choices' ? 0 : 1)}
            </text>
          </g>
        ))}
        {mcidAt !== null && (
          <g data-testid="answer-mcid">
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(mcidAt)}
              y2={y(mcidAt)}
              stroke="#087f5b"
              strokeWidth={1.5}
              strokeDasharray="6 4"
            />
            <text x={W - PAD.right} y={y(mcidAt) - 4} textAnchor="end" fill="#087f5b">
              {t('questionnaires.chart.meaningful')}
            </text>
          </g>
        )}
        {base !== null && (
          <g>
            <line
              x1={PAD.left}
              x2={W - PAD.right}
              y1={y(base)}
              y2={y(base)}
              stroke="#868e96"
              strokeDasharray="2 3"
            />
            <text x={W - PAD.right} y={y(base) + 14} textAnchor="end" fill="#495057">
              {t('questionnaires.chart.start')}
            </text>
          </g>
        )}
        <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + innerH} stroke="#868e96" />
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + innerH} y2={PAD.top + innerH} stroke="#868e96" />
        {xTicks.map((ms, i) => (
          <text
            key={ms}
            x={x(ms)}
            y={height - PAD.bottom + 16}
            textAnchor={xTicks.length === 1 ? 'middle' : i === 0 ? 'start' : 'end'}
            fill="#495057"
          >
            {formatInstant(ms, false)}
          </text>
        ))}
        {sorted.length > 1 && (
          <path d={path} fill="none" stroke="#0b7285" strokeWidth={2.5} strokeLinejoin="round" />
        )}
        {sorted.map((s) => (
          <circle
            key={s.id}
            cx={x(s.measuredAt)}
            cy={y(shown(s.value))}
            r={4.5}
            fill="#fff"
            stroke="#0b7285"
            strokeWidth={2}
          />
        ))}
      </svg>
      <Text size="xs" c="dimmed" component="figcaption">
        {t('questionnaires.chart.up')}
      </Text>
    </Stack>
  );
}
