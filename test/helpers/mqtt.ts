/** Test helpers for MQTT runs: tiny plans, mosquitto temp dirs, the broker's pid. */
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { PlanInput } from '../../src/engine/plan.js';
import type { RunEvent } from '../../src/engine/run.js';

/** A plan small enough for two CI cores: 2 clients, 5 messages, 1 sample. */
export function tinyMqttPlan(extra: PlanInput = {}): PlanInput {
  return { protocols: ['mqtt'], clients: [2], messages: [5], samples: 1, warmupMessages: 1, timeoutMs: 10_000, payloadBytes: [64], ...extra };
}

/** Temp dirs of mosquitto configs currently in `os.tmpdir()`: use with `usePrivateTmpdir()` (tmpdir.ts) so they are this file's own. */
export function mosquittoTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((d) => d.startsWith('pushtui-mosquitto-'));
}

/**
 * Notes the mosquitto temp dirs present once a run's broker has started (pass `onEvent`
 * to collectRun): proof that the dir a test later finds gone was there, where it looks.
 */
export function brokerDirWatcher(): { onEvent: (e: RunEvent) => void; seen: () => string[] } {
  const seen = new Set<string>();
  return {
    onEvent: (e) => {
      if (e.type === 'process' && e.role === 'broker' && e.state === 'started') for (const d of mosquittoTempDirs()) seen.add(d);
    },
    seen: () => [...seen],
  };
}

export function brokerPid(events: readonly RunEvent[]): number | undefined {
  for (const e of events) if (e.type === 'process' && e.role === 'broker' && e.state === 'started') return e.pid;
  return undefined;
}
