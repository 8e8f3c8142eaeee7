/**
 * runChurn(plan, {signal}) -> a typed event stream, like runBenchmark: start, cell-start,
 * progress, cell-done, done, error. Services (broker, Redis) are started once and stopped
 * on every exit path; each cell spawns a pusher and workers and stops them before the next.
 */
import { hostInfo } from '../env/sysinfo.js';
import { redactUrl } from '../env/broker.js';
import { eventStream } from '../queue.js';
import { PlanError } from '../plan.js';
import type { ChurnMode } from './modes.js';
import { MODE_INFO, modesOf } from './modes.js';
import type { ChurnPlan } from './plan.js';
import type { ChurnCellResult, ChurnResult } from './result.js';
import { ZERO_COUNTS } from './result.js';
import type { DropSchedule } from './schedule.js';
import { startChurnServices } from './services.js';
import type { CellSpec } from './cell-runner.js';
import { runCell } from './cell-runner.js';

export type ChurnEvent =
  | { type: 'start'; cells: CellSpec[]; notices: string[]; pids: number[] }
  | { type: 'cell-start'; index: number; total: number; id: string }
  | { type: 'process'; pid: number; state: 'started' | 'exited' }
  | { type: 'progress'; index: number; sent: number; acked: number }
  | { type: 'cell-done'; index: number; result: ChurnCellResult }
  | { type: 'done'; result: ChurnResult }
  | { type: 'error'; error: { name: string; message: string } };

export interface ChurnOptions {
  signal?: AbortSignal;
  /** Tests: drops at known moments instead of the seeded draw. */
  schedule?: (spec: CellSpec, ids: readonly string[]) => DropSchedule;
}

export function cellSpecs(plan: ChurnPlan): CellSpec[] {
  const out: CellSpec[] = [];
  for (const mode of modesOf(plan)) for (const clients of plan.clients) for (const dropShare of plan.dropShare) out.push({ id: `${mode}/${clients}c/${Math.round(dropShare * 100)}%`, mode, clients, dropShare });
  return out;
}

export function runChurn(plan: ChurnPlan, opts: ChurnOptions = {}): AsyncGenerator<ChurnEvent, void, undefined> {
  return eventStream<ChurnEvent>((signal, emit) => orchestrate(plan, opts, signal, emit), (error) => ({ type: 'error', error }), opts.signal);
}

function unavailableResult(spec: CellSpec, reason: string): ChurnCellResult {
  return {
    ...spec, status: 'unavailable', error: reason, guarantee: MODE_INFO[spec.mode].guarantee, counts: { ...ZERO_COUNTS },
    drops: { abrupt: 0, graceful: 0, reconnectFailures: 0, caughtUp: 0, notCaughtUp: 0 }, connectFailures: 0, acked: 0, duplicateAcks: 0, behind: 0, errors: {}, hist: {},
  };
}

async function orchestrate(plan: ChurnPlan, opts: ChurnOptions, signal: AbortSignal, emit: (e: ChurnEvent) => void): Promise<void> {
  const startedAt = new Date().toISOString();
  const specs = cellSpecs(plan);
  if (specs.length === 0) throw new PlanError('no mode to run: --modes and --protocols have none in common');
  const modes = [...new Set(specs.map((s) => s.mode))] as ChurnMode[];
  const services = await startChurnServices(plan, modes);
  try {
    const host = hostInfo(['ws', '@grpc/grpc-js', 'mqtt', 'ioredis']);
    Object.assign(host.libraries, services.versions);
    emit({ type: 'start', cells: specs, notices: services.notices, pids: services.pids });
    for (const pid of services.pids) emit({ type: 'process', pid, state: 'started' });
    const cells: ChurnCellResult[] = [];
    for (const [index, spec] of specs.entries()) {
      if (signal.aborted) break;
      emit({ type: 'cell-start', index, total: specs.length, id: spec.id });
      const why = services.unavailable.get(spec.mode);
      const result = why ? unavailableResult(spec, why) : await runCell(spec, plan, { services, signal, emit: (e) => emit({ ...e, index } as ChurnEvent), schedule: opts.schedule });
      cells.push(result);
      emit({ type: 'cell-done', index, result });
    }
    const shownPlan = { ...plan, broker: plan.broker.includes('://') ? redactUrl(plan.broker) : plan.broker, redis: plan.redis.includes('://') ? redactUrl(plan.redis) : plan.redis };
    emit({
      type: 'done',
      result: { kind: 'churn', schemaVersion: 1, startedAt, finishedAt: new Date().toISOString(), plan: shownPlan, host: { ...host }, notices: services.notices, aborted: signal.aborted, cells },
    });
  } finally {
    await services.stop();
    for (const pid of services.pids) emit({ type: 'process', pid, state: 'exited' });
  }
}
