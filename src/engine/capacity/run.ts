/**
 * runCapacity(plan, {signal, progress}) -> CapacityResult: one measurement per protocol
 * and connection count, one after the other (each with fresh servers, broker and
 * workers, so every baseline is taken before its first connection). Abort stops the
 * current measurement's processes and returns what was measured, marked aborted.
 */
import { hostInfo } from '../env/sysinfo.js';
import { ephemeralPorts, readFdLimits } from '../env/ulimit.js';
import type { CapacitySample } from './curve.js';
import type { CapacityPlan } from './plan.js';
import type { CapacityResult, CapacityRun } from './result.js';
import { runOne } from './run-one.js';
import { pageSizeBytes } from './sys.js';

export interface CapacityOptions {
  signal?: AbortSignal;
  /** One line per step, for a progress display. */
  progress?: (line: string) => void;
  /** Called with each finished measurement. */
  onRun?: (run: CapacityRun) => void;
  /** Memory against connections open, every ~250 ms from the baseline through the hold (RSS read from /proc). */
  onSample?: (s: CapacitySample) => void;
}

export type { CapacitySample } from './curve.js';

/** Linux's default when the range cannot be read. */
export const DEFAULT_PORTS = { low: 32768, high: 60999 };

export async function runCapacity(plan: CapacityPlan, opts: CapacityOptions = {}): Promise<CapacityResult> {
  const startedAt = new Date().toISOString();
  const signal = opts.signal ?? new AbortController().signal;
  const limits = await readFdLimits();
  const ports = (await ephemeralPorts()) ?? DEFAULT_PORTS;
  const page = await pageSizeBytes();
  const notices = [
    'memory per connection = (after settling - baseline before the first connection) / connections open; Node heaps after a forced GC (--expose-gc)',
    'kernel TCP memory comes from /proc/net/sockstat: machine-wide, both ends of every loopback connection, and anything else using TCP meanwhile',
  ];
  if (process.platform !== 'linux') notices.push('not Linux: kernel memory, broker memory and socket counts are unavailable');
  const runs: CapacityRun[] = [];
  const ctx = { plan, limits, ports, pageSizeBytes: page, signal, progress: opts.progress ?? (() => undefined), onSample: opts.onSample };
  outer: for (const protocol of plan.protocols) {
    for (const n of plan.connections) {
      if (signal.aborted) break outer;
      const run = await runOne(protocol, n, ctx);
      runs.push(run);
      opts.onRun?.(run);
    }
  }
  return {
    schemaVersion: 1,
    kind: 'capacity',
    startedAt,
    finishedAt: new Date().toISOString(),
    host: hostInfo(['ws', '@grpc/grpc-js', 'mqtt', 'aedes']),
    fdLimits: { soft: limits.soft, hard: limits.hard === Infinity ? 'unlimited' : limits.hard },
    ephemeralPorts: ports,
    pageSizeBytes: page,
    plan: { ...plan },
    aborted: signal.aborted,
    notices,
    runs,
  };
}
