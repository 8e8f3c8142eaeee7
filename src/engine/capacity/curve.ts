/**
 * The memory curve of one capacity measurement: connections open so far against the RSS
 * of the server side and of the client side, while connections open and settle.
 *
 *   baseline (open 0, after a forced GC) -> every SAMPLE_MS while connecting and settling
 *   (RSS from /proc/<pid>/status, no GC, nothing asked of the children) -> the settled
 *   measurement (open = the run's open).
 *
 * `open` comes from the workers' unasked progress reports (PROGRESS_MS); sampling reads
 * /proc only, so it does not disturb the processes measured. During the hold, samples are
 * emitted live but not stored: the curve is memory against connections.
 */
import { readProcUsage } from '../env/proc-usage.js';
import type { Child } from '../pool.js';
import type { ProtocolName } from '../protocols/names.js';
import { CapacityReportSchema } from './messages.js';
import type { CurvePoint } from './result.js';

export type CapacityPhase = 'baseline' | 'connecting' | 'settling' | 'holding';

/** One live sample of a capacity measurement (CapacityOptions.onSample). */
export interface CapacitySample {
  protocol: ProtocolName;
  /** The measurement's target connection count. */
  target: number;
  phase: CapacityPhase;
  /** Client connections open so far. */
  open: number;
  /** ws/gRPC server processes summed, or the MQTT broker. */
  serverRssBytes: number;
  /** Client worker processes summed. */
  clientRssBytes: number;
  /** Since the baseline was taken, ms. */
  elapsedMs: number;
}

export type { CurvePoint };

/** Points kept in a run's curve (saved in --json and snapshots). */
export const CURVE_MAX_POINTS = 200;
/** How often RSS is read from /proc, ms. */
export const SAMPLE_MS = 250;

/** At most `max` points, evenly spaced by index, the first and last always kept. */
export function decimateCurve<T>(points: readonly T[], max = CURVE_MAX_POINTS): T[] {
  if (points.length <= max) return [...points];
  if (max < 2) return points.slice(0, max);
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))] as T);
  return out;
}

/** Sums RSS over `pids` from /proc; undefined when none can be read (not Linux, all gone). */
export async function rssOf(pids: readonly number[]): Promise<number | undefined> {
  const usages = await Promise.all(pids.map((p) => readProcUsage(p)));
  const read = usages.filter((u) => u !== undefined);
  return read.length ? read.reduce((s, u) => s + u.rssBytes, 0) : undefined;
}

export interface CurveSources {
  protocol: ProtocolName;
  target: number;
  serverPids: () => number[];
  clientPids: () => number[];
  onSample?: (s: CapacitySample) => void;
  intervalMs?: number;
}

/** Records the curve and emits samples; `open` and `phase` are set by the measurement as it goes. */
export class CurveRecorder {
  private readonly points: CurvePoint[] = [];
  private timer: NodeJS.Timeout | undefined;
  private t0 = performance.now();
  /** Bumped by start/stop: a /proc read still in flight after stop() is dropped. */
  private generation = 0;
  open = 0;
  phase: CapacityPhase = 'baseline';

  constructor(private readonly src: CurveSources) {}

  /** The baseline point (open 0) from the measurement before the first connection; starts the clock. */
  baseline(serverRssBytes: number, clientRssBytes: number): void {
    this.t0 = performance.now();
    this.add({ open: 0, serverRssBytes, clientRssBytes }, 'baseline');
  }

  /** Starts sampling /proc every intervalMs, in `phase` until it is changed; runs until stop(). */
  start(phase: CapacityPhase): void {
    this.phase = phase;
    if (this.timer) return;
    const generation = ++this.generation;
    const tick = async (): Promise<void> => {
      await this.sampleNow(generation);
      if (generation !== this.generation) return;
      this.timer = setTimeout(() => void tick(), this.src.intervalMs ?? SAMPLE_MS);
    };
    this.timer = setTimeout(() => void tick(), this.src.intervalMs ?? SAMPLE_MS);
  }

  /** Reads RSS from /proc now and adds a point at the current `open` and `phase` (unless stopped meanwhile). */
  async sampleNow(generation = this.generation): Promise<void> {
    const [server, client] = await Promise.all([rssOf(this.src.serverPids()), rssOf(this.src.clientPids())]);
    if (generation !== this.generation) return;
    if (server !== undefined || client !== undefined) this.add({ open: this.open, serverRssBytes: server ?? 0, clientRssBytes: client ?? 0 }, this.phase);
  }

  /** A point measured by other means (the settled measurement). */
  add(point: CurvePoint, phase: CapacityPhase): void {
    if (phase !== 'holding') this.points.push(point);
    this.src.onSample?.({ protocol: this.src.protocol, target: this.src.target, phase, ...point, elapsedMs: performance.now() - this.t0 });
  }

  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The stored curve, decimated to CURVE_MAX_POINTS. */
  curve(): CurvePoint[] {
    return decimateCurve(this.points);
  }
}

/**
 * Follows the workers' progress (and their final `connected` reports) while they connect;
 * calls `onOpen` with the connections open over all of them. Returns the function that stops.
 */
export function followOpen(clients: readonly Child[], onOpen: (open: number) => void): () => void {
  const open = clients.map(() => 0);
  const offs = clients.map((c, w) =>
    c.listen((msg) => {
      if (msg.type !== 'capacity') return;
      const r = CapacityReportSchema.safeParse(msg.body);
      if (!r.success || (r.data.kind !== 'progress' && r.data.kind !== 'connected')) return;
      open[w] = r.data.kind === 'progress' ? r.data.open : r.data.ok;
      onOpen(open.reduce((a, b) => a + b, 0));
    }),
  );
  return () => offs.forEach((off) => off());
}
