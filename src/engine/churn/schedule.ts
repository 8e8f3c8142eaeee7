/**
 * Who drops off, when, for how long and how: drawn from a seeded PRNG so that a run can be
 * repeated. Times are in ms from the start of the churn phase; every client is back well
 * before the phase ends (a settle margin), so that catch-up can be seen.
 */
export type DropKind = 'abrupt' | 'graceful';

export interface Drop {
  atMs: number;
  offlineMs: number;
  kind: DropKind;
}

export type DropSchedule = Record<string, Drop[]>;

/** mulberry32: small, fast, good enough to pick clients and moments; returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ScheduleOptions {
  share: number;
  dropsPerClient: number;
  offlineMs: readonly [number, number];
  durationMs: number;
  kind: 'mixed' | DropKind;
  seed: number;
}

/** Settle time after the last reconnect in a slot, ms: room to catch up before the next drop. */
function settleMs(slotMs: number, offlineMaxMs: number): number {
  return Math.max(0, Math.min(1000, slotMs - offlineMaxMs) / 2);
}

export function dropSchedule(ids: readonly string[], o: ScheduleOptions): DropSchedule {
  const rand = seededRandom(o.seed);
  const order = [...ids];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  const dropping = order.slice(0, Math.round(o.share * ids.length));
  const slotMs = o.durationMs / o.dropsPerClient;
  const settle = settleMs(slotMs, o.offlineMs[1]);
  const out: DropSchedule = {};
  for (const id of dropping) {
    const drops: Drop[] = [];
    for (let d = 0; d < o.dropsPerClient; d++) {
      const offlineMs = Math.round(o.offlineMs[0] + rand() * (o.offlineMs[1] - o.offlineMs[0]));
      const room = Math.max(0, slotMs - offlineMs - settle);
      const atMs = Math.round(d * slotMs + rand() * room);
      const kind: DropKind = o.kind === 'mixed' ? (rand() < 0.5 ? 'abrupt' : 'graceful') : o.kind;
      drops.push({ atMs, offlineMs, kind });
    }
    out[id] = drops;
  }
  return out;
}
