import { describe, expect, it } from 'vitest';
import { ClientTally } from '../../src/engine/child/client-tally.js';
import type { WorkerSampleStats } from '../../src/engine/messages.js';

const START_NS = 5_000_000_000;

function tally(warmupMessages = 1): { t: ClientTally; stats: WorkerSampleStats; oneWayUs: number[] } {
  const stats: WorkerSampleStats = { received: 0, duplicates: 0, outOfOrder: 0, stale: 0, decodeErrors: 0, disconnects: 0, errors: {} };
  const oneWayUs: number[] = [];
  const t = new ClientTally({ total: 4, warmupMessages, sampleStartNs: START_NS, stats, recordOneWayUs: (us) => oneWayUs.push(us) });
  return { t, stats, oneWayUs };
}

describe('ClientTally', () => {
  it('counts this sample\'s notifications as deliveries and times the measured ones', () => {
    const { t, stats, oneWayUs } = tally();
    expect(t.receive({ seq: 0, sentAt: START_NS + 1000 }, START_NS + 3000)).toBe('delivered');
    expect(t.receive({ seq: 1, sentAt: START_NS + 5000 }, START_NS + 9000)).toBe('delivered');
    expect(stats).toMatchObject({ received: 2, duplicates: 0, outOfOrder: 0, stale: 0 });
    expect(oneWayUs).toEqual([4]);
  });

  it('counts a notification sent before the sample began as stale: no delivery, no latency, not acked', () => {
    const { t, stats, oneWayUs } = tally(0);
    expect(t.receive({ seq: 2, sentAt: START_NS - 1 }, START_NS + 10)).toBe('stale');
    expect(t.receive({ seq: 3, sentAt: START_NS - 500_000 }, START_NS + 20)).toBe('stale');
    expect(stats).toMatchObject({ received: 0, duplicates: 0, outOfOrder: 0, stale: 2 });
    expect(oneWayUs).toEqual([]);
  });

  it('a stale notification does not make this sample\'s one with the same seq a duplicate or out of order', () => {
    const { t, stats } = tally(0);
    t.receive({ seq: 3, sentAt: START_NS - 1 }, START_NS + 10);
    for (const seq of [0, 1, 2, 3]) expect(t.receive({ seq, sentAt: START_NS + 100 * (seq + 1) }, START_NS + 1000)).toBe('delivered');
    expect(stats).toMatchObject({ received: 4, duplicates: 0, outOfOrder: 0, stale: 1 });
  });

  it('still counts duplicates and reordering within the sample', () => {
    const { t, stats } = tally(0);
    t.receive({ seq: 1, sentAt: START_NS + 10 }, START_NS + 20);
    t.receive({ seq: 0, sentAt: START_NS + 5 }, START_NS + 30);
    expect(t.receive({ seq: 1, sentAt: START_NS + 10 }, START_NS + 40)).toBe('duplicate');
    expect(stats).toMatchObject({ received: 3, duplicates: 1, outOfOrder: 1, stale: 0 });
  });
});
