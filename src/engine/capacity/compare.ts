/**
 * Two capacity runs, per protocol and connection target: connections held open, memory
 * per connection on the server and client side, and connect time. Pure: `compareCapacity`
 * gives the data (what --json prints), `capacityComparisonText` the Markdown, kept within
 * ~110 columns for a terminal.
 */
import { hostDifference } from '../report/compare.js';
import { formatCount, formatUs } from '../report/format.js';
import { planDifferences, planFields } from '../report/plan-list.js';
import { markdownTable } from '../report/table.js';
import { hostLine } from '../report/text.js';
import type { ProtocolName } from '../protocols/names.js';
import { PROTOCOL_NAMES } from '../protocols/names.js';
import { CAPACITY_PLAN_KEYS, capacityFieldMeta } from './plan.js';
import type { CapacityResult, CapacityRun } from './result.js';
import { perConnection } from './result.js';

/** One side of a compared run; null where nothing connected (or nothing was measured). */
export interface CapacityFigures {
  status: CapacityRun['status'];
  attempted: number;
  open: number;
  failed: number;
  /** (RSS after settling − baseline) / open connections, KiB. */
  serverKibPerConn: number | null;
  clientKibPerConn: number | null;
  connectP99Us: number | null;
}

export interface CapacityRunComparison {
  /** `ws 10.0k`: protocol and target. */
  id: string;
  protocol: ProtocolName;
  target: number;
  a: CapacityFigures | null;
  b: CapacityFigures | null;
  /** (B − A) / |A| in percent. */
  serverDeltaPct: number | null;
  clientDeltaPct: number | null;
}

export interface CapacityComparison {
  kind: 'capacity';
  /** Every protocol × target of either run, protocols in their usual order, then by target. */
  runs: CapacityRunComparison[];
  onlyInA: string[];
  onlyInB: string[];
  hostsDiffer: string | null;
  /** Plan fields other than protocols and connections that differ, `--hold 1000 ms → 10000 ms`. */
  planDiffers: string[];
}

const CELL_FIELDS = ['protocols', 'connections'];

export function capacityFigures(r: CapacityRun): CapacityFigures {
  const p = perConnection(r);
  return {
    status: r.status, attempted: r.attempted, open: r.open, failed: r.failed,
    serverKibPerConn: p.serverKb, clientKibPerConn: p.clientKb,
    connectP99Us: r.connectUs.count > 0 ? r.connectUs.p99Us : null,
  };
}

function deltaPct(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a == null || b == null) return null;
  if (a === 0) return b === 0 ? 0 : null;
  return ((b - a) / Math.abs(a)) * 100;
}

const runId = (r: Pick<CapacityRun, 'protocol' | 'target'>): string => `${r.protocol} ${formatCount(r.target)}`;
const keyOf = (r: Pick<CapacityRun, 'protocol' | 'target'>): string => `${r.protocol}|${r.target}`;

export function compareCapacity(a: CapacityResult, b: CapacityResult): CapacityComparison {
  const inA = new Map(a.runs.map((r) => [keyOf(r), r]));
  const inB = new Map(b.runs.map((r) => [keyOf(r), r]));
  const all = [...new Map([...b.runs, ...a.runs].map((r) => [keyOf(r), r])).values()].sort(
    (x, y) => PROTOCOL_NAMES.indexOf(x.protocol) - PROTOCOL_NAMES.indexOf(y.protocol) || x.target - y.target,
  );
  const runs = all.map((r): CapacityRunComparison => {
    const ra = inA.get(keyOf(r));
    const rb = inB.get(keyOf(r));
    const fa = ra ? capacityFigures(ra) : null;
    const fb = rb ? capacityFigures(rb) : null;
    return {
      id: runId(r), protocol: r.protocol, target: r.target, a: fa, b: fb,
      serverDeltaPct: deltaPct(fa?.serverKibPerConn, fb?.serverKibPerConn),
      clientDeltaPct: deltaPct(fa?.clientKibPerConn, fb?.clientKibPerConn),
    };
  });
  return {
    kind: 'capacity',
    runs,
    onlyInA: runs.filter((r) => !r.b).map((r) => r.id),
    onlyInB: runs.filter((r) => !r.a).map((r) => r.id),
    hostsDiffer: hostDifference(a, b) ?? null,
    planDiffers: planDifferences(a.plan, b.plan, planFields(CAPACITY_PLAN_KEYS, capacityFieldMeta), CELL_FIELDS),
  };
}

const kib = (v: number | null | undefined): string => (v == null || !Number.isFinite(v) ? '–' : v.toFixed(1));
const us = (v: number | null | undefined): string => (v == null ? '–' : formatUs(v));
const open = (f: CapacityFigures | null): string => (f ? `${formatCount(f.open)}${f.status === 'ok' ? '' : '!'}` : '–');
const signed = (d: number | null): string => (d === null ? '' : ` ${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}%`);

function runLabel(r: CapacityRunComparison): string {
  return `${r.id}${!r.a ? ' (only in B)' : !r.b ? ' (only in A)' : ''}`;
}

/** The comparison as Markdown: one row per protocol × target, B against A. */
export function capacityComparisonText(a: CapacityResult, b: CapacityResult, names: [string, string]): string {
  const c = compareCapacity(a, b);
  const parts = [`## pushtui compare (capacity): A = ${names[0]}, B = ${names[1]}`];
  if (c.hostsDiffer) parts.push(`**Different hosts** — compare with care: ${c.hostsDiffer}\n\nA: ${hostLine(a)}\nB: ${hostLine(b)}`);
  else parts.push(`host: ${hostLine(a)}`);
  if (c.planDiffers.length) parts.push(`**Plans differ**: ${c.planDiffers.join('; ')}`);
  parts.push('Cells: A → B. KiB per connection = (RSS after settling − baseline) / open connections;\n' +
    'Δ in percent of A; `!` after open: the run failed or was aborted.');
  const rows = c.runs.map((r) => [
    runLabel(r), `${open(r.a)} → ${open(r.b)}`,
    `${kib(r.a?.serverKibPerConn)} → ${kib(r.b?.serverKibPerConn)}${signed(r.serverDeltaPct)}`,
    `${kib(r.a?.clientKibPerConn)} → ${kib(r.b?.clientKibPerConn)}${signed(r.clientDeltaPct)}`,
    `${us(r.a?.connectP99Us)} → ${us(r.b?.connectP99Us)}`,
  ]);
  parts.push(`### Memory per connection\n\n${markdownTable(['run', 'open', 'server KiB/conn', 'client KiB/conn', 'connect p99'], rows, ['left', 'right', 'right', 'right', 'right'])}`);
  if (c.onlyInA.length) parts.push(`Only in A (not compared): ${c.onlyInA.join(', ')}`);
  if (c.onlyInB.length) parts.push(`Only in B (not compared): ${c.onlyInB.join(', ')}`);
  return `${parts.join('\n\n')}\n`;
}
