/**
 * A small text chart of a latency distribution: the percentile ladder (p50 … max) with
 * bars on a log scale from the minimum, so a long tail stays readable.
 *
 *   p50    230µs ███████
 *   p99    862µs ███████████████
 *   max   3.25ms ████████████████████
 */
import type { LatencySummary } from '../stats.js';
import { formatUs } from './format.js';

export interface LadderRow {
  label: string;
  valueUs: number;
}

export function percentileLadder(s: LatencySummary): LadderRow[] {
  if (s.count === 0) return [];
  return [
    { label: 'min', valueUs: s.minUs },
    { label: 'p50', valueUs: s.p50Us },
    { label: 'p90', valueUs: s.p90Us },
    { label: 'p99', valueUs: s.p99Us },
    { label: 'p99.9', valueUs: s.p999Us },
    { label: 'max', valueUs: s.maxUs },
  ];
}

/** Bar length 1..width for `valueUs` on a log scale between the ladder's min and max. */
export function barLength(valueUs: number, minUs: number, maxUs: number, width: number): number {
  const lo = Math.log(Math.max(1, minUs));
  const hi = Math.log(Math.max(1, maxUs));
  if (hi <= lo) return width;
  return Math.max(1, Math.round(((Math.log(Math.max(1, valueUs)) - lo) / (hi - lo)) * (width - 1)) + 1);
}

export function ladderText(s: LatencySummary, width = 30): string {
  const rows = percentileLadder(s);
  if (rows.length === 0) return '(no samples)';
  const min = rows[0]?.valueUs ?? 1;
  const max = rows.at(-1)?.valueUs ?? 1;
  return rows.map((r) => `${r.label.padEnd(6)}${formatUs(r.valueUs).padStart(8)} ${'█'.repeat(barLength(r.valueUs, min, max, width))}`).join('\n');
}
