/**
 * The churn push side (in the pusher process): sends every client a notification at a
 * fixed rate (open loop, round robin, one sequence per client), through the protocol's
 * own PushSide; in outbox modes through the Redis outbox as well. It records round trips
 * (baseline phase apart from churn phase; the first `warmupMs` of the baseline are sent
 * but not recorded, as the engine's warm-up messages) and answers, after the run, how many sends fell
 * into each window a client was away.
 */
import { nowNs, nsToUs } from '../clock.js';
import type { Codec } from '../codec.js';
import { makePayload } from '../codec.js';
import type { PushSide } from '../protocols/types.js';
import type { Histogram } from '../stats.js';
import { createHistogram, encodeHistogram } from '../stats.js';
import { GrowBits, GrowFloats } from './bits.js';
import { RESUME } from './cell.js';
import type { ChurnCell, PusherReport } from './messages.js';
import type { Outbox } from './outbox.js';

interface Target {
  id: string;
  sentNs: GrowFloats;
  acked: GrowBits;
  /** Next sequence to generate. */
  next: number;
  /** Lowest sequence not yet acked (everything below is acked). */
  ackedBelow: number;
  /** Outbox modes: live sends go to the link only while true (after a resume has replayed). */
  live: boolean;
  /** Bumped on every resume or close, so a stale replay stops. */
  epoch: number;
}

/** Quiet time after the last send after which stragglers are no longer awaited, ms. */
const QUIET_MS = 500;

export class ChurnPusher {
  private readonly targets = new Map<string, Target>();
  private readonly message: string;
  private readonly rttSteady: Histogram = createHistogram();
  private readonly rttChurn: Histogram = createHistogram();
  private readonly errors: Record<string, number> = {};
  private counts = { acked: 0, duplicateAcks: 0, behind: 0, totalSent: 0 };
  private churnFromNs = Infinity;
  private warmUntilNs = 0;
  private lastAckNs = 0;
  private running = false;

  constructor(
    private readonly cell: ChurnCell,
    private readonly push: PushSide,
    private readonly codec: Codec,
    private readonly outbox: Outbox | undefined,
    clientIds: readonly string[],
  ) {
    this.message = makePayload(cell.payloadBytes);
    for (const id of clientIds) this.targets.set(id, { id, sentNs: new GrowFloats(), acked: new GrowBits(), next: 0, ackedBelow: 0, live: !outbox, epoch: 0 });
  }

  progress(): { sent: number; acked: number } {
    return { sent: this.counts.totalSent, acked: this.counts.acked };
  }

  /** Sends from t0 for baseline + duration, then waits (bounded) for acks; resolves with the total sent. */
  async run(t0Ns: number, signal: AbortSignal): Promise<number> {
    const order = [...this.targets.values()];
    this.churnFromNs = t0Ns + this.cell.baselineMs * 1e6;
    this.warmUntilNs = t0Ns + Math.min(this.cell.warmupMs, this.cell.baselineMs) * 1e6;
    this.running = true;
    const intervalNs = 1e9 / this.cell.ratePerClient;
    const stepNs = intervalNs / Math.max(1, order.length);
    const total = Math.floor(((this.cell.baselineMs + this.cell.durationMs) / 1000) * this.cell.ratePerClient) * order.length;
    let g = 0;
    await new Promise<void>((resolve) => {
      const pump = (): void => {
        if (signal.aborted) return resolve();
        const now = nowNs();
        while (g < total) {
          const intended = t0Ns + g * stepNs;
          if (intended > now) break;
          const t = order[g % order.length];
          g++;
          if (now - intended > intervalNs) this.counts.behind++;
          if (t) this.send(t);
        }
        if (g >= total) return resolve();
        const waitMs = (t0Ns + g * stepNs - nowNs()) / 1e6;
        if (waitMs < 1) setImmediate(pump);
        else setTimeout(pump, Math.floor(waitMs));
      };
      pump();
    });
    await this.drain(signal);
    this.running = false;
    return this.counts.totalSent;
  }

