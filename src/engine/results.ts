/**
 * What a run produces, and the accumulator that builds a scenario's result from its
 * children's ticks and sample reports. Nothing here talks to processes: it is fed
 * validated messages, so it is tested as a pure unit.
 */
import type { PusherSampleStats, Resources, Role, WorkerSampleStats } from './messages.js';
import type { FairnessFacts } from './protocols/types.js';
import type { Scenario } from './scenario.js';
import type { Histogram, LatencySummary } from './stats.js';
import { createHistogram, decodeHistogram, encodeHistogram, meanStdev, summarize } from './stats.js';

export const HIST_NAMES = ['rttUs', 'rttUncorrectedUs', 'cycleUs', 'oneWayUs', 'connectUs'] as const;
export type HistName = (typeof HIST_NAMES)[number];

export interface SampleResult {
  sample: number;
  cycleMeanMs: number;
  rttP50Us: number;
  rttP99Us: number;
  rttP999Us: number;
  oneWayP50Us: number;
  msgsPerSec: number;
  clientsFinished: number;
  failures: number;
}

/** Every way a message or client can fail; none is averaged away. */
export interface FailureCounts {
  clientsFailedToConnect: number;
  clientsTimedOut: number;
  clientsDisconnected: number;
  sent: number;
  acked: number;
  lost: number;
  unsent: number;
  duplicateAcks: number;
  unexpectedAcks: number;
  duplicatesAtClient: number;
  outOfOrder: number;
  /**
   * Notifications of an earlier sample that a persistent MQTT session delivered after the
   * client reconnected (see child/client-tally.ts). Shown, not a failure of this sample: the
   * sample that sent them already counted them lost (or acked, for a QoS 1 redelivery).
   */
  staleAtClient: number;
  decodeErrors: number;
  behind: number;
  workerCrashes: number;
  pusherCrashes: number;
}

export interface ProcessUsage {
  processes: number;
  /** Percent of one core, averaged over the measured part of the samples (per process). */
  cpuPctMean: number;
  cpuPctMax: number;
  rssMaxBytes: number;
  heapMaxBytes: number;
  elDelayP99MaxUs: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  status: 'ok' | 'failed' | 'aborted';
  error?: string;
  samples: SampleResult[];
  /** Encoded HDR histograms (microseconds), merged over samples. */
  hist: Partial<Record<HistName, string>>;
  latency: Record<HistName, LatencySummary>;
  /** Mean cycle (first send to last ack of N messages) per client, ms: mean and stdev over samples. */
  cycleMs: { mean: number; stdev: number };
  msgsPerSec: { mean: number; stdev: number };
  counts: FailureCounts;
  /** failed clients + lost + duplicated + crashes: the matrix's failure figure. */
  failures: number;
  errors: Record<string, number>;
  /** `broker`: the MQTT broker's process while this scenario ran (absent for an external broker). */
  resources: { pusher: ProcessUsage; workers: ProcessUsage; broker?: ProcessUsage; clientBound: boolean; pusherBound: boolean };
  fairness: FairnessFacts & {
    encodedNotificationBytes: number;
    encodedAckBytes: number;
    /** Bytes the push side wrote per notification, framing included (TCP/IP headers not). */
    wireBytesPerNotification: number;
    wireBytesPerAck: number;
    warmupMessages: number;
    workerProcesses: number;
  };
  durationMs: number;
}

/** CPU over a tick above which a child counts as saturated, percent of one core. */
export const SATURATED_CPU_PCT = 85;
/** CPU over one tick that, with a lagging event loop, also counts as saturated. */
export const SATURATED_PEAK_CPU_PCT = 95;
/** Event-loop delay p99 above which a pegged child counts as saturated, microseconds. */
export const SATURATED_EL_DELAY_US = 50_000;

class UsageAcc {
  private cpuSum = 0;
  private cpuTicks = 0;
  private readonly pids = new Set<string>();
  usage: ProcessUsage = { processes: 0, cpuPctMean: 0, cpuPctMax: 0, rssMaxBytes: 0, heapMaxBytes: 0, elDelayP99MaxUs: 0 };

  add(who: string, r: Resources, measured: boolean): void {
    this.pids.add(who);
    const u = this.usage;
    u.processes = this.pids.size;
    u.rssMaxBytes = Math.max(u.rssMaxBytes, r.rssBytes);
    u.heapMaxBytes = Math.max(u.heapMaxBytes, r.heapUsedBytes);
    if (!measured || r.intervalMs <= 0) return;
    const pct = (r.cpuUs / 1000 / r.intervalMs) * 100;
    this.cpuSum += pct;
    this.cpuTicks++;
    u.cpuPctMean = this.cpuSum / this.cpuTicks;
    u.cpuPctMax = Math.max(u.cpuPctMax, pct);
    u.elDelayP99MaxUs = Math.max(u.elDelayP99MaxUs, r.elDelayP99Us);
  }
}

