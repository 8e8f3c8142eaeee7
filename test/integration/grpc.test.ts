/** gRPC through the whole engine: real pusher and worker processes, real grpc-js on loopback. */
import { describe, expect, it } from 'vitest';
import type { PlanInput } from '../../src/engine/plan.js';
import { PATTERNS } from '../../src/engine/plan.js';
import type { ScenarioResult } from '../../src/engine/results.js';
import type { Collected } from '../helpers/run.js';
import { collectRun, expectAllGone } from '../helpers/run.js';
import { establishedTcpSockets } from '../helpers/tcp.js';

const CHANNELS = ['per-client', 'shared'] as const;

/** 3 clients over 2 worker processes (2 + 1). */
const TINY = {
  protocols: ['grpc'],
  clients: [3],
  clientsPerWorker: 2,
  messages: [4],
  warmupMessages: 1,
  payloadBytes: [64],
  samples: 1,
  timeoutMs: 10_000,
  ratePerClient: 200,
} satisfies PlanInput;

function only(run: Collected): ScenarioResult {
  expect(run.error).toBeUndefined();
  const r = run.result?.scenarios[0];
  if (!r) throw new Error('no scenario result');
  return r;
}

describe.each(CHANNELS)('gRPC, %s channels', (grpcChannels) => {
  it.each(PATTERNS)('%s: every message is acked and nothing fails', async (pattern) => {
    const run = await collectRun({ ...TINY, grpcChannels: [grpcChannels], pattern, encodings: ['json', 'protobuf'] });
    const r = only(run);
    expect(r.status).toBe('ok');
    expect(r.errors).toEqual({});
    expect(r.failures).toBe(0);
    expect(r.counts.acked).toBe(3 * 5);
    expect(r.latency.rttUs.count).toBe(3 * 4);
    expect(r.latency.oneWayUs.count).toBe(3 * 4);
    expect(r.latency.connectUs.count).toBe(3);
    expect(r.scenario.encoding).toBe('protobuf');
    expect(run.result?.scenarios).toHaveLength(1);
    expect(run.result?.notices.join('\n')).toContain('grpc always runs protobuf: --encoding json does not apply');
    expect(r.fairness.tcpConnections).toBe(grpcChannels === 'shared' ? 2 : 3);
    // Measured on the pusher's sockets: at least a 9-byte HTTP/2 DATA header and the 5-byte gRPC prefix.
    expect(r.fairness.wireBytesPerNotification).toBeGreaterThanOrEqual(r.fairness.encodedNotificationBytes + 14);
    expect(r.fairness.wireBytesPerAck).toBeGreaterThanOrEqual(r.fairness.encodedAckBytes + 14);
    await expectAllGone(run.pids);
  });
});

describe.runIf(process.platform === 'linux')('gRPC TCP connections, counted in /proc', () => {
  it.each([
    ['per-client', 4],
    ['shared', 2],
  ] as const)('%s: the pusher holds %i ESTABLISHED connections for 4 clients in 2 workers', async (grpcChannels, expected) => {
    let pusherPid = 0;
    let most = 0;
    const run = await collectRun(
      { ...TINY, grpcChannels: [grpcChannels], clients: [4], pattern: 'rate', ratePerClient: 20, messages: [20], warmupMessages: 0 },
      {
        onEvent: (e) => {
          if (e.type === 'process' && e.role === 'pusher' && e.state === 'started') pusherPid = e.pid;
          if (e.type === 'tick' && pusherPid) most = Math.max(most, establishedTcpSockets(pusherPid));
        },
      },
    );
    const r = only(run);
    expect(r.failures).toBe(0);
    expect(most).toBe(expected);
    expect(r.fairness.tcpConnections).toBe(expected);
    await expectAllGone(run.pids);
  });
});

describe('gRPC process killed mid-stream', () => {
  it('counts the broken streams by status code and still finishes the run', async () => {
    let pusherPid = 0;
    let killed = false;
    const run = await collectRun(
      { ...TINY, clients: [2], clientsPerWorker: 1, pattern: 'rate', ratePerClient: 200, messages: [600], samples: 2 },
      {
        onEvent: (e) => {
          if (e.type === 'process' && e.role === 'pusher' && e.state === 'started') pusherPid = e.pid;
          if (e.type === 'tick' && e.sample === 1 && e.rttP50Us > 0 && !killed) {
            killed = true;
            process.kill(pusherPid, 'SIGKILL');
          }
        },
      },
    );
    const r = only(run);
    expect(killed).toBe(true);
    expect(r.status).toBe('ok');
    expect(r.counts.pusherCrashes).toBe(1);
    expect(r.failures).toBeGreaterThan(0);
    const codes = Object.keys(r.errors).filter((k) => /^[A-Z_]+$/.test(k));
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => ['UNAVAILABLE', 'CANCELLED', 'INTERNAL', 'UNKNOWN'].includes(c))).toBe(true);
    expect(r.samples).toHaveLength(2);
    expect(r.samples[1]?.clientsFinished).toBe(2);
    await expectAllGone(run.pids);
  });

  it('a killed worker is counted, and its streams as CANCELLED on the push side', async () => {
    let workerPid = 0;
    let killed = false;
    const run = await collectRun(
      { ...TINY, clients: [2], clientsPerWorker: 1, pattern: 'rate', ratePerClient: 100, messages: [100] },
      {
        onEvent: (e) => {
          if (e.type === 'process' && e.role === 'worker' && e.state === 'started' && !workerPid) workerPid = e.pid;
          if (e.type === 'tick' && e.sample === 1 && e.rttP50Us > 0 && !killed) {
            killed = true;
            process.kill(workerPid, 'SIGKILL');
          }
        },
      },
    );
    const r = only(run);
    expect(killed).toBe(true);
    expect(r.counts.workerCrashes).toBe(1);
    expect(r.errors.CANCELLED).toBe(1);
    expect(r.samples[0]?.clientsFinished).toBe(1);
    await expectAllGone(run.pids);
  });
});
