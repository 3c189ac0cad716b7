// One JSON line per figure, so runs can be compared: see DESIGN.md §7.

export interface Baseline {
  name: string;
  value: number;
}

export function report(
  bench: string,
  metric: string,
  value: number,
  unit: string,
  baseline?: Baseline,
): void {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const line: Record<string, unknown> = { bench, metric, value: round(value), unit };
  if (baseline) {
    line.baseline = { name: baseline.name, value: round(baseline.value) };
    line.ratio = baseline.value === 0 ? null : round(value / baseline.value);
  }
  console.log(JSON.stringify(line));
}

/** The p-th percentile (0–100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
