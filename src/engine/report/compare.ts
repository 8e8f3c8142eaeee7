/**
 * Compare two runs cell by cell: the difference in percent, and whether it lies within
 * the samples' spread (then it is "no clear change", not a win or a loss). Plans that
 * only partly overlap compare their common cells and say what is missing on each side.
 */
import type { SampleResult, ScenarioResult } from '../results.js';
import type { RunResult } from '../run.js';
import { columnKey, rowKey } from '../scenario.js';
import { markdownTable } from './table.js';
import { hostLine } from './text.js';
import type { Metric } from './matrix.js';
import { METRIC_INFO } from './matrix.js';

export type Verdict = 'better' | 'worse' | 'no clear change' | 'spread unknown' | 'only in A' | 'only in B';

export interface CompareCell {
  row: string;
  column: string;
  a: number | undefined;
  b: number | undefined;
  /** (b - a) / a in percent. */
  deltaPct: number | undefined;
  verdict: Verdict;
}

export interface Comparison {
  metric: Metric;
  title: string;
  hostsDiffer: string | undefined;
  rows: string[];
  columns: string[];
  cells: (CompareCell | undefined)[][];
  onlyInA: string[];
  onlyInB: string[];
}

/** Per-sample values of a metric, for the spread. */
const PER_SAMPLE: Partial<Record<Metric, (s: SampleResult) => number>> = {
  cycleMs: (s) => s.cycleMeanMs,
  rttP50: (s) => s.rttP50Us,
  rttP99: (s) => s.rttP99Us,
  rttP999: (s) => s.rttP999Us,
  oneWayP50: (s) => s.oneWayP50Us,
  msgsPerSec: (s) => s.msgsPerSec,
};

function spread(r: ScenarioResult, metric: Metric): { n: number; variance: number } | undefined {
  const pick = PER_SAMPLE[metric];
  if (!pick) return undefined;
  const xs = r.samples.filter((s) => s.clientsFinished > 0).map(pick);
  if (xs.length < 2) return undefined;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { n: xs.length, variance: xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) };
}

export function verdictOf(metric: Metric, a: ScenarioResult, b: ScenarioResult, va: number, vb: number): Verdict {
  const better = METRIC_INFO[metric].better === 'lower' ? vb < va : vb > va;
  if (metric === 'failures') return va === vb ? 'no clear change' : better ? 'better' : 'worse';
  const sa = spread(a, metric);
  const sb = spread(b, metric);
  if (!sa || !sb) return 'spread unknown';
  // Two standard errors of the difference of means (about a 95% interval).
  const margin = 2 * Math.sqrt(sa.variance / sa.n + sb.variance / sb.n);
  if (Math.abs(vb - va) <= margin) return 'no clear change';
  return better ? 'better' : 'worse';
}

export function hostDifference(a: Pick<RunResult, 'host'>, b: Pick<RunResult, 'host'>): string | undefined {
  const diffs: string[] = [];
  const ha = a.host;
  const hb = b.host;
  if (ha.cpuModel !== hb.cpuModel || ha.cores !== hb.cores) diffs.push(`CPU ${ha.cpuModel} x${ha.cores} vs ${hb.cpuModel} x${hb.cores}`);
  if (ha.ramBytes !== hb.ramBytes) diffs.push('RAM');
  if (ha.os !== hb.os) diffs.push(`OS ${ha.os} vs ${hb.os}`);
  if (ha.node !== hb.node) diffs.push(`Node ${ha.node} vs ${hb.node}`);
  if (ha.hostname !== hb.hostname) diffs.push(`host ${ha.hostname} vs ${hb.hostname}`);
  return diffs.length ? diffs.join('; ') : undefined;
}

