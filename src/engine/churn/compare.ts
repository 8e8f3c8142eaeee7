/**
 * Two churn runs, cell by cell (mode / clients / drop share): what B lost and duplicated
 * against A, how fast its clients caught up after a return, and what the guarantee cost in
 * round trip with nobody dropping. Pure: `compareChurn` gives the data (what --json prints),
 * `churnComparisonText` the Markdown, kept within ~110 columns for a terminal.
 */
import { hostDifference } from '../report/compare.js';
import { formatCount, formatUs } from '../report/format.js';
import { asHostInfo, planDifferences, planFields } from '../report/plan-list.js';
import { markdownTable } from '../report/table.js';
import { hostLine } from '../report/text.js';
import type { ChurnMode } from './modes.js';
import { CHURN_MODES } from './modes.js';
import { CHURN_KEYS, churnFieldMeta } from './plan.js';
import type { ChurnCellResult, ChurnResult } from './result.js';
import { formatLostPct, percentileUs } from './matrix.js';

/** One side of a compared cell. Latencies in µs; null where nothing was recorded. */
export interface ChurnCellFigures {
  status: ChurnCellResult['status'];
  sent: number;
  lost: number;
  /** lost / sent in percent; null when nothing was sent (e.g. the cell was unavailable). */
  lostPct: number | null;
  duplicates: number;
  catchUpP50Us: number | null;
  catchUpP99Us: number | null;
  /** Round trip in the baseline, nobody dropping: the cost of the guarantee. */
  rttSteadyP50Us: number | null;
}

export interface ChurnCellComparison {
  id: string;
  mode: ChurnMode;
  clients: number;
  dropShare: number;
  /** null: the cell is only in the other run. */
  a: ChurnCellFigures | null;
  b: ChurnCellFigures | null;
  /** B − A in percentage points of sent. */
  lostPctDelta: number | null;
  /** B / A. */
  catchUpP50Ratio: number | null;
  catchUpP99Ratio: number | null;
  rttSteadyP50Ratio: number | null;
}

export interface ChurnComparison {
  kind: 'churn';
  /** Every cell of either run, in mode, clients, drop-share order. */
  cells: ChurnCellComparison[];
  onlyInA: string[];
  onlyInB: string[];
  hostsDiffer: string | null;
  /** Plan fields other than the cells' own (modes, clients, drop share) that differ, `--rate 20 → 50`. */
  planDiffers: string[];
}

/** Fields that make the cells; differences there show up as cells only one side has. */
const CELL_FIELDS = ['protocols', 'modes', 'clients', 'dropShare'];

function percentile(c: ChurnCellResult, name: string, pick: 'p50Us' | 'p99Us'): number | null {
  return percentileUs(c, name, pick) ?? null;
}

export function churnCellFigures(c: ChurnCellResult): ChurnCellFigures {
  const { sent, lost, duplicates } = c.counts;
  return {
    status: c.status, sent, lost, duplicates,
    lostPct: sent > 0 && c.status !== 'unavailable' ? (100 * lost) / sent : null,
    catchUpP50Us: percentile(c, 'catchUpUs', 'p50Us'),
    catchUpP99Us: percentile(c, 'catchUpUs', 'p99Us'),
    rttSteadyP50Us: percentile(c, 'rttSteadyUs', 'p50Us'),
  };
}

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null => (a != null && b != null && a > 0 ? b / a : null);

export function compareChurn(a: ChurnResult, b: ChurnResult): ChurnComparison {
  const inA = new Map(a.cells.map((c) => [c.id, c]));
  const inB = new Map(b.cells.map((c) => [c.id, c]));
  const order = (c: ChurnCellResult): [number, number, number] => [CHURN_MODES.indexOf(c.mode), c.clients, c.dropShare];
  const all = [...new Map([...b.cells, ...a.cells].map((c) => [c.id, c])).values()].sort((x, y) => {
    const [p, q] = [order(x), order(y)];
    return p[0] - q[0] || p[1] - q[1] || p[2] - q[2];
  });
  const cells = all.map((c): ChurnCellComparison => {
    const ca = inA.get(c.id);
    const cb = inB.get(c.id);
    const fa = ca ? churnCellFigures(ca) : null;
    const fb = cb ? churnCellFigures(cb) : null;
    return {
      id: c.id, mode: c.mode, clients: c.clients, dropShare: c.dropShare, a: fa, b: fb,
      lostPctDelta: fa?.lostPct != null && fb?.lostPct != null ? fb.lostPct - fa.lostPct : null,
      catchUpP50Ratio: ratio(fa?.catchUpP50Us, fb?.catchUpP50Us),
      catchUpP99Ratio: ratio(fa?.catchUpP99Us, fb?.catchUpP99Us),
      rttSteadyP50Ratio: ratio(fa?.rttSteadyP50Us, fb?.rttSteadyP50Us),
    };
  });
  const ha = asHostInfo(a.host);
  const hb = asHostInfo(b.host);
  return {
    kind: 'churn',
    cells,
    onlyInA: cells.filter((c) => !c.b).map((c) => c.id),
    onlyInB: cells.filter((c) => !c.a).map((c) => c.id),
    hostsDiffer: ha && hb ? (hostDifference({ host: ha }, { host: hb }) ?? null) : ha || hb ? 'one host is unknown' : null,
    planDiffers: planDifferences(a.plan, b.plan, planFields(CHURN_KEYS, churnFieldMeta), CELL_FIELDS),
  };
}