function zeroCounts(): FailureCounts {
  return {
    clientsFailedToConnect: 0, clientsTimedOut: 0, clientsDisconnected: 0, sent: 0, acked: 0, lost: 0, unsent: 0,
    duplicateAcks: 0, unexpectedAcks: 0, duplicatesAtClient: 0, outOfOrder: 0, staleAtClient: 0, decodeErrors: 0, behind: 0,
    workerCrashes: 0, pusherCrashes: 0,
  };
}

export function failuresOf(c: FailureCounts): number {
  return c.clientsFailedToConnect + c.clientsTimedOut + c.clientsDisconnected + c.lost + c.duplicateAcks +
    c.unexpectedAcks + c.duplicatesAtClient + c.decodeErrors + c.workerCrashes + c.pusherCrashes;
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

export class ScenarioAccumulator {
  private readonly total = new Map<HistName, Histogram>(HIST_NAMES.map((n) => [n, createHistogram()]));
  private sampleHist = new Map<HistName, Histogram>();
  private readonly counts = zeroCounts();
  private readonly errors: Record<string, number> = {};
  private readonly samples: SampleResult[] = [];
  private readonly pusherUsage = new UsageAcc();
  private readonly workerUsage = new UsageAcc();
  private readonly brokerUsage = new UsageAcc();
  private sampleCounts = zeroCounts();
  private measuring = false;
  private wire = { down: 0, up: 0, notifications: 0, acks: 0, encodedN: 0, encodedA: 0 };
  private readonly startedAt = performance.now();
  /** Live: values since the last `takeLive()`. */
  private live = { rtt: createHistogram(), oneWay: createHistogram(), acks: 0, ms: 0 };

  constructor(
    readonly scenario: Scenario,
    private readonly facts: FairnessFacts,
    private readonly workerProcesses: number,
  ) {}

  beginSample(): void {
    this.sampleHist = new Map(HIST_NAMES.map((n) => [n, createHistogram()]));
    this.sampleCounts = zeroCounts();
  }

  /** Between `go` and the pusher's sample-done: resources then count toward CPU figures. */
  setMeasuring(on: boolean): void {
    this.measuring = on;
  }

  tick(role: Role, who: string, hist: Record<string, string>, events: number, resources: Resources): void {
    for (const [name, enc] of Object.entries(hist)) {
      const live = name === 'rttUs' ? this.live.rtt : name === 'oneWayUs' ? this.live.oneWay : undefined;
      this.addHist(name as HistName, enc, live);
    }
    if (role === 'pusher') {
      this.live.acks += events;
      this.live.ms += resources.intervalMs;
      this.pusherUsage.add(who, resources, this.measuring);
    } else if (role === 'broker') {
      this.brokerUsage.add(who, resources, this.measuring);
    } else {
      this.workerUsage.add(who, resources, this.measuring);
    }
  }

  /** Summary of what arrived since the previous call, for live displays. */
  takeLive(): { rtt: LatencySummary; oneWay: LatencySummary; msgsPerSec: number } {
    const out = {
      rtt: summarize(this.live.rtt),
      oneWay: summarize(this.live.oneWay),
      msgsPerSec: this.live.ms > 0 ? (this.live.acks / this.live.ms) * 1000 : 0,
    };
    this.live.rtt.reset();
    this.live.oneWay.reset();
    this.live.acks = 0;
    this.live.ms = 0;
    return out;
  }

  connected(failed: number, errors: Record<string, number>, hist: Record<string, string>): void {
    this.sampleCounts.clientsFailedToConnect += failed;
    addCounts(this.errors, errors);
    for (const [name, enc] of Object.entries(hist)) this.addHist(name as HistName, enc);
  }

  workerCrashed(reason: string): void {
    this.sampleCounts.workerCrashes++;
    this.errors[reason] = (this.errors[reason] ?? 0) + 1;
  }

  /** A worker that could not even report its connections: all its clients failed. */
  workerLost(clients: number): void {
    this.sampleCounts.clientsFailedToConnect += clients;
  }

  pusherCrashed(): void {
    this.sampleCounts.pusherCrashes++;
  }

  /** The pusher did not finish the sample (crash or no answer): its clients count as disconnected. */
  pusherFailed(clients: number, reason: string): void {
    this.sampleCounts.clientsDisconnected += clients;
    this.errors[reason] = (this.errors[reason] ?? 0) + 1;
  }

  failuresSoFar(): number {
    return failuresOf(this.counts) + failuresOf(this.sampleCounts);
  }

  pusherDone(s: PusherSampleStats, hist: Record<string, string>): void {
    const c = this.sampleCounts;
    c.clientsTimedOut += s.clientsTimedOut;
    c.clientsDisconnected += s.clientsDisconnected;
    c.sent += s.sent;
    c.acked += s.acked;
    c.lost += s.lost;
    c.unsent += s.unsent;
    c.duplicateAcks += s.duplicateAcks;
    c.unexpectedAcks += s.unexpectedAcks;
    c.behind += s.behind;
    addCounts(this.errors, s.errors);
    for (const [name, enc] of Object.entries(hist)) this.addHist(name as HistName, enc);
    this.wire.down += s.wireBytesDown;
    this.wire.up += s.wireBytesUp;
    this.wire.notifications += s.sent;
    this.wire.acks += s.acked + s.duplicateAcks + s.unexpectedAcks;
    this.wire.encodedN ||= s.encodedNotificationBytes;
    this.wire.encodedA ||= s.encodedAckBytes;
    this.pendingSample = { clientsFinished: s.clientsFinished, measuredAcked: s.measuredAcked, windowMs: s.windowMs };
  }

  private pendingSample: { clientsFinished: number; measuredAcked: number; windowMs: number } | undefined;

  workerDone(s: WorkerSampleStats): void {
    const c = this.sampleCounts;
    c.duplicatesAtClient += s.duplicates;
    c.outOfOrder += s.outOfOrder;
    c.staleAtClient += s.stale;
    c.decodeErrors += s.decodeErrors;
    addCounts(this.errors, s.errors);
  }

  endSample(sample: number): SampleResult {
    const cycle = this.sampleHist.get('cycleUs');
    const rtt = summarize(this.sampleHist.get('rttUs') ?? createHistogram());
    const oneWay = summarize(this.sampleHist.get('oneWayUs') ?? createHistogram());
    const p = this.pendingSample;
    this.pendingSample = undefined;
    const result: SampleResult = {
      sample,
      cycleMeanMs: cycle && cycle.totalCount > 0 ? cycle.mean / 1000 : 0,
      rttP50Us: rtt.p50Us,
      rttP99Us: rtt.p99Us,
      rttP999Us: rtt.p999Us,
      oneWayP50Us: oneWay.p50Us,
      msgsPerSec: p && p.windowMs > 0 ? (p.measuredAcked / p.windowMs) * 1000 : 0,
      clientsFinished: p?.clientsFinished ?? 0,
      failures: failuresOf(this.sampleCounts),
    };
    for (const k of Object.keys(this.counts) as (keyof FailureCounts)[]) this.counts[k] += this.sampleCounts[k];
    this.samples.push(result);
    return result;
  }

  /** Decodes once (inflate is the controller's main cost) and adds to the run, sample and live totals. */
  private addHist(name: HistName, encoded: string | undefined, live?: Histogram): void {
    const total = this.total.get(name);
    if (!total || !encoded) return;
    const h = decodeHistogram(encoded);
    total.add(h);
    this.sampleHist.get(name)?.add(h);
    live?.add(h);
    h.destroy();
  }

  result(status: ScenarioResult['status'], error?: string): ScenarioResult {
    const done = this.samples.filter((s) => s.clientsFinished > 0);
    const hist: Partial<Record<HistName, string>> = {};
    const latency = {} as Record<HistName, LatencySummary>;
    for (const [name, h] of this.total) {
      latency[name] = summarize(h);
      if (h.totalCount > 0) hist[name] = encodeHistogram(h);
    }
    const pusher = this.pusherUsage.usage;
    const workers = this.workerUsage.usage;
    const broker = this.brokerUsage.usage;
    // Saturated by its own work: busy on average, or pegged while its own loop lagged. Loop
    // delay alone (without CPU) means the host was busy elsewhere, which the column shows.
    const saturated = (u: ProcessUsage): boolean =>
      u.cpuPctMean >= SATURATED_CPU_PCT || (u.cpuPctMax >= SATURATED_PEAK_CPU_PCT && u.elDelayP99MaxUs >= SATURATED_EL_DELAY_US);
    return {
      scenario: this.scenario,
      status,
      ...(error ? { error } : {}),
      samples: this.samples,
      hist,
      latency,
      cycleMs: meanStdev(done.map((s) => s.cycleMeanMs)),
      msgsPerSec: meanStdev(done.map((s) => s.msgsPerSec)),
      counts: { ...this.counts },
      failures: failuresOf(this.counts),
      errors: { ...this.errors },
      resources: { pusher, workers, ...(broker.processes > 0 ? { broker } : {}), clientBound: saturated(workers), pusherBound: saturated(pusher) },
      fairness: {
        ...this.facts,
        encodedNotificationBytes: this.wire.encodedN,
        encodedAckBytes: this.wire.encodedA,
        wireBytesPerNotification: this.wire.notifications > 0 ? this.wire.down / this.wire.notifications : 0,
        wireBytesPerAck: this.wire.acks > 0 ? this.wire.up / this.wire.acks : 0,
        warmupMessages: this.scenario.warmupMessages,
        workerProcesses: this.workerProcesses,
      },
      durationMs: performance.now() - this.startedAt,
    };
  }
}
