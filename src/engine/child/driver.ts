/**
 * The push-side pattern driver, shared by every protocol. For one sample it sends each
 * client its warm-up and measured notifications (pingpong, burst or open-loop rate),
 * matches acks by sequence, and records:
 *   rttUs             encode of notification i -> decoded ack i (rate: from the intended
 *                     send time, so coordinated omission is corrected)
 *   rttUncorrectedUs  rate only: from the actual send time
 *   cycleUs           per client, first measured send -> last ack (the study's headline)
 * Lost, duplicate and unexpected acks, timed-out and disconnected clients are counted.
 */
import { nowNs, nsToUs } from '../clock.js';
import type { Codec } from '../codec.js';
import { makePayload } from '../codec.js';
import type { PusherSampleStats } from '../messages.js';
import type { PushSide } from '../protocols/types.js';
import type { Scenario } from '../scenario.js';
import type { Histogram, IntervalRecorder } from '../stats.js';
import { createHistogram, encodeHistogram } from '../stats.js';

export type PusherHist = 'rttUs' | 'rttUncorrectedUs';

interface ClientState {
  id: string;
  sendNs: Float64Array;
  intendedNs: Float64Array | undefined;
  ackedSeq: Uint8Array;
  sent: number;
  acked: number;
  firstMeasuredNs: number;
  lastAckNs: number;
  state: 'running' | 'done' | 'timeout' | 'disconnected';
}

