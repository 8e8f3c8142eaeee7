/** The engine's two small hooks for interactive use: pause between scenarios, skip one scenario. */
import { describe, expect, it } from 'vitest';
import { collectRun, expectAllGone } from '../helpers/run.js';
import type { RunEvent } from '../../src/engine/run.js';
import { runBenchmark } from '../../src/engine/run.js';
import { parsePlan } from '../../src/engine/plan.js';

const tiny = { protocols: ['ws' as const], clients: [2], payloadBytes: [64], samples: 1, warmupMessages: 1, timeoutMs: 20_000 };

describe('run hooks', () => {
  it('scenarioSignal: aborting one scenario skips it and the run goes on', async () => {
    const skip = new AbortController();
    const run = await runWith({ ...tiny, messages: [1_000_000, 10] }, {
      scenarioSignal: (index) => (index === 0 ? skip.signal : undefined),
      onEvent: (e) => {
        if (e.type === 'tick' && e.index === 0 && e.msgsPerSec > 0) skip.abort(new Error('skipped by user'));
      },
    });
    const done = run.events.find((e) => e.type === 'done');
    expect(done?.type === 'done' && done.result.aborted).toBe(false);
    const statuses = done?.type === 'done' ? done.result.scenarios.map((s) => s.status) : [];
    expect(statuses).toEqual(['aborted', 'ok']);
    await expectAllGone(run.pids);
  });

  it('pauseGate: the next scenario starts only after the gate opens', async () => {
    const order: string[] = [];
    let open = (): void => {};
    const run = await runWith({ ...tiny, messages: [5, 6] }, {
      pauseGate: () => {
        order.push('gate');
        setTimeout(() => open(), 0);
        return new Promise<void>((resolve) => (open = () => { order.push('open'); resolve(); }));
      },
      onEvent: (e) => {
        if (e.type === 'scenario-start') order.push(`start ${e.index}`);
      },
    });
    expect(order).toEqual(['start 0', 'gate', 'open', 'start 1']);
    expect(run.events.filter((e) => e.type === 'scenario-done')).toHaveLength(2);
  });

  it('an abort while paused ends the run without starting the next scenario', async () => {
    const ac = new AbortController();
    const run = await runWith({ ...tiny, messages: [5, 6] }, {
      signal: ac.signal,
      pauseGate: () => {
        ac.abort(new Error('quit'));
        return new Promise<void>(() => {});
      },
    });
    const done = run.events.find((e) => e.type === 'done');
    expect(done?.type === 'done' && done.result.aborted).toBe(true);
    expect(done?.type === 'done' && done.result.scenarios).toHaveLength(1);
    await expectAllGone(run.pids);
  });

  it('without hooks the run is unchanged', async () => {
    const run = await collectRun({ ...tiny, messages: [5] });
    expect(run.result?.scenarios.map((s) => s.status)).toEqual(['ok']);
  });
});

async function runWith(
  input: Parameters<typeof parsePlan>[0],
  opts: {
    signal?: AbortSignal;
    pauseGate?: () => Promise<void>;
    scenarioSignal?: (index: number) => AbortSignal | undefined;
    onEvent?: (e: RunEvent) => void;
  },
): Promise<{ events: RunEvent[]; pids: number[] }> {
  const events: RunEvent[] = [];
  const pids: number[] = [];
  const { onEvent, ...runOpts } = opts;
  for await (const e of runBenchmark(parsePlan(input), runOpts)) {
    events.push(e);
    if (e.type === 'process' && e.state === 'started') pids.push(e.pid);
    onEvent?.(e);
  }
  return { events, pids };
}
