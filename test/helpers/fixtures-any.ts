/** Small ChurnResult / CapacityResult objects with known numbers, for snapshot and compare tests. */
import type { CapacityResult, CapacityRun } from '../../src/engine/capacity/result.js';
import { parseChurnPlan } from '../../src/engine/churn/plan.js';
import type { ChurnCellResult, ChurnResult } from '../../src/engine/churn/result.js';
import { ZERO_COUNTS } from '../../src/engine/churn/result.js';
import { hostInfo } from '../../src/engine/env/sysinfo.js';
import { createHistogram, encodeHistogram, EMPTY_SUMMARY } from '../../src/engine/stats.js';

/** An encoded histogram of `n` values all equal to `valueUs` (so p50 = p99 ≈ valueUs). */
export function histOf(valueUs: number, n = 10): string {
  const h = createHistogram();
  for (let i = 0; i < n; i++) h.recordValue(valueUs);
  return encodeHistogram(h);
}

export interface CellNumbers {
  sent?: number;
  lost?: number;
  duplicates?: number;
  catchUpUs?: number;
  rttSteadyUs?: number;
  status?: ChurnCellResult['status'];
}

/** One churn cell, `mode/{clients}c/{share}%`, with the given counts and single-valued histograms. */
export function churnCell(mode: ChurnCellResult['mode'], clients: number, dropShare: number, n: CellNumbers = {}): ChurnCellResult {
  const sent = n.sent ?? 1000;
  const lost = n.lost ?? 0;
  const hist: Record<string, string> = {};
  if (n.catchUpUs !== undefined) hist.catchUpUs = histOf(n.catchUpUs);
  if (n.rttSteadyUs !== undefined) hist.rttSteadyUs = histOf(n.rttSteadyUs);
  return {
    id: `${mode}/${clients}c/${Math.round(dropShare * 100)}%`, mode, clients, dropShare, status: n.status ?? 'ok', guarantee: 'test',
    counts: { ...ZERO_COUNTS, sent, delivered: sent - lost, lost, lostWhileAway: lost, duplicates: n.duplicates ?? 0 },
    drops: { abrupt: 1, graceful: 1, reconnectFailures: 0, caughtUp: 2, notCaughtUp: 0 },
    connectFailures: 0, acked: sent - lost, duplicateAcks: 0, behind: 0, errors: {}, hist,
  };
}

export function churnResult(cells: ChurnCellResult[], plan: Record<string, unknown> = {}): ChurnResult {
  return {
    kind: 'churn', schemaVersion: 1, startedAt: '2026-12-04T10:00:00.000Z', finishedAt: '2026-12-04T10:01:00.000Z',
    plan: { ...parseChurnPlan({}), ...plan }, host: { ...hostInfo() }, notices: ['a notice'], aborted: false, cells,
  };
}

export interface RunNumbers {
  serverKib?: number;
  clientKib?: number;
  connectP99Us?: number;
  open?: number;
  status?: CapacityRun['status'];
}

/** One capacity run of `target` connections with the given KiB per connection on each side. */
export function capacityRun(protocol: CapacityRun['protocol'], target: number, n: RunNumbers = {}): CapacityRun {
  const open = n.open ?? target;
  const side = (label: string, kib: number) => ({
    label, processes: 1, rssBaselineBytes: 50e6, rssAfterBytes: 50e6 + kib * 1024 * open, heapDeltaBytes: null, holdCpuPct: 1, establishedTcp: open,
  });
  return {
    protocol, target, attempted: target, status: n.status ?? 'ok', connected: open, failed: target - open, open, errors: {}, drops: {},
    connectAllMs: 1000, connectUs: { ...EMPTY_SUMMARY, count: open, p50Us: 1000, p99Us: n.connectP99Us ?? 5000 }, connectHist: histOf(1000),
    settleMs: 1000, settled: true, server: side('1 server', n.serverKib ?? 10), client: side('1 worker', n.clientKib ?? 20),
    kernel: { tcpMemDeltaBytes: 4096, tcpInuseDelta: 2 * open }, keepalive: { sent: 1, received: 1 }, destinations: ['ws://127.0.0.1:1/'],
    gcForced: true, notes: [],
  };
}

export function capacityResult(runs: CapacityRun[], plan: Record<string, unknown> = {}): CapacityResult {
  return {
    schemaVersion: 1, kind: 'capacity', startedAt: '2026-12-04T10:00:00.000Z', finishedAt: '2026-12-04T10:01:00.000Z', host: hostInfo(),
    fdLimits: { soft: 20_000, hard: 'unlimited' }, ephemeralPorts: { low: 32768, high: 60999 }, pageSizeBytes: 4096,
    plan: { protocols: ['ws'], connections: [100], connectRatePerSec: 1000, holdMs: 1000, keepaliveSamplePct: 10, keepaliveBytes: 16, fleet: 50_000, ...plan },
    aborted: false, notices: ['a notice'], runs,
  };
}