export class SampleDriver {
  private readonly clients = new Map<string, ClientState>();
  private readonly total: number;
  private readonly message: string;
  private readonly cycle: Histogram = createHistogram();
  private readonly errors: Record<string, number> = {};
  private counts = { duplicateAcks: 0, unexpectedAcks: 0, behind: 0, measuredAcked: 0 };
  private running = 0;
  private encodedNotificationBytes = 0;
  private encodedAckBytes = 0;
  private finish: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private acksSinceTick = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly codec: Codec,
    private readonly push: PushSide,
    private readonly recorder: IntervalRecorder<PusherHist>,
  ) {
    this.total = scenario.warmupMessages + scenario.messages;
    this.message = makePayload(scenario.payloadBytes);
  }

  /** Acks handled since the last call (for live msgs/s). */
  takeAckCount(): number {
    const n = this.acksSinceTick;
    this.acksSinceTick = 0;
    return n;
  }

  async run(clientIds: readonly string[]): Promise<{ stats: PusherSampleStats; cycleUs: string }> {
    const live = this.push.connected();
    const wireStart = this.push.wireBytes();
    const rate = this.scenario.pattern === 'rate';
    for (const id of clientIds) {
      const c: ClientState = {
        id,
        sendNs: new Float64Array(this.total),
        intendedNs: rate ? new Float64Array(this.total) : undefined,
        ackedSeq: new Uint8Array(this.total),
        sent: 0,
        acked: 0,
        firstMeasuredNs: 0,
        lastAckNs: 0,
        state: live.has(id) ? 'running' : 'disconnected',
      };
      this.clients.set(id, c);
      if (c.state === 'running') this.running++;
      else this.count('not connected at start');
    }
    const done = new Promise<void>((resolve) => (this.finish = resolve));
    const scheduleMs = rate ? (this.total / this.scenario.ratePerClient) * 1000 : 0;
    this.timer = setTimeout(() => this.timeout(), scheduleMs + this.scenario.timeoutMs);
    if (this.running === 0) this.end();
    else if (rate) this.startRate();
    else for (const c of this.clients.values()) if (c.state === 'running') this.sendNext(c);
    await done;
    const wireEnd = this.push.wireBytes();
    return { stats: this.stats(wireEnd.sent - wireStart.sent, wireEnd.received - wireStart.received), cycleUs: encodeHistogram(this.cycle) };
  }

  private send(c: ClientState, intendedNs: number): void {
    const seq = c.sent;
    const t0 = nowNs();
    const bytes = this.codec.encodeNotification({ seq, sentAt: t0, message: this.message });
    this.push.send(c.id, bytes);
    c.sendNs[seq] = t0;
    if (c.intendedNs) c.intendedNs[seq] = intendedNs;
    if (seq === this.scenario.warmupMessages) c.firstMeasuredNs = rateOr(intendedNs, t0);
    if (this.encodedNotificationBytes === 0) this.encodedNotificationBytes = bytes.byteLength;
    c.sent++;
  }

  /** pingpong: one in flight. burst: warm-up one by one, then all measured at once. */
  private sendNext(c: ClientState): void {
    if (c.sent >= this.total) return;
    if (this.scenario.pattern === 'burst' && c.sent >= this.scenario.warmupMessages) {
      while (c.sent < this.total && c.state === 'running') this.send(c, 0);
      return;
    }
    this.send(c, 0);
  }

  /** Open loop: message g (over all clients, round robin) is due at start + g * interval / clients. */
  private startRate(): void {
    const order = [...this.clients.values()].filter((c) => c.state === 'running');
    const intervalNs = 1e9 / this.scenario.ratePerClient;
    const stepNs = intervalNs / order.length;
    const totalSends = order.length * this.total;
    const startNs = nowNs();
    let g = 0;
    const pump = (): void => {
      const now = nowNs();
      while (g < totalSends) {
        const intended = startNs + g * stepNs;
        if (intended > now) break;
        const c = order[g % order.length];
        g++;
        if (!c || c.state !== 'running') continue;
        if (now - intended > intervalNs) this.counts.behind++;
        this.send(c, intended);
      }
      if (g >= totalSends || this.finish === undefined) return;
      const waitMs = (startNs + g * stepNs - nowNs()) / 1e6;
      if (waitMs < 1) setImmediate(pump);
      else setTimeout(pump, Math.floor(waitMs));
    };
    pump();
  }

  onAck(clientId: string, bytes: Uint8Array): void {
    let seq: number;
    try {
      seq = this.codec.decodeAck(bytes).seq;
    } catch {
      this.count('ack decode error');
      return;
    }
    const t1 = nowNs();
    if (this.encodedAckBytes === 0) this.encodedAckBytes = bytes.byteLength;
    const c = this.clients.get(clientId);
    if (!c || seq >= c.sent || seq < 0) {
      this.counts.unexpectedAcks++;
      return;
    }
    if (c.ackedSeq[seq]) {
      this.counts.duplicateAcks++;
      return;
    }
    c.ackedSeq[seq] = 1;
    c.acked++;
    c.lastAckNs = t1;
    this.acksSinceTick++;
    if (seq >= this.scenario.warmupMessages) {
      this.counts.measuredAcked++;
      const sent = c.sendNs[seq] ?? t1;
      if (c.intendedNs) {
        this.recorder.record('rttUs', nsToUs(t1 - (c.intendedNs[seq] ?? sent)));
        this.recorder.record('rttUncorrectedUs', nsToUs(t1 - sent));
      } else {
        this.recorder.record('rttUs', nsToUs(t1 - sent));
      }
    }
    if (c.state !== 'running') return;
    if (c.acked === this.total) {
      if (this.scenario.messages > 0) this.cycle.recordValue(nsToUs(c.lastAckNs - c.firstMeasuredNs));
      this.settle(c, 'done');
    } else if (!c.intendedNs && c.acked === c.sent) {
      this.sendNext(c);
    }
  }

  onClose(clientId: string, reason: string): void {
    const c = this.clients.get(clientId);
    if (!c || c.state !== 'running') return;
    this.count(reason);
    this.settle(c, 'disconnected');
  }

  private settle(c: ClientState, state: ClientState['state']): void {
    c.state = state;
    this.running--;
    if (this.running === 0) this.end();
  }

  private timeout(): void {
    for (const c of this.clients.values()) if (c.state === 'running') c.state = 'timeout';
    this.running = 0;
    this.end();
  }

  private end(): void {
    clearTimeout(this.timer);
    const f = this.finish;
    this.finish = undefined;
    f?.();
  }

  private count(reason: string): void {
    this.errors[reason] = (this.errors[reason] ?? 0) + 1;
  }

  private stats(wireBytesDown: number, wireBytesUp: number): PusherSampleStats {
    let sent = 0;
    let acked = 0;
    let unsent = 0;
    let first = Infinity;
    let last = 0;
    const by = { done: 0, timeout: 0, disconnected: 0, running: 0 };
    for (const c of this.clients.values()) {
      sent += c.sent;
      acked += c.acked;
      unsent += this.total - c.sent;
      by[c.state]++;
      if (c.sent > this.scenario.warmupMessages) first = Math.min(first, c.firstMeasuredNs);
      last = Math.max(last, c.lastAckNs);
    }
    return {
      clientsExpected: this.clients.size,
      clientsFinished: by.done,
      clientsTimedOut: by.timeout,
      clientsDisconnected: by.disconnected,
      sent,
      acked,
      measuredAcked: this.counts.measuredAcked,
      lost: sent - acked,
      unsent,
      duplicateAcks: this.counts.duplicateAcks,
      unexpectedAcks: this.counts.unexpectedAcks,
      behind: this.counts.behind,
      windowMs: first === Infinity || last < first ? 0 : (last - first) / 1e6,
      wireBytesDown,
      wireBytesUp,
      encodedNotificationBytes: this.encodedNotificationBytes,
      encodedAckBytes: this.encodedAckBytes,
      errors: this.errors,
    };
  }
}

function rateOr(intendedNs: number, actualNs: number): number {
  return intendedNs > 0 ? intendedNs : actualNs;
}
