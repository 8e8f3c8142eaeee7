/**
 * The churn matrix, like report/matrix.ts for `run`: rows = delivery mode, columns =
 * clients x drop share (`20c 30%`), one metric at a time, best per column marked among
 * the cells that ran to the end (status ok). Pure data; the TUI renders it.
 */
import { formatCount, formatUs } from '../report/format.js';
import { summarizeEncoded } from '../stats.js';
import type { ChurnCellResult } from './result.js';

export const CHURN_METRICS = ['lostPct', 'lostOther', 'duplicates', 'outOfOrder', 'catchUpP50', 'catchUpP99', 'rttSteadyP50', 'rttChurnP50'] as const;
export type ChurnMetric = (typeof CHURN_METRICS)[number];

export interface ChurnMetricInfo {
  title: string;
  better: 'lower' | 'higher';
  /** undefined: nothing to show (no sends, no histogram samples). */
  value(c: ChurnCellResult): number | undefined;
  format(v: number): string;
}

/** p50 / p99 of one encoded histogram of the cell, µs; undefined when it holds nothing. */
/** A percentile of one of a cell's histograms, µs; undefined when it has no samples. */
export function percentileUs(c: ChurnCellResult, name: string, which: 'p50Us' | 'p99Us'): number | undefined {
  const h = c.hist[name];
  if (!h) return undefined;
  const s = summarizeEncoded(h);
  return s.count > 0 ? s[which] : undefined;
}

export function formatLostPct(pct: number): string {
  return `${pct.toFixed(pct > 0 && pct < 1 ? 2 : 1)}%`;
}

export const CHURN_METRIC_INFO: Record<ChurnMetric, ChurnMetricInfo> = {
  lostPct: {
    title: 'Lost, % of sent (sent and never received)',
    better: 'lower',
    value: (c) => (c.counts.sent > 0 ? (100 * c.counts.lost) / c.counts.sent : undefined),
    format: formatLostPct,
  },
  lostOther: { title: 'Lost with no drop to explain it (the mode itself failed)', better: 'lower', value: (c) => c.counts.lostOther, format: formatCount },
  duplicates: { title: 'Duplicates received by clients', better: 'lower', value: (c) => c.counts.duplicates, format: formatCount },
  outOfOrder: { title: 'Received out of order', better: 'lower', value: (c) => c.counts.outOfOrder, format: formatCount },
  catchUpP50: { title: 'Catch-up p50 (return -> holds every earlier notification)', better: 'lower', value: (c) => percentileUs(c, 'catchUpUs', 'p50Us'), format: formatUs },
  catchUpP99: { title: 'Catch-up p99 (return -> holds every earlier notification)', better: 'lower', value: (c) => percentileUs(c, 'catchUpUs', 'p99Us'), format: formatUs },
  rttSteadyP50: { title: 'Round trip p50 with nobody dropping (the cost of the guarantee)', better: 'lower', value: (c) => percentileUs(c, 'rttSteadyUs', 'p50Us'), format: formatUs },
  rttChurnP50: { title: 'Round trip p50 during churn', better: 'lower', value: (c) => percentileUs(c, 'rttChurnUs', 'p50Us'), format: formatUs },
};

export interface ChurnMatrixCell {
  value: number | undefined;
  text: string;
  best: boolean;
  /** The cell did not run to the end (failed or aborted): flagged beside any metric. */
  failed: boolean;
  /** Why there is no value or why it is flagged (for the detail view); undefined when all is well. */
  reason: string | undefined;
  result: ChurnCellResult;
}

export interface ChurnMatrix {
  metric: ChurnMetric;
  title: string;
  rows: string[];
  columns: string[];
  /** cells[row][column], undefined where the plan has no such cell. */
  cells: (ChurnMatrixCell | undefined)[][];
}

/** `20c 30%`: the column a cell belongs to. */
export function churnColumnKey(c: Pick<ChurnCellResult, 'clients' | 'dropShare'>): string {
  return `${c.clients}c ${Math.round(c.dropShare * 100)}%`;
}

function reasonOf(c: ChurnCellResult, value: number | undefined): string | undefined {
  if (c.status !== 'ok') return `${c.status}${c.error ? `: ${c.error}` : ''}`;
  return value === undefined ? 'nothing recorded for this metric (no sends, or no client came back and caught up)' : undefined;
}

function matrixCell(c: ChurnCellResult, info: ChurnMetricInfo): ChurnMatrixCell {
  const value = c.status === 'unavailable' ? undefined : info.value(c);
  return {
    value, text: value === undefined ? '–' : info.format(value), best: false,
    failed: c.status === 'failed' || c.status === 'aborted', reason: reasonOf(c, value), result: c,
  };
}

export function buildChurnMatrix(cells: readonly ChurnCellResult[], metric: ChurnMetric): ChurnMatrix {
  const info = CHURN_METRIC_INFO[metric];
  const rows = [...new Set(cells.map((c) => c.mode))];
  const columns = [...new Set([...cells].sort((a, b) => a.clients - b.clients || a.dropShare - b.dropShare).map(churnColumnKey))];
  const grid = rows.map((mode) =>
    columns.map((col) => {
      const c = cells.find((x) => x.mode === mode && churnColumnKey(x) === col);
      return c ? matrixCell(c, info) : undefined;
    }),
  );
  columns.forEach((_, col) => {
    const candidates = grid.map((row) => row[col]).filter((x): x is ChurnMatrixCell => x?.value !== undefined && x.result.status === 'ok');
    if (candidates.length < 2) return;
    const values = candidates.map((x) => x.value ?? 0);
    const best = info.better === 'lower' ? Math.min(...values) : Math.max(...values);
    for (const x of candidates) if (x.value === best) x.best = true;
  });
  return { metric, title: info.title, rows, columns, cells: grid };
}
