/** Churn: the plan schema, the seeded drop schedule, and loss classification (pure). */
import { describe, expect, it } from 'vitest';
import { GrowBits } from '../../src/engine/churn/bits.js';
import { modesOf } from '../../src/engine/churn/modes.js';
import { parseChurnPlan } from '../../src/engine/churn/plan.js';
import { analyzeDelivery } from '../../src/engine/churn/result.js';
import { dropSchedule } from '../../src/engine/churn/schedule.js';
import type { Window } from '../../src/engine/churn/messages.js';

const ids = Array.from({ length: 50 }, (_, i) => `c${i}`);
const opts = { share: 0.3, dropsPerClient: 2, offlineMs: [200, 2000] as const, durationMs: 20_000, kind: 'mixed' as const, seed: 7 };

describe('churn plan', () => {
  it('parses ranges and fractions given as flag text', () => {
    const p = parseChurnPlan({ dropShare: '0.1,0.5', offlineMs: '200ms..2s', durationMs: 20_000 });
    expect(p.dropShare).toEqual([0.1, 0.5]);
    expect(p.offlineMs).toEqual([200, 2000]);
  });

  it('names the flag in one line when input is bad', () => {
    expect(() => parseChurnPlan({ dropShare: '1.5' })).toThrow(/^--drop-share: must be between 0 and 1$/);
    expect(() => parseChurnPlan({ offlineMs: 'soon' })).toThrow(/^--offline: /);
    expect(() => parseChurnPlan({ modes: ['ws', 'carrier-pigeon'] })).toThrow(/^--modes: mode must be one of/);
    expect(() => parseChurnPlan({ durationMs: 1000, offlineMs: [200, 2000] })).toThrow(/^--duration: must give each of --drops 1/);
    expect(() => parseChurnPlan({ redis: 'http://x' })).toThrow(/^--redis: /);
  });

  it('runs the modes whose protocol is in the plan, in table order', () => {
    expect(modesOf({ modes: ['mqtt-qos1', 'ws', 'grpc-outbox'], protocols: ['ws', 'mqtt'] })).toEqual(['ws', 'mqtt-qos1']);
  });
});

describe('drop schedule', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(dropSchedule(ids, opts)).toEqual(dropSchedule(ids, opts));
    expect(dropSchedule(ids, { ...opts, seed: 8 })).not.toEqual(dropSchedule(ids, opts));
  });

  it('drops the share asked for, within bounds, each client back before its next drop and before the end', () => {
    const s = dropSchedule(ids, opts);
    expect(Object.keys(s)).toHaveLength(15);
    for (const drops of Object.values(s)) {
      expect(drops).toHaveLength(2);
      let free = 0;
      for (const d of drops) {
        expect(d.offlineMs).toBeGreaterThanOrEqual(200);
        expect(d.offlineMs).toBeLessThanOrEqual(2000);
        expect(d.atMs).toBeGreaterThanOrEqual(free);
        free = d.atMs + d.offlineMs;
        expect(['abrupt', 'graceful']).toContain(d.kind);
      }
      expect(free).toBeLessThanOrEqual(opts.durationMs);
    }
  });

  it('drops nobody at share 0 and only the asked kind', () => {
    expect(dropSchedule(ids, { ...opts, share: 0 })).toEqual({});
    const kinds = Object.values(dropSchedule(ids, { ...opts, kind: 'graceful' })).flat().map((d) => d.kind);
    expect(new Set(kinds)).toEqual(new Set(['graceful']));
  });
});

function bits(seqs: number[]): string {
  const b = new GrowBits();
  for (const s of seqs) b.set(s);
  return b.toBase64();
}

const win = (w: Partial<Window>): Window => ({ offNs: 0, backNs: 0, lastSeqBefore: -1, kind: 'graceful', back: true, ...w });

describe('analyzeDelivery', () => {
  it('explains losses by the time away, in flight at an abrupt drop, or not at all', () => {
    // c0: 12 sent; abrupt drop after it had 0..2; 3 was on the wire; 4..6 sent while away; 8 lost for no reason; 10, 11 not there at the end.
    const counts = analyzeDelivery(
      { sent: { c0: 12 }, away: { c0: [{ from: 4, count: 3 }] } },
      [{ id: 'c0', seen: bits([0, 1, 2, 7, 9]), received: 6, duplicates: 1, outOfOrder: 0, windows: [win({ kind: 'abrupt', lastSeqBefore: 2 })] }],
    );
    expect(counts).toMatchObject({ sent: 12, delivered: 5, lost: 7, lostWhileAway: 3, lostInFlight: 1, lostOther: 1, lostAtEnd: 2, sentWhileAway: 3, duplicates: 1 });
  });

  it('counts a polite drop whose away-sends still arrived as no loss', () => {
    const counts = analyzeDelivery(
      { sent: { c0: 5 }, away: { c0: [{ from: 2, count: 2 }] } },
      [{ id: 'c0', seen: bits([0, 1, 2, 3, 4]), received: 5, duplicates: 0, outOfOrder: 0, windows: [win({ lastSeqBefore: 1 })] }],
    );
    expect(counts).toMatchObject({ delivered: 5, lost: 0, sentWhileAway: 2 });
  });
});
