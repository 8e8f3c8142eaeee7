/**
 * CPU and RSS of a process that is not one of our Node children (mosquitto), read by
 * the controller from /proc/<pid>/stat and /proc/<pid>/status on Linux. Elsewhere it
 * reports nothing (the broker then has no resources entry).
 */
import { readFile } from 'node:fs/promises';
import type { Resources } from '../messages.js';

/** Clock ticks per second for /proc CPU times: 100 on every Linux we run on (`getconf CLK_TCK`). */
const CLK_TCK = 100;

/** Reads utime + stime (microseconds) and RSS (bytes) of `pid`, or undefined when unavailable. */
export async function readProcUsage(pid: number): Promise<{ cpuUs: number; rssBytes: number } | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
    // Fields after the command name (which may hold spaces) start at state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuUs: (ticks * 1e6) / CLK_TCK, rssBytes: rssKb * 1024 };
  } catch {
    return undefined;
  }
}

/** Samples a process every `intervalMs` and hands each sample to the current listeners, in the Resources shape children report. */
export class ProcSampler {
  private readonly listeners = new Set<(r: Resources) => void>();
  private readonly timer: NodeJS.Timeout;
  private last: { cpuUs: number; atMs: number } | undefined;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => void this.sample(), intervalMs);
    this.timer.unref();
  }

  listen(listener: (r: Resources) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async sample(): Promise<void> {
    const u = await readProcUsage(this.pid);
    if (!u) return;
    const atMs = performance.now();
    const prev = this.last;
    this.last = { cpuUs: u.cpuUs, atMs };
    if (!prev) return;
    const r: Resources = { cpuUs: u.cpuUs - prev.cpuUs, intervalMs: atMs - prev.atMs, rssBytes: u.rssBytes, heapUsedBytes: 0, elDelayP99Us: 0, elDelayMaxUs: 0 };
    for (const l of this.listeners) l(r);
  }

  stop(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }
}
