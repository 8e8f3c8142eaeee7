/**
 * runBenchmark(plan, {signal}) -> a typed stream of events (start, scenario-start,
 * process, tick, sample-done, scenario-done, done, error). The controller plans, spawns
 * and aggregates; it sends no benchmark traffic itself. Abort (or breaking out of the
 * loop) stops every child before the stream ends.
 */
import type { FdLimits } from './env/ulimit.js';
import type { HostInfo } from './env/sysinfo.js';
import { hostInfo } from './env/sysinfo.js';
import type { Plan } from './plan.js';
import { preflight } from './preflight.js';
import { eventStream } from './queue.js';
import type { SampleResult, ScenarioResult } from './results.js';
import { runScenario } from './scenario-runner.js';
import { notRunResult, scenarioSignal, startServices, withServices } from './services.js';
import { redactPlan } from './env/broker.js';
import type { Scenario } from './scenario.js';
import type { Role } from './messages.js';

export interface ProcessStat {
  role: Role;
  pid: number;
  cpuPct: number;
  rssBytes: number;
  elDelayP99Us: number;
  /** Open descriptors (Linux), -1 where unknown. */
  fds: number;
}

export interface TickEvent {
  type: 'tick';
  index: number;
  sample: number;
  elapsedMs: number;
  rttP50Us: number;
  rttP99Us: number;
  oneWayP50Us: number;
  msgsPerSec: number;
  errors: number;
  /** The busiest child's open descriptors against the soft limit it runs under. */
  fds: { used: number; limit: number };
  processes: ProcessStat[];
}

export interface RunResult {
  schemaVersion: 1;
  startedAt: string;
  finishedAt: string;
  plan: Plan;
  host: HostInfo;
  fdLimits: { soft: number; hard: number | 'unlimited' };
  aborted: boolean;
  notices: string[];
  scenarios: ScenarioResult[];
  /** The controller's own cost over the run (it renders the TUI too): proof it stays out of the way. */
  controller?: { cpuPct: number; rssBytes: number };
}

export type RunEvent =
  | { type: 'start'; plan: Plan; scenarios: Scenario[]; host: HostInfo; fdLimits: FdLimits; notices: string[] }
  | { type: 'scenario-start'; index: number; total: number; scenario: Scenario }
  | { type: 'process'; role: Role; pid: number; state: 'started' | 'exited'; scenarioId: string }
  | TickEvent
  | { type: 'sample-done'; index: number; result: SampleResult }
  | { type: 'scenario-done'; index: number; result: ScenarioResult }
  | { type: 'done'; result: RunResult }
  | { type: 'error'; error: { name: string; message: string } };

export interface RunOptions {
  signal?: AbortSignal;
  /**
   * Awaited before every scenario but the first: a UI pauses the run between scenarios
   * by returning a promise it resolves later. An abort ends the wait.
   */
  pauseGate?: () => Promise<void>;
  /** A signal per scenario (by index): aborting it skips that scenario (status 'aborted'), the run goes on. */
  scenarioSignal?: (index: number) => AbortSignal | undefined;
}

export function runBenchmark(plan: Plan, opts: RunOptions = {}): AsyncGenerator<RunEvent, void, undefined> {
  return eventStream<RunEvent>((signal, emit) => orchestrate(plan, signal, opts, emit), (error) => ({ type: 'error', error }), opts.signal);
}

/** Resolves when `gate` does or when `signal` aborts, whichever is first. */
async function passGate(gate: (() => Promise<void>) | undefined, signal: AbortSignal): Promise<void> {
  if (!gate || signal.aborted) return;
  let onAbort = (): void => {};
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([gate(), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function orchestrate(plan: Plan, signal: AbortSignal, opts: RunOptions, emit: (e: RunEvent) => void): Promise<void> {
  const startedAt = new Date().toISOString();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const pre = await preflight(plan);
  const { scenarios, limits } = pre;
  const shownPlan = redactPlan(plan);
  const services = await startServices(plan, pre);
  try {
    const notices = [...pre.notices, ...services.flatMap((s) => s.notices)];
    const host = hostInfo();
    for (const s of services) Object.assign(host.libraries, s.versions);
    emit({ type: 'start', plan: shownPlan, scenarios, host, fdLimits: limits, notices });
    for (const s of services) if (s.pid) emit({ type: 'process', role: s.role, pid: s.pid, state: 'started', scenarioId: '' });
    const results: ScenarioResult[] = [];
    for (const [index, scenario] of scenarios.entries()) {
      if (index > 0) await passGate(opts.pauseGate, signal);
      if (signal.aborted) break;
      const mine = services.filter((s) => s.serves(scenario));
      const { run, shown } = withServices(scenario, mine);
      emit({ type: 'scenario-start', index, total: scenarios.length, scenario: shown });
      const dead = mine.map((s) => s.deadReason()).find(Boolean);
      const skip = opts.scenarioSignal?.(index);
      const base = scenarioSignal(signal, mine);
      const result = dead
        ? notRunResult(shown, dead)
        : await runScenario(run, { index, limits, signal: skip ? AbortSignal.any([base, skip]) : base, emit, services: mine });
      const diedDuring = !dead && mine.map((s) => s.deadReason()).find(Boolean);
      if (diedDuring && result.status !== 'aborted') Object.assign(result, { status: 'failed', error: diedDuring });
      result.scenario = shown;
      results.push(result);
      emit({ type: 'scenario-done', index, result });
    }
    emit({
      type: 'done',
      result: {
        schemaVersion: 1,
        startedAt,
        finishedAt: new Date().toISOString(),
        plan: shownPlan,
        host,
        fdLimits: { soft: limits.soft, hard: limits.hard === Infinity ? 'unlimited' : limits.hard },
        aborted: signal.aborted,
        notices,
        scenarios: results,
        controller: controllerCost(cpuStart, wallStart),
      },
    });
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    for (const s of services) if (s.pid) emit({ type: 'process', role: s.role, pid: s.pid, state: 'exited', scenarioId: '' });
  }
}

function controllerCost(cpuStart: NodeJS.CpuUsage, wallStart: number): { cpuPct: number; rssBytes: number } {
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  return { cpuPct: wallMs > 0 ? ((cpu.user + cpu.system) / 1000 / wallMs) * 100 : 0, rssBytes: process.memoryUsage().rss };
}
