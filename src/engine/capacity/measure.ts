/** Asks every capacity process for its memory and CPU at once; reads the broker from /proc. */
import { readProcUsage } from '../env/proc-usage.js';
import type { Child } from '../pool.js';
import type { CapacityReport, Mem } from './messages.js';
import { ask } from './procs.js';

/** How long one child may take to answer a measure (a forced GC over 50k connections included), ms. */
const MEASURE_TIMEOUT_MS = 30_000;

export interface SideTotals {
  rssBytes: number;
  heapUsedBytes: number;
  cpuUs: number;
  gcForced: boolean;
  received: number;
  drops: Record<string, number>;
  links: number;
}

export interface Measurement {
  servers: SideTotals;
  clients: SideTotals;
  /** The broker process (MQTT), read from /proc: RSS and CPU only. */
  broker: { rssBytes: number; cpuUs: number } | undefined;
  atMs: number;
}

export function sumMems(mems: readonly Mem[]): Pick<SideTotals, 'rssBytes' | 'heapUsedBytes' | 'cpuUs' | 'gcForced'> {
  return {
    rssBytes: mems.reduce((s, m) => s + m.rssBytes, 0),
    heapUsedBytes: mems.reduce((s, m) => s + m.heapUsedBytes, 0),
    cpuUs: mems.reduce((s, m) => s + m.cpuUs, 0),
    gcForced: mems.length > 0 && mems.every((m) => m.gcForced),
  };
}

/** A child's report with its RSS as /proc/<pid>/status says (Linux), else as the child said. */
async function measureChild(c: Child, signal: AbortSignal): Promise<Extract<CapacityReport, { kind: 'mem' }>> {
  const r = await ask(c, { kind: 'measure' }, 'mem', MEASURE_TIMEOUT_MS, signal);
  const proc = c.pid ? await readProcUsage(c.pid) : undefined;
  return proc ? { ...r, mem: { ...r.mem, rssBytes: proc.rssBytes } } : r;
}

async function side(children: readonly Child[], signal: AbortSignal): Promise<SideTotals> {
  const reports = await Promise.all(children.filter((c) => c.alive).map((c) => measureChild(c, signal)));
  const drops: Record<string, number> = {};
  for (const r of reports) for (const [k, v] of Object.entries(r.drops)) drops[k] = (drops[k] ?? 0) + v;
  return {
    ...sumMems(reports.map((r) => r.mem)),
    received: reports.reduce((s, r) => s + r.received, 0),
    links: reports.reduce((s, r) => s + r.links, 0),
    drops,
  };
}

export async function measureAll(servers: readonly Child[], clients: readonly Child[], brokerPid: number | undefined, signal: AbortSignal): Promise<Measurement> {
  const [s, c, b] = await Promise.all([side(servers, signal), side(clients, signal), brokerPid ? readProcUsage(brokerPid) : Promise.resolve(undefined)]);
  return { servers: s, clients: c, broker: b, atMs: performance.now() };
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
