/** Builds RunResults with known numbers through the real accumulator, for report, snapshot and compare tests. */
import { hostInfo } from '../../src/engine/env/sysinfo.js';
import type { PlanInput } from '../../src/engine/plan.js';
import { parsePlan } from '../../src/engine/plan.js';
import { protocolFor } from '../../src/engine/protocols/index.js';
import { ScenarioAccumulator } from '../../src/engine/results.js';
import type { RunResult } from '../../src/engine/run.js';
import { expandScenarios } from '../../src/engine/scenario.js';
import { createHistogram, encodeHistogram } from '../../src/engine/stats.js';

const RES = { cpuUs: 100_000, intervalMs: 200, rssBytes: 50e6, heapUsedBytes: 10e6, elDelayP99Us: 1000, elDelayMaxUs: 2000 };

function hist(values: number[]): string {
  const h = createHistogram();
  for (const v of values) h.recordValue(v);
  return encodeHistogram(h);
}

/**
 * One result per scenario of `plan`; sample k of every scenario has round trips around
 * `rttUs(k)` (±2%), one-way half of that, and cycles of messages x rtt.
 */
export function fakeResult(plan: PlanInput, rttUs: (sample: number, scenarioIndex: number) => number, lostPerSample = 0): RunResult {
  const p = parsePlan(plan);
  const scenarios = expandScenarios(p, protocolFor).map((s, i) => {
    const acc = new ScenarioAccumulator(s, protocolFor(s.protocol).facts(s), 1);
    for (let k = 1; k <= s.samples; k++) {
      acc.beginSample();
      const base = rttUs(k, i);
      const rtts = Array.from({ length: s.clients * s.messages }, (_, j) => Math.round(base * (0.98 + (j % 5) * 0.01)));
      acc.setMeasuring(true);
      acc.connected(0, {}, { connectUs: hist(Array.from({ length: s.clients }, () => 500)) });
      acc.tick('pusher', 'pusher0', { rttUs: hist(rtts) }, rtts.length, RES);
      acc.tick('worker', 'worker0', { oneWayUs: hist(rtts.map((r) => Math.round(r / 2))) }, rtts.length, RES);
      const total = s.clients * (s.messages + s.warmupMessages);
      acc.pusherDone(
        {
          clientsExpected: s.clients, clientsFinished: s.clients, clientsTimedOut: 0, clientsDisconnected: 0, sent: total, acked: total - lostPerSample,
          measuredAcked: rtts.length, lost: lostPerSample, unsent: 0, duplicateAcks: 0, unexpectedAcks: 0, behind: 0,
          windowMs: (s.messages * base) / 1000, wireBytesDown: total * (s.payloadBytes + 44), wireBytesUp: total * 28,
          encodedNotificationBytes: s.payloadBytes + 40, encodedAckBytes: 22, errors: lostPerSample ? { timeout: 1 } : {},
        },
        { cycleUs: hist(Array.from({ length: s.clients }, () => s.messages * base)) },
      );
      acc.workerDone({ received: total, duplicates: 0, outOfOrder: 0, stale: 0, decodeErrors: 0, disconnects: 0, errors: {} });
      acc.setMeasuring(false);
      acc.endSample(k);
    }
    return acc.result('ok');
  });
  return {
    schemaVersion: 1,
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:01:00.000Z',
    plan: p,
    host: hostInfo(),
    fdLimits: { soft: 1024, hard: 'unlimited' },
    aborted: false,
    notices: ['a notice'],
    scenarios,
  };
}
