/**
 * The Run screen's state, folded from the engine's events and the user's keys. Pure:
 * the clock comes in with each action, so progress and ETA are tested without waiting.
 */
import type { FdLimits } from '../engine/env/ulimit.js';
import { fdLine } from '../engine/env/ulimit.js';
import type { ScenarioResult } from '../engine/results.js';
import type { RunEvent, RunResult, TickEvent } from '../engine/run.js';
import type { Scenario } from '../engine/scenario.js';

export interface Check {
  name: string;
  status: 'pending' | 'ok' | 'warn' | 'fail';
  detail: string;
}

export interface RunState {
  /** preflight: before `start`; running; ended: the stream is over (done, error or abort). */
  phase: 'preflight' | 'running' | 'ended';
  checks: Check[];
  notices: string[];
  scenarios: Scenario[];
  index: number;
  sample: number;
  tick: TickEvent | undefined;
  results: ScenarioResult[];
  startedAtMs: number | undefined;
  nowMs: number;
  /** The user asked to pause; the engine waits at the next scenario boundary. */
  pauseRequested: boolean;
  /** The engine is waiting at the gate. */
  paused: boolean;
  skipping: boolean;
  confirmQuit: boolean;
  quitting: boolean;
  error: { name: string; message: string } | undefined;
  result: RunResult | undefined;
}

export type RunAction =
  | { type: 'event'; event: RunEvent; nowMs: number }
  | { type: 'clock'; nowMs: number }
  | { type: 'ended' }
  | { type: 'toggle-pause' }
  | { type: 'gate'; waiting: boolean }
  | { type: 'skip' }
  | { type: 'ask-quit' }
  | { type: 'cancel-quit' }
  | { type: 'quit' };

export const PENDING_CHECKS: Check[] = [
  { name: 'open-file limit', status: 'pending', detail: 'checking' },
  { name: 'ports', status: 'pending', detail: 'checking' },
  { name: 'broker', status: 'pending', detail: 'checking' },
];

export function initialRun(nowMs: number): RunState {
  return {
    phase: 'preflight', checks: PENDING_CHECKS, notices: [], scenarios: [], index: 0, sample: 0, tick: undefined, results: [],
    startedAtMs: undefined, nowMs, pauseRequested: false, paused: false, skipping: false, confirmQuit: false, quitting: false,
    error: undefined, result: undefined,
  };
}

/** The pre-flight checklist from the start event: the engine has passed fds and ports if it started. */
export function checksFrom(fdLimits: FdLimits, notices: readonly string[], protocols: readonly string[]): Check[] {
  const raised = notices.find((n) => n.startsWith('open-file'));
  const broker = notices.find((n) => /broker|mosquitto|aedes/i.test(n));
  return [
    { name: 'open-file limit', status: raised ? 'warn' : 'ok', detail: raised ?? `${fdLine(fdLimits)}: enough for the plan` },
    { name: 'ports', status: 'ok', detail: 'enough ephemeral ports for the largest client count' },
    {
      name: 'broker',
      status: broker ? 'warn' : 'ok',
      detail: broker ?? (protocols.includes('mqtt') ? 'ready' : 'not needed (no MQTT in the plan)'),
    },
  ];
}

function onEvent(state: RunState, e: RunEvent, nowMs: number): RunState {
  switch (e.type) {
    case 'start':
      return { ...state, phase: 'running', checks: checksFrom(e.fdLimits, e.notices, e.plan.protocols), notices: e.notices, scenarios: e.scenarios, startedAtMs: nowMs };
    case 'scenario-start':
      return { ...state, index: e.index, sample: 0, tick: undefined, paused: false, skipping: false };
    case 'tick':
      return { ...state, tick: e, sample: e.sample };
    case 'sample-done':
      return { ...state, sample: e.result.sample };
    case 'scenario-done':
      return { ...state, results: [...state.results, e.result] };
    case 'done':
      return { ...state, result: e.result };
    case 'error': {
      const checks = state.phase === 'preflight' ? state.checks.map((c, i) => (i === 0 ? { ...c, status: 'fail' as const, detail: e.error.message } : c)) : state.checks;
      return { ...state, error: e.error, checks };
    }
    case 'process':
      return state;
  }
}

export function runReducer(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'event':
      return { ...onEvent(state, action.event, action.nowMs), nowMs: action.nowMs };
    case 'clock':
      return { ...state, nowMs: action.nowMs };
    case 'ended':
      return { ...state, phase: 'ended', paused: false, confirmQuit: false, checks: state.checks.map((c) => (c.status === 'pending' ? { ...c, detail: 'not reached' } : c)) };
    case 'toggle-pause':
      return state.phase === 'ended' ? state : { ...state, pauseRequested: !state.pauseRequested };
    case 'gate':
      return { ...state, paused: action.waiting };
    case 'skip':
      return state.phase === 'running' ? { ...state, skipping: true } : state;
    case 'ask-quit':
      return { ...state, confirmQuit: true };
    case 'cancel-quit':
      return { ...state, confirmQuit: false };
    case 'quit':
      return { ...state, confirmQuit: false, quitting: true };
  }
}

export interface Progress {
  /** 0..1 of all samples. */
  fraction: number;
  elapsedMs: number;
  etaMs: number | undefined;
}

/** Progress by samples: finished scenarios count whole, the current one by its finished samples. */
export function progressOf(state: RunState): Progress {
  const perScenario = state.scenarios[0]?.samples ?? 1;
  const total = state.scenarios.length * perScenario;
  const current = state.results.length > state.index ? 0 : Math.max(0, state.sample - 1);
  const done = Math.min(total, state.results.length * perScenario + current);
  const fraction = state.phase === 'ended' ? 1 : total > 0 ? done / total : 0;
  const elapsedMs = state.startedAtMs === undefined ? 0 : state.nowMs - state.startedAtMs;
  const etaMs = fraction > 0 && fraction < 1 ? (elapsedMs * (1 - fraction)) / fraction : fraction >= 1 ? 0 : undefined;
  return { fraction, elapsedMs, etaMs };
}
