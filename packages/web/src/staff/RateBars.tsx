import { Stack, Text } from '@mantine/core';
import type { ProportionInterval } from '../api/records-types';
import { clinicLocale } from '../lib/format';
import { t } from '../lib/i18n';

// Plain SVG bars with their 95% interval as a whisker (house style: ResponseCurveChart). Labels
// and the axis are HTML, so they keep a readable size at phone width while each bar's SVG
// stretches; the table beside each chart holds the same numbers for screen readers and copying.
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** An interval this wide (in share points) is flagged: too few cases to read much into the figure. */
export const WIDE_INTERVAL = 0.3;

export const isWide = (r: ProportionInterval) => r.estimate !== null && r.upper - r.lower >= WIDE_INTERVAL;

export function pct(x: number | null): string {
  if (x === null) return '—';
  return new Intl.NumberFormat(clinicLocale().locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    x,
  );
}

export function intervalText(r: ProportionInterval): string {
  if (r.estimate === null) return t('analytics.noData');
  return t('analytics.rateWithCi', { p: pct(r.estimate), lo: pct(r.lower), hi: pct(r.upper) });
}

export interface BarRow {
  key: string;
  label: string;
  rate: ProportionInterval;
}

/** Horizontal bars (0–100%), one per row, each with its label above and its Wilson 95% whisker. */
export function RateBars({ rows, what }: { rows: BarRow[]; what: string }) {
  const summary = t('analytics.chartSummary', {
    what,
    rows: rows.map((r) => `${r.label}: ${intervalText(r.rate)}`).join('; '),
  });
  // Percent of the bar's width, for SVG coordinates (the viewBox is 0–100 wide).
  const x = (v: number) => v * 100;
  return (
    <Stack gap={2} component="figure" m={0} maw={640}>
      <div role="img" aria-label={summary}>
        {rows.map((r) => {
          const est = r.rate.estimate;
          const wide = isWide(r.rate);
          return (
            <div key={r.key} style={{ marginBottom: 6 }}>
              <Text size="sm" lineClamp={1}>
                {r.label} · {est === null ? t('analytics.noData') : pct(est)}
                {r.rate.exposures > 0 && ` (n = ${r.rate.exposures})`}
              </Text>
              <svg
                viewBox="0 0 100 16"
                preserveAspectRatio="none"
                width="100%"
                height={16}
                aria-hidden="true"
                style={{ display: 'block' }}
              >
                {TICKS.map((v) => (
                  <line
                    key={v}
                    x1={x(v)}
                    x2={x(v)}
                    y1={0}
                    y2={16}
                    stroke={v === 0 ? '#868e96' : '#dee2e6'}
                    strokeDasharray={v === 0 ? undefined : '3 3'}
                    vectorEffect="non-scaling-stroke"
                  />
                ))}
                {est !== null && (
                  <rect
                    x={0}
                    y={3}
                    width={Math.max(0.5, x(est))}
                    height={10}
                    // A wide interval: a pale bar with a dashed outline (3:1 against white).
                    fill={wide ? '#c5f6fa' : '#0b7285'}
                    stroke={wide ? '#0b7285' : 'none'}
                    strokeDasharray={wide ? '4 2' : undefined}
                    vectorEffect="non-scaling-stroke"
                  />
                )}
                {/* the 95% interval */}
                <line
                  x1={x(r.rate.lower)}
                  x2={x(r.rate.upper)}
                  y1={8}
                  y2={8}
                  stroke="#212529"
                  strokeWidth={1.5}
                  vectorEffect="non-scaling-stroke"
                />
                {[r.rate.lower, r.rate.upper].map((v, i) => (
                  <line
                    // biome-ignore lint/suspicious/noArrayIndexKey: the two ends of one whisker
                    key={i}
                    x1={x(v)}
                    x2={x(v)}
                    y1={3}
                    y2={13}
                    stroke="#212529"
                    strokeWidth={1.5}
                    vectorEffect="non-scaling-stroke"
                  />
                ))}
              </svg>
            </div>
          );
        })}
        <div aria-hidden="true" style={{ position: 'relative', height: 18 }}>
          {TICKS.map((v) => (
            <Text
              key={v}
              size="xs"
              c="dimmed"
              style={{
                position: 'absolute',
                left: `${v * 100}%`,
                transform: v === 0 ? undefined : v === 1 ? 'translateX(-100%)' : 'translateX(-50%)',
              }}
            >
              {pct(v)}
            </Text>
          ))}
        </div>
      </div>
      <Text size="xs" c="dimmed" component="figcaption">
        {t('analytics.chartCaption')}
      </Text>
    </Stack>
  );
}