const pct = (v: number | null | undefined): string => (v == null ? '–' : formatLostPct(v));
const us = (v: number | null | undefined): string => (v == null ? '–' : formatUs(v));
const count = (v: number | undefined): string => (v === undefined ? '–' : formatCount(v));
const times = (r: number | null): string => (r === null ? '' : ` ×${r.toFixed(2)}`);

function cellLabel(c: ChurnCellComparison): string {
  const status = (side: string, f: ChurnCellFigures | null): string => (f && f.status !== 'ok' ? ` ${side} ${f.status}` : '');
  const only = !c.a ? ' (only in B)' : !c.b ? ' (only in A)' : '';
  return `${c.id}${only}${status('A', c.a)}${status('B', c.b)}`;
}

/** The comparison as Markdown: delivery (lost, duplicates) and latency (catch-up, round trip), B against A. */
export function churnComparisonText(a: ChurnResult, b: ChurnResult, names: [string, string]): string {
  const c = compareChurn(a, b);
  const hostA = asHostInfo(a.host);
  const hostB = asHostInfo(b.host);
  const parts = [`## pushtui compare (churn): A = ${names[0]}, B = ${names[1]}`];
  if (c.hostsDiffer) parts.push(`**Different hosts** — compare with care: ${c.hostsDiffer}\n\nA: ${hostA ? hostLine({ host: hostA }) : 'unknown'}\nB: ${hostB ? hostLine({ host: hostB }) : 'unknown'}`);
  else if (hostA) parts.push(`host: ${hostLine({ host: hostA })}`);
  if (c.planDiffers.length) parts.push(`**Plans differ**: ${c.planDiffers.join('; ')}`);
  parts.push('Cells: A → B. Δ lost in percentage points of sent; ×r = B / A (below 1: B faster).');
  const delivery = c.cells.map((x) => [
    cellLabel(x), `${pct(x.a?.lostPct)} → ${pct(x.b?.lostPct)}`,
    x.lostPctDelta === null ? '' : `${x.lostPctDelta >= 0 ? '+' : '−'}${Math.abs(x.lostPctDelta).toFixed(1)} pp`,
    `${count(x.a?.sent)} → ${count(x.b?.sent)}`, `${count(x.a?.duplicates)} → ${count(x.b?.duplicates)}`,
  ]);
  parts.push(`### Delivery\n\n${markdownTable(['cell', 'lost', 'Δ lost', 'sent', 'duplicates'], delivery, ['left', 'right', 'right', 'right', 'right'])}`);
  const latency = c.cells.map((x) => [
    cellLabel(x),
    `${us(x.a?.catchUpP50Us)} → ${us(x.b?.catchUpP50Us)}${times(x.catchUpP50Ratio)}`,
    `${us(x.a?.catchUpP99Us)} → ${us(x.b?.catchUpP99Us)}${times(x.catchUpP99Ratio)}`,
    `${us(x.a?.rttSteadyP50Us)} → ${us(x.b?.rttSteadyP50Us)}${times(x.rttSteadyP50Ratio)}`,
  ]);
  parts.push(`### Catch-up after a return, round trip without churn\n\n${markdownTable(['cell', 'catch-up p50', 'catch-up p99', 'rtt p50 (no churn)'], latency, ['left', 'right', 'right', 'right'])}`);
  if (c.onlyInA.length) parts.push(`Only in A (not compared): ${c.onlyInA.join(', ')}`);
  if (c.onlyInB.length) parts.push(`Only in B (not compared): ${c.onlyInB.join(', ')}`);
  return `${parts.join('\n\n')}\n`;
}
