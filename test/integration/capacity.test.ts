/** A small capacity run per protocol against real servers, brokers and worker processes. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CapacityPlanInput } from '../../src/engine/capacity/plan.js';
import { parseCapacityPlan } from '../../src/engine/capacity/plan.js';
import type { CapacityResult, CapacityRun } from '../../src/engine/capacity/result.js';
import { perConnection } from '../../src/engine/capacity/result.js';
import type { CapacitySample } from '../../src/engine/capacity/run.js';
import { runCapacity } from '../../src/engine/capacity/run.js';
import { liveChildPids } from '../../src/engine/pool.js';
import { expectAllGone, requireProgram } from '../helpers/run.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const N = 300;
const small: CapacityPlanInput = { connections: [N], connectRatePerSec: 2000, holdMs: 500, settleMs: 3000, keepaliveSamplePct: 10, timeoutMs: 10_000 };

/** Runs a plan and remembers every process it had running (the pool's registry, read at each step). */
async function capacity(input: CapacityPlanInput, signal?: AbortSignal): Promise<{ result: CapacityResult; pids: number[]; samples: CapacitySample[] }> {
  const pids = new Set<number>();
  const samples: CapacitySample[] = [];
  const result = await runCapacity(parseCapacityPlan(input), { signal, progress: () => liveChildPids().forEach((p) => pids.add(p)), onSample: (s) => samples.push(s) });
  return { result, pids: [...pids], samples };
}

/** The memory curve: from the baseline (open 0) up to the run's open, never down while connecting, with real RSS figures. */
function expectCurve(r: CapacityRun | undefined, samples: readonly CapacitySample[]): void {
  const curve = r?.curve ?? [];
  expect(curve.length).toBeGreaterThanOrEqual(2);
  expect(curve.length).toBeLessThanOrEqual(200);
  expect(curve[0]?.open).toBe(0);
  expect(curve.at(-1)?.open).toBe(r?.open);
  for (let i = 1; i < curve.length; i++) expect(curve[i]?.open).toBeGreaterThanOrEqual(curve[i - 1]?.open ?? 0);
  for (const p of curve) {
    expect(p.serverRssBytes).toBeGreaterThan(0);
    expect(p.clientRssBytes).toBeGreaterThan(0);
  }
  // Live: the baseline first, then samples while connecting whose open never goes down.
  expect(samples[0]?.phase).toBe('baseline');
  const connecting = samples.filter((s) => s.phase === 'connecting').map((s) => s.open);
  expect(connecting.length).toBeGreaterThan(0);
  for (let i = 1; i < connecting.length; i++) expect(connecting[i]).toBeGreaterThanOrEqual(connecting[i - 1] ?? 0);
  expect(samples.some((s) => s.phase === 'settling' && s.open === r?.open)).toBe(true);
  expect(samples.every((s) => s.protocol === r?.protocol && s.target === r.target && s.serverRssBytes > 0 && s.clientRssBytes > 0)).toBe(true);
}

function expectPlausible(r: CapacityRun | undefined): void {
  expect(r?.status).toBe('ok');
  expect(r?.connected).toBe(N);
  expect(r?.open).toBe(N);
  expect(r?.failed).toBe(0);
  expect(r?.connectUs.count).toBe(N);
  expect(r?.client.establishedTcp).toBeGreaterThanOrEqual(N);
  expect(r?.keepalive.sent).toBeGreaterThan(0);
  expect(r?.keepalive.received).toBe(r?.keepalive.sent);
  const p = perConnection(r as CapacityRun);
  // Positive and bounded: between 0.5 KiB and 5 MiB per connection on the Node client side,
  // positive and below 5 MiB for the server (mosquitto needs little).
  expect(p.clientKb).toBeGreaterThan(0.5);
  expect(p.clientKb).toBeLessThan(5 * 1024);
  expect(p.serverKb).toBeGreaterThan(0);
  expect(p.serverKb).toBeLessThan(5 * 1024);
  expect(p.clientHeapKb).toBeGreaterThan(0);
}

const mosquitto = requireProgram('mosquitto');

describe.skipIf(process.platform !== 'linux')('pushtui capacity', () => {
  for (const protocol of ['ws', 'grpc'] as const) {
    it(`${protocol}: opens, holds and measures ${N} idle connections, then stops everything`, async () => {
      const { result, pids, samples } = await capacity({ ...small, protocols: [protocol] });
      const r = result.runs[0];
      expectPlausible(r);
      expectCurve(r, samples);
      expect(r?.server.establishedTcp).toBe(N);
      expect(r?.server.heapDeltaBytes).toBeGreaterThan(0);
      expect(r?.gcForced).toBe(true);
      expect(pids.length).toBeGreaterThanOrEqual(2);
      await expectAllGone(pids);
    });
  }

  it.skipIf(mosquitto.skip)(`mqtt on mosquitto: the broker's RSS is the server side ${mosquitto.reason}`, async () => {
    const { result, pids, samples } = await capacity({ ...small, protocols: ['mqtt'], broker: 'mosquitto' });
    const r = result.runs[0];
    expectPlausible(r);
    expectCurve(r, samples);
    expect(r?.server.label).toMatch(/^mosquitto/);
    expect(r?.server.establishedTcp).toBe(N + 1);
    expect(r?.server.heapDeltaBytes).toBeNull();
    await expectAllGone(pids);
  });

  it('mqtt on the embedded aedes broker', async () => {
    const { result, pids, samples } = await capacity({ ...small, protocols: ['mqtt'], broker: 'aedes' });
    expectPlausible(result.runs[0]);
    expectCurve(result.runs[0], samples);
    expect(result.runs[0]?.server.label).toMatch(/^aedes/);
    await expectAllGone(pids);
  });

  it('a worker under a low hard fd limit reports EMFILE instead of failing silently', async () => {
    const { result, pids } = await capacity({ ...small, protocols: ['ws'], workerFdLimit: 128 });
    const r = result.runs[0];
    expect(r?.status).toBe('ok');
    expect(r?.errors.EMFILE).toBeGreaterThan(0);
    expect(r?.connected).toBeGreaterThan(0);
    expect(r?.connected).toBeLessThan(N);
    expect((r?.connected ?? 0) + (r?.failed ?? 0)).toBe(N);
    await expectAllGone(pids);
  });

  it('abort stops the run and every process, and marks the result', async () => {
    const ac = new AbortController();
    const pids = new Set<number>();
    const result = await runCapacity(parseCapacityPlan({ ...small, connections: [200], connectRatePerSec: 50, protocols: ['ws'] }), {
      signal: ac.signal,
      progress: (line) => {
        liveChildPids().forEach((p) => pids.add(p));
        if (line.includes('connecting')) setTimeout(() => ac.abort(new Error('interrupted')), 300);
      },
    });
    expect(result.aborted).toBe(true);
    expect(result.runs[0]?.status).toBe('aborted');
    expect(pids.size).toBeGreaterThanOrEqual(2);
    await expectAllGone([...pids]);
  });

  it('the CLI refuses bad input with one line and exit 2', () => {
    const r = spawnSync(process.execPath, [CLI, 'capacity', '--connections', 'abc'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--connections');
  });
});
