/**
 * The churn client side (in worker processes): holds clients that receive, ack and, on
 * their schedule, drop off (abruptly or gracefully), stay away, and come back. Each
 * client records what it received (a bitmap of sequences), duplicates, out-of-order
 * arrivals, its windows away, and after each return:
 *   firstFreshUs  back -> the first notification sent after it was back
 *   catchUpUs     back -> the moment it holds every sequence sent before that one
 *                 (never, when something was lost: counted as not caught up)
 * In outbox modes it asks for a replay on every (re)connect: `Ack{seq: next needed, payload: 'resume'}`.
 */
import { nowNs, nsToUs } from '../clock.js';
import type { Codec } from '../codec.js';
import { reasonOf } from '../protocols/types.js';
import type { Histogram } from '../stats.js';
import { createHistogram, encodeHistogram } from '../stats.js';
import { GrowBits } from './bits.js';
import { RESUME } from './cell.js';
import type { ChurnLink } from './links.js';
import { connectLink } from './links.js';
import type { ChurnCell, Window } from './messages.js';
import { MODE_INFO } from './modes.js';
import type { Drop } from './schedule.js';

/** Reconnect attempts after a time away, and the pause between them, ms. */
const RECONNECT_ATTEMPTS = 5;
const RECONNECT_PAUSE_MS = 100;

interface Pending {
  backNs: number;
  freshSeen: boolean;
}

class ChurnClient {
  link: ChurnLink | undefined;
  readonly seen = new GrowBits();
  /** Every sequence below it has been received. */
  next = 0;
  maxSeq = -1;
  received = 0;
  duplicates = 0;
  outOfOrder = 0;
  readonly windows: Window[] = [];
  pending: Pending | undefined;

  constructor(
    readonly id: string,
    readonly drops: readonly Drop[],
  ) {}
}

export class ChurnWorker {
  private readonly clients: ChurnClient[];
  private readonly catchUp: Histogram = createHistogram();
  private readonly firstFresh: Histogram = createHistogram();
  private readonly errors: Record<string, number> = {};
  private readonly timers = new Set<NodeJS.Timeout>();
  private counts = { reconnectFailures: 0, caughtUp: 0, notCaughtUp: 0 };
  private endpoint = '';
  private finished = false;

  constructor(
    private readonly cell: ChurnCell,
    private readonly codec: Codec,
    ids: readonly string[],
    schedule: Record<string, Drop[]>,
  ) {
    this.clients = ids.map((id) => new ChurnClient(id, schedule[id] ?? []));
  }

