import { Stack, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { type ReactNode, type Ref, useId } from 'react';

// The pieces of the app's plain SVG line charts (the response curve, the staff outcome chart and
// the portal's answer chart): a handful of points do not need a chart library. Each chart keeps
// its own data, ticks and words; these parts draw the frame, the scales, the grid, the axes and
// the line in one house style.

export const CHART_INK = {
  grid: '#dee2e6',
  axis: '#868e96',
  label: '#495057',
  line: '#0b7285',
  meaningful: '#087f5b',
} as const;

const DAY_MS = 86_400_000;

export interface ChartPadding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The drawing area inside the padding, in view-box units. */
export interface ChartArea {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  innerW: number;
  innerH: number;
}

export function chartArea(width: number, height: number, pad: ChartPadding): ChartArea {
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  return {
    width,
    height,
    left: pad.left,
    right: width - pad.right,
    top: pad.top,
    bottom: pad.top + innerH,
    innerW,
    innerH,
  };
}

/**
 * The chart's width in view-box units: the width it is shown at (so that its labels keep their
 * size on a phone instead of shrinking with a fixed view box), within bounds; `fallback` until
 * measured.
 */
export function useChartWidth(min: number, max: number, fallback: number) {
  const { ref, width } = useElementSize();
  return { ref, width: width > 0 ? Math.round(Math.min(Math.max(width, min), max)) : fallback };
}

/** Maps `domain` onto `range` in a straight line; `clamp` keeps values inside the domain first. */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
  { clamp = false }: { clamp?: boolean } = {},
): (v: number) => number {
  return (v) => {
    const c = clamp ? Math.min(d1, Math.max(d0, v)) : v;
    return r0 + ((c - d0) / (d1 - d0 || 1)) * (r1 - r0);
  };
}

/**
 * Instants (sorted, oldest first) across the area: a lone point sits in the middle, and the span
 * is at least a day so that points taken on one day do not spread over the whole width.
 */
export function timeScale(times: readonly number[], area: ChartArea) {
  const t0 = times[0] ?? 0;
  const t1 = times.at(-1) ?? t0;
  const span = Math.max(t1 - t0, DAY_MS);
  const x = (ms: number) =>
    area.left + (times.length < 2 ? area.innerW / 2 : ((ms - t0) / span) * area.innerW);
  return { x, t0, t1, span };
}

/** An SVG path through the points, in order. */
export function linePath(points: readonly (readonly [number, number])[]): string {
  return points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join('');
}

/**
 * The figure around a chart: an SVG image named by its summary (read by screen readers in place of
 * the drawing) and a caption under it.
 */
export function ChartFigure({
  area,
  summary,
  caption,
  testId,
  figureRef,
  children,
}: {
  area: ChartArea;
  summary: string;
  caption: ReactNode;
  testId?: string;
  figureRef?: Ref<HTMLDivElement>;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Stack gap={4} component="figure" m={0} ref={figureRef}>
      <svg
        viewBox={`0 0 ${area.width} ${area.height}`}
        width="100%"
        role="img"
        aria-labelledby={titleId}
        style={{ display: 'block', maxHeight: area.height, fontSize: 12 }}
        data-testid={testId}
      >
        <title id={titleId}>{summary}</title>
        {children}
      </svg>
      <Text size="xs" c="dimmed" component="figcaption">
        {caption}
      </Text>
    </Stack>
  );
}

/** Dashed grid lines across the area at the value ticks, each labelled at the left. */
export function ValueGrid({
  area,
  ticks,
  y,
  label,
}: {
  area: ChartArea;
  ticks: readonly number[];
  y: (v: number) => number;
  label: (v: number) => string;
}) {
  return ticks.map((v) => (
    <g key={v}>
      <HLine area={area} at={y(v)} stroke={CHART_INK.grid} dash="3 3" />
      <text x={area.left - 6} y={y(v) + 4} textAnchor="end" fill={CHART_INK.label}>
        {label(v)}
      </text>
    </g>
  ));
}

type Anchor = 'start' | 'middle' | 'end';

/** Labels under the bottom axis at the given ticks. */
export function TickLabels({
  area,
  ticks,
  x,
  label,
  anchor = () => 'middle',
}: {
  area: ChartArea;
  ticks: readonly number[];
  x: (v: number) => number;
  label: (v: number) => string;
  anchor?: (index: number, count: number) => Anchor;
}) {
  return ticks.map((v, i) => (
    <text key={v} x={x(v)} y={area.bottom + 16} textAnchor={anchor(i, ticks.length)} fill={CHART_INK.label}>
      {label(v)}
    </text>
  ));
}

/** The left and bottom axes. */
export function Axes({ area }: { area: ChartArea }) {
  return (
    <>
      <line x1={area.left} x2={area.left} y1={area.top} y2={area.bottom} stroke={CHART_INK.axis} />
      <line x1={area.left} x2={area.right} y1={area.bottom} y2={area.bottom} stroke={CHART_INK.axis} />
    </>
  );
}

/** A horizontal line across the area (a grid line, a baseline, a threshold). */
export function HLine({
  area,
  at,
  stroke,
  dash,
  strokeWidth,
}: {
  area: ChartArea;
  at: number;
  stroke: string;
  dash: string;
  strokeWidth?: number;
}) {
  return (
    <line
      x1={area.left}
      x2={area.right}
      y1={at}
      y2={at}
      stroke={stroke}
      strokeWidth={strokeWidth}
      strokeDasharray={dash}
    />
  );
}

/** A vertical line down the area (a session, a booster). */
export function VLine({
  area,
  at,
  stroke,
  dash,
}: {
  area: ChartArea;
  at: number;
  stroke: string;
  dash: string;
}) {
  return <line x1={at} x2={at} y1={area.top} y2={area.bottom} stroke={stroke} strokeDasharray={dash} />;
}

/** The data line (`d` from linePath). */
export function DataLine({ d }: { d: string }) {
  return <path d={d} fill="none" stroke={CHART_INK.line} strokeWidth={2.5} strokeLinejoin="round" />;
}

/** A hollow marker on each data point. */
export function DataDots({
  points,
  r,
}: {
  points: readonly { key: string; cx: number; cy: number }[];
  r: number;
}) {
  return points.map((p) => (
    <circle key={p.key} cx={p.cx} cy={p.cy} r={r} fill="#fff" stroke={CHART_INK.line} strokeWidth={2} />
  ));
}
