/**
 * What one worker client makes of each notification it decodes during a sample.
 *
 * A notification whose `sentAt` is earlier than the moment this worker was told to connect
 * for the sample cannot belong to it: the pusher sends a sample's notifications only after
 * every worker has connected, and sends nothing after its sample ends. Such a notification
 * is one a persistent MQTT session kept for the client from an earlier sample (its sample
 * timed out, or QoS 1 redelivered one whose PUBACK did not reach the broker) and delivered
 * when the client came back. It is counted as `stale`, never as a delivery of this sample:
 * no one-way latency, not acked (its own sample already counted it lost, or acked), and it
 * does not make the real notification with the same seq look like a duplicate. This relies
 * on the monotonic clock every process on one host shares, as one-way latency does.
 */
import { nsToUs } from '../clock.js';
import type { WorkerSampleStats } from '../messages.js';

export type Verdict = 'delivered' | 'duplicate' | 'stale';

export interface TallyOptions {
  /** Notifications per client in a sample, warm-up included. */
  total: number;
  warmupMessages: number;
  /** When the worker got this sample's `connect`, monotonic ns (nowNs). */
  sampleStartNs: number;
  /** The worker's counts for this sample, shared by its clients. */
  stats: WorkerSampleStats;
  recordOneWayUs: (us: number) => void;
}

export class ClientTally {
  private readonly seen: Uint8Array;
  private maxSeq = -1;

  constructor(private readonly o: TallyOptions) {
    this.seen = new Uint8Array(o.total);
  }

  /** Counts one notification received at `receivedNs` (monotonic ns); only `stale` ones go unacked. */
  receive(n: { seq: number; sentAt: number }, receivedNs: number): Verdict {
    const { stats } = this.o;
    if (n.sentAt < this.o.sampleStartNs) {
      stats.stale++;
      return 'stale';
    }
    if (n.seq >= this.o.warmupMessages) this.o.recordOneWayUs(nsToUs(receivedNs - n.sentAt));
    stats.received++;
    const duplicate = this.seen[n.seq] === 1;
    if (duplicate) stats.duplicates++;
    else this.seen[n.seq] = 1;
    if (n.seq < this.maxSeq) stats.outOfOrder++;
    else this.maxSeq = n.seq;
    return duplicate ? 'duplicate' : 'delivered';
  }
}
