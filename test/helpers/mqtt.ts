/** Test helpers for MQTT runs: tiny plans, leftover mosquitto temp dirs, the broker's pid. */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { PlanInput } from '../../src/engine/plan.js';
import type { RunEvent } from '../../src/engine/run.js';

/** A plan small enough for two CI cores: 2 clients, 5 messages, 1 sample. */
export function tinyMqttPlan(extra: PlanInput = {}): PlanInput {
  return { protocols: ['mqtt'], clients: [2], messages: [5], samples: 1, warmupMessages: 1, timeoutMs: 10_000, payloadBytes: [64], ...extra };
}

/** Temp dirs of mosquitto configs currently on disk. */
export function mosquittoTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((d) => d.startsWith('pushtui-mosquitto-'));
}

export function brokerPid(events: readonly RunEvent[]): number | undefined {
  for (const e of events) if (e.type === 'process' && e.role === 'broker' && e.state === 'started') return e.pid;
  return undefined;
}