  /** Connects every client (bounded concurrency); returns how many made it and why others did not. */
  async connectAll(endpoint: string): Promise<{ ok: number; failed: number; errors: Record<string, number> }> {
    this.endpoint = endpoint;
    let next = 0;
    let ok = 0;
    const errors: Record<string, number> = {};
    const lane = async (): Promise<void> => {
      while (next < this.clients.length) {
        const c = this.clients[next++];
        if (!c) continue;
        try {
          await this.open(c);
          ok++;
        } catch (err) {
          const r = reasonOf(err);
          errors[r] = (errors[r] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(64, this.clients.length) }, lane));
    return { ok, failed: this.clients.length - ok, errors };
  }

  /** Arms every client's drops, relative to the churn phase's start (monotonic ns). */
  go(t0Ns: number): void {
    const churnAtNs = t0Ns + this.cell.baselineMs * 1e6;
    for (const c of this.clients) {
      for (const d of c.drops) this.later((churnAtNs + d.atMs * 1e6 - nowNs()) / 1e6, () => void this.dropOff(c, d));
    }
  }

  private later(ms: number, f: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.finished) f();
    }, Math.max(0, ms));
    this.timers.add(t);
  }

  private async open(c: ChurnClient): Promise<void> {
    c.link = await connectLink(this.cell, this.endpoint, c.id, {
      onNotification: (bytes, reply) => this.onNotification(c, bytes, reply),
      onClose: (reason) => {
        this.count(`dropped unasked: ${reason}`);
        c.link = undefined;
      },
    });
    if (MODE_INFO[this.cell.mode].outbox) c.link.sendAck(this.codec.encodeAck({ seq: c.next, payload: RESUME }));
  }

  private async dropOff(c: ChurnClient, d: Drop): Promise<void> {
    if (c.pending) this.counts.notCaughtUp++;
    c.pending = undefined;
    const w: Window = { offNs: nowNs(), backNs: 0, lastSeqBefore: c.maxSeq, kind: d.kind, back: false };
    c.windows.push(w);
    const link = c.link;
    c.link = undefined;
    if (d.kind === 'abrupt') link?.destroy();
    else await link?.close();
    const backAtMs = d.offlineMs - (nowNs() - w.offNs) / 1e6;
    this.later(backAtMs, () => void this.comeBack(c, w));
  }

  private async comeBack(c: ChurnClient, w: Window): Promise<void> {
    for (let attempt = 1; attempt <= RECONNECT_ATTEMPTS && !this.finished; attempt++) {
      try {
        await this.open(c);
        w.backNs = nowNs();
        w.back = true;
        c.pending = { backNs: w.backNs, freshSeen: false };
        return;
      } catch (err) {
        this.count(`reconnect failed: ${reasonOf(err)}`);
        await new Promise((r) => setTimeout(r, RECONNECT_PAUSE_MS));
      }
    }
    w.backNs = Number.MAX_SAFE_INTEGER;
    this.counts.reconnectFailures++;
  }

  private onNotification(c: ChurnClient, bytes: Uint8Array, reply: (ack: Uint8Array) => void): void {
    const t = nowNs();
    let n;
    try {
      n = this.codec.decodeNotification(bytes);
    } catch {
      return this.count('decode error');
    }
    c.received++;
    if (c.seen.has(n.seq)) c.duplicates++;
    else c.seen.set(n.seq);
    if (n.seq < c.maxSeq) c.outOfOrder++;
    else c.maxSeq = n.seq;
    while (c.seen.has(c.next)) c.next++;
    reply(this.codec.encodeAck({ seq: n.seq, payload: '' }));
    const p = c.pending;
    if (!p || n.sentAt < p.backNs) return;
    if (!p.freshSeen) {
      p.freshSeen = true;
      this.firstFresh.recordValue(nsToUs(t - p.backNs));
    }
    if (c.next > n.seq) {
      this.catchUp.recordValue(nsToUs(t - p.backNs));
      this.counts.caughtUp++;
      c.pending = undefined;
    }
  }

  /** Stops the drops, closes every link and reports. */
  async finish(): Promise<{
    clients: { id: string; seen: string; received: number; duplicates: number; outOfOrder: number; windows: Window[] }[];
    reconnectFailures: number;
    caughtUp: number;
    notCaughtUp: number;
    errors: Record<string, number>;
    hist: Record<string, string>;
  }> {
    this.finished = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.clients) if (c.pending) this.counts.notCaughtUp++;
    await Promise.all(
      this.clients.map(async (c) => {
        const link = c.link;
        c.link = undefined;
        await link?.close();
      }),
    );
    const hist: Record<string, string> = {};
    if (this.catchUp.totalCount) hist.catchUpUs = encodeHistogram(this.catchUp);
    if (this.firstFresh.totalCount) hist.firstFreshUs = encodeHistogram(this.firstFresh);
    return {
      clients: this.clients.map((c) => ({ id: c.id, seen: c.seen.toBase64(), received: c.received, duplicates: c.duplicates, outOfOrder: c.outOfOrder, windows: c.windows })),
      ...this.counts,
      errors: { ...this.errors },
      hist,
    };
  }

  private count(reason: string): void {
    this.errors[reason] = (this.errors[reason] ?? 0) + 1;
  }
}
