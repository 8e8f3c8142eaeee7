import { describe, expect, it } from 'vitest';
import { SampleDriver } from '../../src/engine/child/driver.js';
import type { PusherHist } from '../../src/engine/child/driver.js';
import { codecFor } from '../../src/engine/codec.js';
import { parsePlan } from '../../src/engine/plan.js';
import type { PushSide } from '../../src/engine/protocols/types.js';
import { protocolFor } from '../../src/engine/protocols/index.js';
import type { Scenario } from '../../src/engine/scenario.js';
import { expandScenarios } from '../../src/engine/scenario.js';
import { IntervalRecorder, summarizeEncoded } from '../../src/engine/stats.js';

const codec = codecFor('json');

function scenario(over: Record<string, unknown> = {}): Scenario {
  const plan = parsePlan({ clients: [3], messages: [20], samples: 1, timeoutMs: 500, ...over });
  const s = expandScenarios(plan, protocolFor)[0];
  if (!s) throw new Error('no scenario');
  return s;
}

/** An in-process push side whose "clients" ack over setImmediate, with faults to inject. */
function fakePush(opts: { dropSeq?: number; duplicateSeq?: number; disconnect?: string; absent?: string } = {}) {
  let driver: SampleDriver | undefined;
  const ids = ['c0', 'c1', 'c2'].filter((id) => id !== opts.absent);
  const push: PushSide = {
    prepare: () => Promise.resolve('fake://'),
    connected: () => new Set(ids),
    send: (id, bytes) => {
      const n = codec.decodeNotification(bytes);
      setImmediate(() => {
        if (id === opts.disconnect && n.seq === 3) return driver?.onClose(id, 'ECONNRESET');
        if (n.seq === opts.dropSeq && id === 'c0') return;
        const ack = codec.encodeAck({ seq: n.seq, payload: '' });
        driver?.onAck(id, ack);
        if (n.seq === opts.duplicateSeq && id === 'c0') driver?.onAck(id, ack);
      });
    },
    wireBytes: () => ({ sent: 0, received: 0 }),
    close: () => Promise.resolve(),
  };
  return { push, attach: (d: SampleDriver) => (driver = d) };
}

async function runDriver(s: Scenario, fake: ReturnType<typeof fakePush>) {
  const recorder = new IntervalRecorder<PusherHist>(['rttUs', 'rttUncorrectedUs']);
  const driver = new SampleDriver(s, codec, fake.push, recorder);
  fake.attach(driver);
  const out = await driver.run(['c0', 'c1', 'c2']);
  return { ...out, hist: recorder.flush() };
}

describe('SampleDriver', () => {
  for (const pattern of ['pingpong', 'burst'] as const) {
    it(`${pattern}: every message acked once, warm-up excluded from latency, one cycle per client`, async () => {
      const s = scenario({ pattern, warmupMessages: 5 });
      const { stats, cycleUs, hist } = await runDriver(s, fakePush());
      expect(stats).toMatchObject({ clientsExpected: 3, clientsFinished: 3, sent: 75, acked: 75, measuredAcked: 60, lost: 0, unsent: 0, duplicateAcks: 0 });
      expect(summarizeEncoded(hist.rttUs ?? '').count).toBe(60);
      expect(summarizeEncoded(cycleUs).count).toBe(3);
      expect(hist.rttUncorrectedUs).toBeUndefined();
    });
  }

  it('rate: sends on schedule and records corrected and uncorrected round trips', async () => {
    const s = scenario({ pattern: 'rate', ratePerClient: 2000, messages: [10], warmupMessages: 0 });
    const { stats, hist } = await runDriver(s, fakePush());
    expect(stats.acked).toBe(30);
    expect(summarizeEncoded(hist.rttUs ?? '').count).toBe(30);
    expect(summarizeEncoded(hist.rttUncorrectedUs ?? '').count).toBe(30);
    expect(summarizeEncoded(hist.rttUs ?? '').p50Us).toBeGreaterThanOrEqual(summarizeEncoded(hist.rttUncorrectedUs ?? '').p50Us);
  });

  it('a lost ack times the client out and counts the message as lost', async () => {
    const { stats } = await runDriver(scenario({ warmupMessages: 0 }), fakePush({ dropSeq: 4 }));
    expect(stats).toMatchObject({ clientsFinished: 2, clientsTimedOut: 1, lost: 1, unsent: 15 });
  });

  it('a duplicate ack is counted, not hidden', async () => {
    const { stats } = await runDriver(scenario({ warmupMessages: 0 }), fakePush({ duplicateSeq: 2 }));
    expect(stats).toMatchObject({ clientsFinished: 3, duplicateAcks: 1, acked: 60 });
  });

  it('a client that disconnects mid-sample is counted with its reason and does not hold up the rest', async () => {
    const { stats } = await runDriver(scenario({ warmupMessages: 0 }), fakePush({ disconnect: 'c1' }));
    expect(stats).toMatchObject({ clientsFinished: 2, clientsDisconnected: 1, clientsTimedOut: 0 });
    expect(stats.errors).toEqual({ ECONNRESET: 1 });
    expect(stats.lost).toBe(1);
  });

  it('a client missing at go is counted as not connected', async () => {
    const { stats } = await runDriver(scenario({ warmupMessages: 0 }), fakePush({ absent: 'c2' }));
    expect(stats).toMatchObject({ clientsFinished: 2, clientsDisconnected: 1 });
    expect(stats.errors).toEqual({ 'not connected at start': 1 });
  });
});
