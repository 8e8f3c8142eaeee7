/** Test helpers for churn runs: collect events, known drop moments, leftover temp dirs. */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { ChurnPlanInput } from '../../src/engine/churn/plan.js';
import { parseChurnPlan } from '../../src/engine/churn/plan.js';
import type { ChurnResult } from '../../src/engine/churn/result.js';
import type { ChurnEvent, ChurnOptions } from '../../src/engine/churn/run.js';
import { runChurn } from '../../src/engine/churn/run.js';
import type { DropSchedule } from '../../src/engine/churn/schedule.js';

export interface ChurnCollected {
  events: ChurnEvent[];
  result: ChurnResult | undefined;
  pids: number[];
  error: { name: string; message: string } | undefined;
}

/** c0 drops abruptly at 200 ms, c1 gracefully at 400 ms, each away 600 ms; c2 stays. */
export const KNOWN_DROPS: DropSchedule = {
  c0: [{ atMs: 200, offlineMs: 600, kind: 'abrupt' }],
  c1: [{ atMs: 400, offlineMs: 600, kind: 'graceful' }],
};

/** Three clients, 20 msg/s, 0.5 s without drops then 1.5 s with: small enough for two CI cores. */
export function tinyChurnPlan(extra: ChurnPlanInput = {}): ChurnPlanInput {
  return { clients: [3], dropShare: [0.67], ratePerClient: 20, baselineMs: 500, warmupMs: 0, durationMs: 1500, offlineMs: [100, 600], drainMs: 2000, timeoutMs: 5000, payloadBytes: 64, ...extra };
}

export async function collectChurn(input: ChurnPlanInput, opts: ChurnOptions & { onEvent?: (e: ChurnEvent) => void } = {}): Promise<ChurnCollected> {
  const out: ChurnCollected = { events: [], result: undefined, pids: [], error: undefined };
  for await (const e of runChurn(parseChurnPlan(input), opts)) {
    out.events.push(e);
    if (e.type === 'process' && e.state === 'started') out.pids.push(e.pid);
    if (e.type === 'done') out.result = e.result;
    if (e.type === 'error') out.error = e.error;
    opts.onEvent?.(e);
  }
  return out;
}

/** Temp dirs of redis-server and mosquitto currently on disk. */
export function serviceTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((d) => d.startsWith('pushtui-redis-') || d.startsWith('pushtui-mosquitto-'));
}
