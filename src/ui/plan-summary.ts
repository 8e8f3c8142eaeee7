/**
 * The line under the Setup form: how many scenarios, roughly how long, and whether the
 * plan fits this machine's open-file limit (the engine's own checkFds).
 */
import type { FdLimits } from '../engine/env/ulimit.js';
import type { Plan } from '../engine/plan.js';
import { PlanError } from '../engine/plan.js';
import { checkFds, MAX_SCENARIOS } from '../engine/preflight.js';
import { protocolFor } from '../engine/protocols/index.js';
import type { Scenario } from '../engine/scenario.js';
import { expandScenarios } from '../engine/scenario.js';

/** Rough costs behind the estimate, from runs on a laptop; the estimate says "~". */
const SCENARIO_STARTUP_MS = 500;
const SAMPLE_OVERHEAD_MS = 150;
const CONNECT_MS_PER_CLIENT = 0.3;
const PINGPONG_MS_PER_MESSAGE = 0.15;
const BURST_MS_PER_MESSAGE = 0.01;

export function estimateScenarioMs(s: Scenario): number {
  const perClient = s.warmupMessages + s.messages;
  const sendMs =
    s.pattern === 'rate'
      ? (perClient / s.ratePerClient) * 1000
      : s.pattern === 'burst'
        ? perClient * s.clients * BURST_MS_PER_MESSAGE
        : perClient * PINGPONG_MS_PER_MESSAGE * Math.max(1, s.clients / 20);
  const sampleMs = SAMPLE_OVERHEAD_MS + s.clients * CONNECT_MS_PER_CLIENT + Math.min(sendMs, s.timeoutMs);
  return SCENARIO_STARTUP_MS + s.samples * sampleMs;
}

/** `45s`, `3m 20s`, `1h 05m`. */
export function formatEta(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export interface PlanSummary {
  scenarios: number;
  estimateMs: number;
  /** Things to know (soft limit raised for children). */
  notices: string[];
  /** Why the plan cannot run on this machine, if it cannot. */
  blocker: string | undefined;
  /** Plain facts about how the plan will run (processes, addresses): shown dim, not as warnings. */
  info?: string[];
}

export function summarizePlan(plan: Plan, limits: FdLimits | undefined): PlanSummary {
  const scenarios = expandScenarios(plan, protocolFor);
  const estimateMs = scenarios.reduce((t, s) => t + estimateScenarioMs(s), 0);
  const out: PlanSummary = { scenarios: scenarios.length, estimateMs, notices: [], blocker: undefined };
  if (scenarios.length > MAX_SCENARIOS) out.blocker = `the plan has ${scenarios.length} scenarios; at most ${MAX_SCENARIOS}`;
  if (!limits || out.blocker) return out;
  try {
    out.notices = checkFds(plan, scenarios, limits);
  } catch (err) {
    out.blocker = err instanceof PlanError ? err.message : String(err);
  }
  return out;
}