export function compareRuns(a: RunResult, b: RunResult, metric: Metric): Comparison {
  const info = METRIC_INFO[metric];
  const key = (r: ScenarioResult): string => `${rowKey(r.scenario)}|${columnKey(r.scenario)}`;
  const inA = new Map(a.scenarios.map((r) => [key(r), r]));
  const inB = new Map(b.scenarios.map((r) => [key(r), r]));
  const all = [...a.scenarios, ...b.scenarios];
  const rows = [...new Set(all.map((r) => rowKey(r.scenario)))];
  const columns = [...new Set([...all].sort((x, y) => x.scenario.clients - y.scenario.clients || x.scenario.messages - y.scenario.messages).map((r) => columnKey(r.scenario)))];
  const cells = rows.map((row) =>
    columns.map((column): CompareCell | undefined => {
      const ra = inA.get(`${row}|${column}`);
      const rb = inB.get(`${row}|${column}`);
      if (!ra && !rb) return undefined;
      const va = ra ? info.value(ra) : undefined;
      const vb = rb ? info.value(rb) : undefined;
      if (!ra || !rb) return { row, column, a: va, b: vb, deltaPct: undefined, verdict: ra ? 'only in A' : 'only in B' };
      if (va === undefined || vb === undefined) return { row, column, a: va, b: vb, deltaPct: undefined, verdict: 'spread unknown' };
      const deltaPct = va === 0 ? (vb === 0 ? 0 : Infinity) : ((vb - va) / va) * 100;
      return { row, column, a: va, b: vb, deltaPct, verdict: verdictOf(metric, ra, rb, va, vb) };
    }),
  );
  const only = (x: Map<string, ScenarioResult>, y: Map<string, ScenarioResult>): string[] =>
    [...x.entries()].filter(([k]) => !y.has(k)).map(([, r]) => r.scenario.id);
  return { metric, title: info.title, hostsDiffer: hostDifference(a, b), rows, columns, cells, onlyInA: only(inA, inB), onlyInB: only(inB, inA) };
}

const MARK: Record<Verdict, string> = {
  better: 'better', worse: 'WORSE', 'no clear change': '~', 'spread unknown': '?', 'only in A': 'only in A', 'only in B': 'only in B',
};

export function compareCellText(c: CompareCell, metric: Metric): string {
  if (c.deltaPct === undefined) return MARK[c.verdict];
  const fmt = (v: number): string => METRIC_INFO[metric].format(v);
  const pct = Number.isFinite(c.deltaPct) ? `${c.deltaPct >= 0 ? '+' : '−'}${Math.abs(c.deltaPct).toFixed(1)}%` : 'new';
  return `${fmt(c.a ?? 0)} → ${fmt(c.b ?? 0)} ${pct} ${MARK[c.verdict]}`;
}

export function comparisonText(a: RunResult, b: RunResult, metrics: readonly Metric[], names: [string, string]): string {
  const parts = [`## pushtui compare: A = ${names[0]}, B = ${names[1]}`];
  const first = compareRuns(a, b, metrics[0] ?? 'cycleMs');
  if (first.hostsDiffer) parts.push(`**Different hosts** — compare with care: ${first.hostsDiffer}\n\nA: ${hostLine(a)}\nB: ${hostLine(b)}`);
  else parts.push(`host: ${hostLine(a)}`);
  parts.push('Cells: A → B, change in percent; `~` within the samples\' spread (no clear change), `?` spread unknown (fewer than 2 samples), `better`/`WORSE` beyond it.');
  for (const m of metrics) {
    const c = compareRuns(a, b, m);
    const rows = c.rows.map((row, r) => [row, ...c.columns.map((_, k) => {
      const cell = c.cells[r]?.[k];
      return cell ? compareCellText(cell, m) : '';
    })]);
    parts.push(`### ${c.title}\n\n${markdownTable(['row', ...c.columns], rows)}`);
  }
  if (first.onlyInA.length) parts.push(`Only in A (not compared): ${first.onlyInA.join(', ')}`);
  if (first.onlyInB.length) parts.push(`Only in B (not compared): ${first.onlyInB.join(', ')}`);
  return `${parts.join('\n\n')}\n`;
}
