/** Fake engine data for UI tests: scenarios, results and event streams, no processes. */
import { parsePlan } from '../../src/engine/plan.js';
import type { PlanInput } from '../../src/engine/plan.js';
import { protocolFor } from '../../src/engine/protocols/index.js';
import type { ScenarioResult } from '../../src/engine/results.js';
import { ScenarioAccumulator } from '../../src/engine/results.js';
import type { RunEvent, RunOptions, RunResult, TickEvent } from '../../src/engine/run.js';
import type { Scenario } from '../../src/engine/scenario.js';
import { expandScenarios } from '../../src/engine/scenario.js';
import { createHistogram, encodeHistogram } from '../../src/engine/stats.js';
import type { Plan } from '../../src/engine/plan.js';
import type { AppDeps } from '../../src/ui/app-root.js';

export const ARROW_UP = '\u001B[A';
export const ARROW_DOWN = '\u001B[B';
export const ARROW_RIGHT = '\u001B[C';
export const ARROW_LEFT = '\u001B[D';
export const ENTER = '\r';
export const SPACE = ' ';
export const ESC = '\u001B';
export const BACKSPACE = '\u007F';
export const TAB = '\t';

/** Polls `check` until it holds (or fails after `ms`): no sleeps in tests. */
export async function waitFor(check: () => boolean, what = 'condition', ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function scenariosOf(input: PlanInput): { plan: Plan; scenarios: Scenario[] } {
  const plan = parsePlan(input);
  return { plan, scenarios: expandScenarios(plan, protocolFor) };
}

/** A finished scenario whose round trips are `rttUs` (one value per message). */
export function fakeResult(scenario: Scenario, rttUs: number[], failures = 0): ScenarioResult {
  const acc = new ScenarioAccumulator(scenario, protocolFor(scenario.protocol).facts(scenario), 1);
  const base = acc.result('ok');
  const h = createHistogram();
  for (const v of rttUs) h.recordValue(v);
  const sorted = [...rttUs].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return {
    ...base,
    hist: { rttUs: encodeHistogram(h) },
    latency: { ...base.latency, rttUs: { ...base.latency.rttUs, count: rttUs.length, p50Us: at(50), p90Us: at(90), p99Us: at(99), p999Us: at(99.9), maxUs: at(100), meanUs: at(50) } },
    samples: [{ sample: 1, cycleMeanMs: 1, rttP50Us: at(50), rttP99Us: at(99), rttP999Us: at(99.9), oneWayP50Us: at(50) / 2, msgsPerSec: 1000, clientsFinished: scenario.clients, failures }],
    failures,
    counts: { ...base.counts, lost: failures },
  };
}

export function fakeRunResult(plan: Plan, scenarios: ScenarioResult[], aborted = false): RunResult {
  return {
    schemaVersion: 1, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z', plan,
    host: { hostname: 'test', cpuModel: 'test cpu', cores: 4, ramBytes: 8e9, os: 'linux', node: 'v20', pushtui: '0.1.0', libraries: {} },
    fdLimits: { soft: 1024, hard: 4096 }, aborted, notices: [], scenarios,
  };
}

export function tick(index: number, rttP50Us: number, rttP99Us: number): TickEvent {
  return {
    type: 'tick', index, sample: 1, elapsedMs: 100, rttP50Us, rttP99Us, oneWayP50Us: 50, msgsPerSec: 4321, errors: 0,
    fds: { used: 30, limit: 1024 },
    processes: [{ role: 'pusher', pid: 4242, cpuPct: 12, rssBytes: 50 * 1024 * 1024, elDelayP99Us: 900, fds: 30 }],
  };
}

/** A controllable engine: the test pushes events; the UI's options (signal, hooks) are kept for inspection. */
export class FakeEngine {
  private pending: RunEvent[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  opts: RunOptions | undefined;
  plan: Plan | undefined;

  readonly run = (plan: Plan, opts: RunOptions): AsyncIterable<RunEvent> => {
    this.plan = plan;
    this.opts = opts;
    opts.signal?.addEventListener('abort', () => this.close());
    return this.stream();
  };

  emit(...events: RunEvent[]): void {
    this.pending.push(...events);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  private async *stream(): AsyncGenerator<RunEvent> {
    for (;;) {
      const e = this.pending.shift();
      if (e) {
        yield e;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

/** App deps with no process and no file: a fake engine, fd limits, and an in-memory snapshot store. */
export function fakeDeps(engine: FakeEngine, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    run: engine.run,
    runChurn: () => {
      throw new Error('this test has no churn engine');
    },
    runCapacity: () => Promise.reject(new Error('this test has no capacity engine')),
    readFdLimits: () => Promise.resolve({ soft: 1024, hard: 4096 }),
    savePlan: () => undefined,
    snapshotDir: 'fake-snapshots',
    saveSnapshot: () => Promise.resolve('fake-snapshots/pushtui-20260101-000000.md'),
    listSnapshots: () => Promise.resolve([]),
    deleteSnapshot: () => Promise.resolve(),
    ...overrides,
  };
}
