/**
 * The result matrix, as in the original study's tables: rows protocol x payload (x
 * encoding / variant), columns messages x clients, one table per metric, best value per
 * column marked. Pure data; text, Markdown and the TUI render it.
 */
import type { ScenarioResult } from '../results.js';
import { columnKey, rowKey } from '../scenario.js';
import { formatCount, formatMs, formatUs } from './format.js';

export const METRICS = ['cycleMs', 'rttP50', 'rttP99', 'rttP999', 'oneWayP50', 'msgsPerSec', 'failures'] as const;
export type Metric = (typeof METRICS)[number];

export interface MetricInfo {
  title: string;
  /** Which way is better. */
  better: 'lower' | 'higher';
  value(r: ScenarioResult): number | undefined;
  format(v: number): string;
}

const us = (pick: (r: ScenarioResult) => { count: number; value: number }) => (r: ScenarioResult) => {
  const { count, value } = pick(r);
  return count > 0 ? value : undefined;
};

export const METRIC_INFO: Record<Metric, MetricInfo> = {
  cycleMs: {
    title: 'Mean cycle per client, ms (first send to last ack of N messages; mean over samples)',
    better: 'lower',
    value: (r) => (r.latency.cycleUs.count > 0 ? r.cycleMs.mean : undefined),
    format: formatMs,
  },
  rttP50: { title: 'Round trip p50', better: 'lower', value: us((r) => ({ count: r.latency.rttUs.count, value: r.latency.rttUs.p50Us })), format: formatUs },
  rttP99: { title: 'Round trip p99', better: 'lower', value: us((r) => ({ count: r.latency.rttUs.count, value: r.latency.rttUs.p99Us })), format: formatUs },
  rttP999: { title: 'Round trip p99.9', better: 'lower', value: us((r) => ({ count: r.latency.rttUs.count, value: r.latency.rttUs.p999Us })), format: formatUs },
  oneWayP50: {
    title: 'One-way delivery p50 (push side send -> client decode)',
    better: 'lower',
    value: us((r) => ({ count: r.latency.oneWayUs.count, value: r.latency.oneWayUs.p50Us })),
    format: formatUs,
  },
  msgsPerSec: {
    title: 'Throughput, acked msgs/s (measured messages over the measured window; mean over samples)',
    better: 'higher',
    value: (r) => (r.msgsPerSec.mean > 0 ? r.msgsPerSec.mean : undefined),
    format: formatCount,
  },
  failures: {
    title: 'Failures (failed/timed-out/disconnected clients + lost/duplicate messages + crashes)',
    better: 'lower',
    value: (r) => r.failures,
    format: (v) => String(v),
  },
};

export interface MatrixCell {
  value: number | undefined;
  text: string;
  best: boolean;
  /** The scenario had failures (or did not finish): shown beside any metric. */
  failed: boolean;
  result: ScenarioResult;
}

export interface Matrix {
  metric: Metric;
  title: string;
  rows: string[];
  columns: string[];
  /** cells[row][column], undefined where the plan has no such scenario. */
  cells: (MatrixCell | undefined)[][];
}

export function buildMatrix(results: readonly ScenarioResult[], metric: Metric): Matrix {
  const info = METRIC_INFO[metric];
  const rows = unique(results.map((r) => rowKey(r.scenario)));
  const columns = unique(
    [...results].sort((a, b) => a.scenario.clients - b.scenario.clients || a.scenario.messages - b.scenario.messages).map((r) => columnKey(r.scenario)),
  );
  const cells = rows.map((row) =>
    columns.map((col) => {
      const r = results.find((x) => rowKey(x.scenario) === row && columnKey(x.scenario) === col);
      if (!r) return undefined;
      const value = info.value(r);
      const failed = r.failures > 0 || r.status !== 'ok';
      return { value, text: value === undefined ? '–' : info.format(value), best: false, failed, result: r };
    }),
  );
  columns.forEach((_, c) => {
    const candidates = cells.map((row) => row[c]).filter((x): x is MatrixCell => x?.value !== undefined && !x.failed);
    if (candidates.length < 2) return;
    const best = candidates.reduce((a, b) => ((info.better === 'lower' ? (b.value ?? 0) < (a.value ?? 0) : (b.value ?? 0) > (a.value ?? 0)) ? b : a));
    for (const x of candidates) if (x.value === best.value) x.best = true;
  });
  return { metric, title: info.title, rows, columns, cells };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