  private async drain(signal: AbortSignal): Promise<void> {
    const lastSendNs = nowNs();
    const until = lastSendNs + this.cell.drainMs * 1e6;
    for (;;) {
      const now = nowNs();
      const quietSince = Math.max(lastSendNs, this.lastAckNs);
      if (signal.aborted || now >= until || this.allAcked() || now - quietSince > QUIET_MS * 1e6) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Nothing more will come: every client acked everything, or (without an outbox) its last notification. */
  private allAcked(): boolean {
    for (const t of this.targets.values()) {
      const done = t.ackedBelow >= t.next || (!this.outbox && t.acked.has(t.next - 1));
      if (!done) return false;
    }
    return true;
  }

  private send(t: Target): void {
    const seq = t.next++;
    const t0 = nowNs();
    const bytes = this.codec.encodeNotification({ seq, sentAt: t0, message: this.message });
    t.sentNs.push(t0);
    this.counts.totalSent++;
    this.outbox?.append(t.id, seq, bytes);
    if (t.live) this.push.send(t.id, bytes);
  }

  onAck(clientId: string, bytes: Uint8Array): void {
    const t1 = nowNs();
    let ack;
    try {
      ack = this.codec.decodeAck(bytes);
    } catch {
      this.count('ack decode error');
      return;
    }
    const t = this.targets.get(clientId);
    if (!t) return this.count('ack from unknown client');
    if (ack.payload === RESUME) return void this.resume(t, ack.seq);
    const sent = t.sentNs.at(ack.seq);
    if (sent === undefined) return this.count('ack of an unsent sequence');
    if (t.acked.has(ack.seq)) {
      this.counts.duplicateAcks++;
      return;
    }
    t.acked.set(ack.seq);
    this.counts.acked++;
    this.lastAckNs = t1;
    if (sent >= this.warmUntilNs) (sent < this.churnFromNs ? this.rttSteady : this.rttChurn).recordValue(nsToUs(t1 - sent));
    const before = t.ackedBelow;
    while (t.ackedBelow < t.next && t.acked.has(t.ackedBelow)) t.ackedBelow++;
    if (this.outbox && t.ackedBelow > before) this.outbox.trim(t.id, t.ackedBelow);
  }

  onClose(clientId: string, reason: string): void {
    if (this.running) this.count(`link closed: ${reason}`);
    const t = this.targets.get(clientId);
    if (t && this.outbox) {
      t.live = false;
      t.epoch++;
    }
  }

  /** Outbox modes: replay from `from` until caught up with what has been generated, then go live. */
  private async resume(t: Target, from: number): Promise<void> {
    if (!this.outbox) return;
    this.outbox.counts.resumes++;
    const epoch = ++t.epoch;
    t.live = false;
    // A resume acks everything below it: acks lost with an abrupt drop must not pin the stream.
    if (from > t.ackedBelow) {
      t.ackedBelow = Math.min(from, t.next);
      while (t.ackedBelow < t.next && t.acked.has(t.ackedBelow)) t.ackedBelow++;
      this.outbox.trim(t.id, t.ackedBelow);
    }
    let cursor = from;
    try {
      while (cursor < t.next) {
        const batch = await this.outbox.range(t.id, cursor, t.next - 1);
        if (t.epoch !== epoch) return;
        if (batch.length === 0) break;
        for (const e of batch) this.push.send(t.id, e.bytes);
        cursor = (batch[batch.length - 1]?.seq ?? cursor) + 1;
      }
      if (t.epoch === epoch) t.live = true;
    } catch (err) {
      this.count(`replay failed: ${err instanceof Error ? err.message.slice(0, 40) : String(err)}`);
    }
  }

  /** For each client's windows away: how many sends fell inside [offNs, backNs], from which sequence. */
  report(windows: Record<string, { offNs: number; backNs: number }[]>): PusherReport {
    const sent: Record<string, number> = {};
    const away: PusherReport['away'] = {};
    for (const t of this.targets.values()) {
      sent[t.id] = t.next;
      away[t.id] = (windows[t.id] ?? []).map((w) => {
        const from = t.sentNs.lowerBound(w.offNs);
        return { from, count: t.sentNs.lowerBound(w.backNs + 1) - from };
      });
    }
    const hist: Record<string, string> = {};
    if (this.rttSteady.totalCount) hist.rttSteadyUs = encodeHistogram(this.rttSteady);
    if (this.rttChurn.totalCount) hist.rttChurnUs = encodeHistogram(this.rttChurn);
    return {
      sent,
      away,
      acked: this.counts.acked,
      duplicateAcks: this.counts.duplicateAcks,
      behind: this.counts.behind,
      outbox: this.outbox ? { ...this.outbox.counts } : { appended: 0, replayed: 0, resumes: 0, trims: 0, errors: 0 },
      errors: { ...this.errors, ...(this.outbox?.errors ?? {}) },
      hist,
    };
  }

  private count(reason: string): void {
    this.errors[reason] = (this.errors[reason] ?? 0) + 1;
  }
}
