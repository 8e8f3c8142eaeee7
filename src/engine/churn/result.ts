/**
 * The result of a churn run, its zod validation (for --json consumers and snapshots), and
 * the pure analysis that turns what the pusher sent and the workers received into counts.
 */
import { z } from 'zod';
import { EncodedHistogram } from '../result-schema.js';
import { GrowBits } from './bits.js';
import type { PusherReport, WorkerClientReport } from './messages.js';
import { CHURN_MODES } from './modes.js';

export const DeliveryCountsSchema = z.object({
  sent: z.number(),
  /** Distinct sequences received. */
  delivered: z.number(),
  lost: z.number(),
  /** Lost and sent while the client was away (between its drop and its return). */
  lostWhileAway: z.number(),
  /** Lost and sent before an abrupt drop, after the last one it got: on the wire when the socket died. */
  lostInFlight: z.number(),
  /** Never received, sent after the last one the client did receive: still in transit (or lost) when --drain ran out. */
  lostAtEnd: z.number(),
  /** Lost with no drop to explain it: a failure of the mode. */
  lostOther: z.number(),
  /** Sends that fell inside a client's time away (some may still arrive, e.g. during a polite close). */
  sentWhileAway: z.number(),
  duplicates: z.number(),
  outOfOrder: z.number(),
});
export type DeliveryCounts = z.infer<typeof DeliveryCountsSchema>;

export const ChurnCellResultSchema = z.object({
  id: z.string(),
  mode: z.enum(CHURN_MODES),
  clients: z.number(),
  dropShare: z.number(),
  status: z.enum(['ok', 'failed', 'aborted', 'unavailable']),
  error: z.string().optional(),
  guarantee: z.string(),
  counts: DeliveryCountsSchema,
  drops: z.object({ abrupt: z.number(), graceful: z.number(), reconnectFailures: z.number(), caughtUp: z.number(), notCaughtUp: z.number() }),
  connectFailures: z.number(),
  acked: z.number(),
  duplicateAcks: z.number(),
  /** Sends that left more than one interval after their intended time (the pusher fell behind). */
  behind: z.number(),
  outbox: z
    .object({
      appended: z.number(), replayed: z.number(), resumes: z.number(), trims: z.number(), errors: z.number(),
      /** `INFO memory` used_memory before the cell, its peak while it ran (sampled every 250 ms), and after. */
      memoryBeforeBytes: z.number(), memoryPeakBytes: z.number(), memoryAfterBytes: z.number(),
    })
    .optional(),
  errors: z.record(z.string(), z.number()),
  /** Encoded HDR histograms, µs: catchUpUs, firstFreshUs, rttSteadyUs, rttChurnUs. */
  hist: z.record(z.string(), EncodedHistogram),
});
export type ChurnCellResult = z.infer<typeof ChurnCellResultSchema>;

export const ChurnResultSchema = z.object({
  kind: z.literal('churn'),
  schemaVersion: z.literal(1),
  startedAt: z.string(),
  finishedAt: z.string(),
  plan: z.record(z.string(), z.unknown()),
  host: z.record(z.string(), z.unknown()),
  notices: z.array(z.string()),
  aborted: z.boolean(),
  cells: z.array(ChurnCellResultSchema),
});
export type ChurnResult = z.infer<typeof ChurnResultSchema>;

export const ZERO_COUNTS: DeliveryCounts = { sent: 0, delivered: 0, lost: 0, lostWhileAway: 0, lostInFlight: 0, lostAtEnd: 0, lostOther: 0, sentWhileAway: 0, duplicates: 0, outOfOrder: 0 };

/**
 * Every sequence the pusher sent to a client and the client never received is lost, and
 * explained by the client's windows away where possible: sent inside [drop, return] ->
 * while away; sent before an abrupt drop but after the last one received -> in flight;
 * sent after the last one the client received at all -> at end (not delivered within the
 * drain: late or lost, no telling); anything else -> other (the mode failed).
 */
export function analyzeDelivery(pusher: Pick<PusherReport, 'sent' | 'away'>, clients: readonly WorkerClientReport[]): DeliveryCounts {
  const c: DeliveryCounts = { ...ZERO_COUNTS };
  const byId = new Map(clients.map((x) => [x.id, x]));
  for (const [id, sent] of Object.entries(pusher.sent)) {
    c.sent += sent;
    const w = byId.get(id);
    const seen = w ? GrowBits.fromBase64(w.seen) : new GrowBits();
    const away = pusher.away[id] ?? [];
    const windows = w?.windows ?? [];
    c.sentWhileAway += away.reduce((n, a) => n + a.count, 0);
    if (w) {
      c.duplicates += w.duplicates;
      c.outOfOrder += w.outOfOrder;
    }
    let lastSeen = sent - 1;
    while (lastSeen >= 0 && !seen.has(lastSeen)) lastSeen--;
    for (let seq = 0; seq < sent; seq++) {
      if (seen.has(seq)) {
        c.delivered++;
        continue;
      }
      c.lost++;
      const i = away.findIndex((a) => seq >= a.from && seq < a.from + a.count);
      if (i >= 0) c.lostWhileAway++;
      else if (windows.some((win, k) => win.kind === 'abrupt' && seq > win.lastSeqBefore && seq < (away[k]?.from ?? 0))) c.lostInFlight++;
      else if (seq > lastSeen) c.lostAtEnd++;
      else c.lostOther++;
    }
  }
  return c;
}
