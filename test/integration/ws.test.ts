/** The whole engine over real WebSocket servers and worker processes on loopback. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../src/engine/results.js';
import { spawnChild } from '../../src/engine/pool.js';
import { collectRun, expectAllGone } from '../helpers/run.js';

const tiny = { protocols: ['ws' as const], clients: [3], messages: [20], payloadBytes: [64], samples: 2, warmupMessages: 2, timeoutMs: 10_000 };

function only(results: ScenarioResult[] | undefined): ScenarioResult {
  expect(results).toHaveLength(1);
  return results?.[0] as ScenarioResult;
}

describe('ws end to end', () => {
  for (const pattern of ['pingpong', 'burst', 'rate'] as const) {
    it(`${pattern}: every message delivered and acked, histograms full, no process left`, async () => {
      const run = await collectRun({ ...tiny, pattern, ratePerClient: 500, encodings: ['json', 'protobuf'] });
      expect(run.error).toBeUndefined();
      expect(run.result?.scenarios).toHaveLength(2);
      for (const r of run.result?.scenarios ?? []) {
        expect(r.status).toBe('ok');
        expect(r.failures).toBe(0);
        expect(r.counts).toMatchObject({ sent: 2 * 3 * 22, acked: 2 * 3 * 22, lost: 0, duplicatesAtClient: 0, outOfOrder: 0 });
        expect(r.latency.rttUs.count).toBe(2 * 3 * 20);
        expect(r.latency.oneWayUs.count).toBe(2 * 3 * 20);
        expect(r.latency.cycleUs.count).toBe(2 * 3);
        expect(r.latency.connectUs.count).toBe(2 * 3);
        expect(r.latency.oneWayUs.p50Us).toBeLessThanOrEqual(r.latency.rttUs.p50Us);
        expect(r.samples.map((s) => s.clientsFinished)).toEqual([3, 3]);
        expect(r.fairness.tcpConnections).toBe(3);
        expect(r.fairness.wireBytesPerNotification).toBeGreaterThan(r.fairness.encodedNotificationBytes);
        expect(r.fairness.wireBytesPerNotification).toBeLessThan(r.fairness.encodedNotificationBytes + 16);
        expect(r.resources.pusher.rssMaxBytes).toBeGreaterThan(0);
        if (pattern === 'rate') expect(r.latency.rttUncorrectedUs.count).toBe(2 * 3 * 20);
      }
      const [json, proto] = run.result?.scenarios ?? [];
      expect(proto?.fairness.encodedNotificationBytes).toBeLessThan(json?.fairness.encodedNotificationBytes ?? 0);
      await expectAllGone(run.pids);
    });
  }

  it('spreads clients over worker processes by --clients-per-worker', async () => {
    const run = await collectRun({ ...tiny, clients: [7], clientsPerWorker: 3, samples: 1 });
    const r = only(run.result?.scenarios);
    expect(r.fairness.workerProcesses).toBe(3);
    expect(run.events.filter((e) => e.type === 'process' && e.state === 'started' && e.role === 'worker')).toHaveLength(3);
    expect(r.counts.acked).toBe(7 * 22);
    await expectAllGone(run.pids);
  });

  it('a worker killed mid-run is a counted failure; the run still finishes and the next sample runs whole', async () => {
    let killed = 0;
    const run = await collectRun(
      { ...tiny, clients: [4], clientsPerWorker: 2, messages: [100_000], samples: 2, timeoutMs: 1500 },
      {
        onEvent: (e) => {
          if (e.type === 'tick' && e.sample === 1 && killed === 0 && e.msgsPerSec > 0) {
            const worker = e.processes.find((p) => p.role === 'worker');
            if (worker) {
              killed = worker.pid;
              process.kill(worker.pid, 'SIGKILL');
            }
          }
        },
      },
    );
    expect(killed).toBeGreaterThan(0);
    const r = only(run.result?.scenarios);
    expect(r.counts.workerCrashes).toBe(1);
    expect(r.counts.clientsDisconnected).toBeGreaterThanOrEqual(2);
    expect(r.failures).toBeGreaterThan(0);
    expect(r.samples).toHaveLength(2);
    expect(run.events.filter((e) => e.type === 'process' && e.state === 'started' && e.role === 'worker')).toHaveLength(3);
    expect(run.result?.aborted).toBe(false);
    await expectAllGone(run.pids);
  });

  it('abort stops every child and ends with partial results', async () => {
    const ac = new AbortController();
    const run = await collectRun(
      { ...tiny, messages: [1_000_000], samples: 3, timeoutMs: 60_000 },
      { signal: ac.signal, onEvent: (e) => e.type === 'tick' && e.msgsPerSec > 0 && ac.abort() },
    );
    expect(run.result?.aborted).toBe(true);
    expect(run.result?.scenarios[0]?.status).toBe('aborted');
    expect(run.pids.length).toBeGreaterThanOrEqual(2);
    await expectAllGone(run.pids);
  });

  it('a child that needs more descriptors starts under a raised soft limit, IPC intact', async () => {
    if (process.platform !== 'linux') return;
    const child = await spawnChild('worker', { fds: 2000, limits: { soft: 1000, hard: 100_000 } });
    // It answered hello through sh's exec, so IPC survived. (Node itself also raises its
    // soft limit to the hard one at start; the shell step is what non-Node children need.)
    const soft = Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/limits`, 'utf8'))?.[1]);
    expect(soft).toBeGreaterThanOrEqual(2000);
    await child.stop();
    expect(child.alive).toBe(false);
  });
});
