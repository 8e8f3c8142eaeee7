/**
 * Live round-trip series for the sparklines, one pair (p50, p99) per protocol, in ring
 * buffers of fixed capacity. Kept outside React state: the run hook pushes every tick
 * here and the chart reads it at the capped frame rate.
 */
import type { TickEvent } from '../engine/run.js';

export class RingBuffer {
  private readonly items: number[] = [];

  constructor(readonly capacity: number) {}

  push(value: number): void {
    this.items.push(value);
    if (this.items.length > this.capacity) this.items.shift();
  }

  /** Oldest first. */
  values(): number[] {
    return [...this.items];
  }

  get length(): number {
    return this.items.length;
  }
}

export interface SeriesPair {
  p50Us: RingBuffer;
  p99Us: RingBuffer;
}

export class LiveSeries {
  private readonly byProtocol = new Map<string, SeriesPair>();

  constructor(readonly capacity = 240) {}

  /** Ticks with no acks in them (connecting, between samples) carry no latency and are left out. */
  push(protocol: string, tick: Pick<TickEvent, 'rttP50Us' | 'rttP99Us'>): void {
    if (tick.rttP50Us <= 0 && tick.rttP99Us <= 0) return;
    let pair = this.byProtocol.get(protocol);
    if (!pair) {
      pair = { p50Us: new RingBuffer(this.capacity), p99Us: new RingBuffer(this.capacity) };
      this.byProtocol.set(protocol, pair);
    }
    pair.p50Us.push(tick.rttP50Us);
    pair.p99Us.push(tick.rttP99Us);
  }

  get(protocol: string): SeriesPair | undefined {
    return this.byProtocol.get(protocol);
  }
}
