/**
 * The capacity run's processes: server and client children (spawned through the pool,
 * with --expose-gc so that heap figures are taken after a GC) and the MQTT broker.
 * Every one is owned by a Procs and stopped by `stopAll`, whatever way the run ends.
 */
import { join } from 'node:path';
import { startAedes } from '../env/aedes.js';
import type { RunningBroker } from '../env/broker.js';
import { chooseBroker } from '../env/broker.js';
import { startMosquitto } from '../env/mosquitto.js';
import type { FdLimits } from '../env/ulimit.js';
import { FD_OVERHEAD } from '../env/ulimit.js';
import { packageRoot } from '../paths.js';
import type { Child } from '../pool.js';
import { spawnChild } from '../pool.js';
import type { Role } from '../messages.js';
import type { CapacityCommand, CapacityReport } from './messages.js';
import { parseCapacityReport } from './messages.js';

export function capacityEntry(): string {
  return join(packageRoot(), 'dist', 'engine', 'capacity', 'child-main.js');
}

export class Procs {
  readonly servers: Child[] = [];
  readonly clients: Child[] = [];
  broker: RunningBroker | undefined;

  constructor(private readonly limits: FdLimits) {}

  async spawn(role: Role, sockets: number, fdLimit?: number): Promise<Child> {
    const child = await spawnChild(role, { fds: sockets + FD_OVERHEAD, limits: this.limits, entry: capacityEntry(), nodeArgs: ['--expose-gc'], fdLimit });
    (role === 'pusher' ? this.servers : this.clients).push(child);
    return child;
  }

  async startBroker(choice: 'auto' | 'mosquitto' | 'aedes', connections: number): Promise<{ broker: RunningBroker; notices: string[] }> {
    const { choice: c, notices } = await chooseBroker(choice);
    const fds = connections + 2 * FD_OVERHEAD;
    this.broker =
      c.kind === 'mosquitto'
        ? await startMosquitto({ file: c.file, host: '127.0.0.1', maxConnections: connections + 16, maxQueuedMessages: 1000, noDelay: true, fds, limits: this.limits })
        : await startAedes({ host: '127.0.0.1', nagle: false, fds, limits: this.limits });
    return { broker: this.broker, notices };
  }

  pids(which: 'servers' | 'clients'): number[] {
    return this[which].map((c) => c.pid).filter((p): p is number => p !== undefined);
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.clients, ...this.servers].map((c) => c.stop(3000)));
    await this.broker?.stop();
    this.broker = undefined;
  }
}

/**
 * Sends a command and waits for the child's report of `kind` (rejects on timeout, abort, crash
 * or a report of another kind). Progress reports, which workers send unasked, pass by.
 */
export async function ask<K extends CapacityReport['kind']>(
  child: Child,
  cmd: CapacityCommand,
  kind: K,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Extract<CapacityReport, { kind: K }>> {
  const next = child.next('capacity', timeoutMs, signal, (m) => !isProgress(m.body));
  child.send({ type: 'capacity', body: cmd });
  const report = parseCapacityReport((await next).body);
  if (report.kind !== kind) throw new Error(`${child.role} answered ${report.kind}, expected ${kind}`);
  return report as Extract<CapacityReport, { kind: K }>;
}

/** Whether a capacity report body is an unasked progress report (checked before validation). */
export function isProgress(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'progress';
}
