/**
 * One capacity measurement: one protocol, one connection count.
 *   start servers (or broker + publisher) and client workers -> baselines (after GC)
 *   -> paced connects -> wait until RSS stops growing (bounded) -> memory, sockets
 *   -> hold, with keep-alive messages to a sample -> CPU over the hold, drops
 * Every process it starts is stopped before it returns, whatever happens.
 */
import type { FdLimits } from '../env/ulimit.js';
import type { ProtocolName } from '../protocols/names.js';
import { addEncoded, createHistogram, encodeHistogram, summarize } from '../stats.js';
import type { CapacitySample } from './curve.js';
import { CurveRecorder, followOpen } from './curve.js';
import type { CapacityLayout, PortRange } from './layout.js';
import { planLayout } from './layout.js';
import { launchWindowMs } from './pacing.js';
import type { Measurement, SideTotals } from './measure.js';
import { measureAll, sleep } from './measure.js';
import type { CapacityPlan } from './plan.js';
import { ask, Procs } from './procs.js';
import type { CapacityRun, CapacitySide } from './result.js';
import { establishedByPid, readSockstat } from './sys.js';

export interface OneContext {
  plan: CapacityPlan;
  limits: FdLimits;
  ports: PortRange;
  pageSizeBytes: number;
  signal: AbortSignal;
  progress: (line: string) => void;
  onSample?: (s: CapacitySample) => void;
}

/** Slack on top of a step's own time before the controller gives up on a child, ms. */
const SLACK_MS = 30_000;
const SETTLE_POLL_MS = 1000;
/** Quiet time after the last process started, before the baseline, ms. */
const BASELINE_WAIT_MS = 1000;

interface Started {
  endpoints: string[];
  brokerPid: number | undefined;
  brokerLabel: string;
}

async function allOrThrow<T>(tasks: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(tasks);
  const bad = settled.find((r) => r.status === 'rejected');
  if (bad) throw bad.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function start(layout: CapacityLayout, ctx: OneContext, procs: Procs, notes: string[]): Promise<Started> {
  const { plan, signal } = ctx;
  const timeout = plan.timeoutMs + SLACK_MS;
  const common = { protocol: layout.protocol, qos: plan.qos, timeoutMs: plan.timeoutMs };
  let endpoints: string[];
  let brokerPid: number | undefined;
  let brokerLabel = '';
  if (layout.protocol === 'mqtt') {
    const { broker, notices } = await procs.startBroker(plan.broker, layout.attempted + 1);
    notes.push(...notices, `MQTT server side = the broker (${broker.label}); one extra publisher connection sends the keep-alive messages`);
    brokerPid = broker.pid;
    brokerLabel = broker.label;
    const pub = await procs.spawn('pusher', 1);
    const ready = await ask(pub, { kind: 'server', ...common, host: '127.0.0.1', brokerUrl: broker.url, clients: layout.attempted }, 'ready', timeout, signal);
    endpoints = [ready.endpoint];
  } else {
    const readies = await allOrThrow(
      layout.serverHosts.map(async (host) => {
        const child = await procs.spawn('pusher', layout.perServer);
        return ask(child, { kind: 'server', ...common, host, brokerUrl: '', clients: layout.perServer }, 'ready', timeout, signal);
      }),
    );
    endpoints = readies.map((r) => r.endpoint);
  }
  const workers = layout.workerCounts.length;
  const shared = layout.protocol === 'grpc' && plan.grpcChannels === 'shared';
  let first = 0;
  const inits = layout.workerCounts.map((count, w) => {
    const init = { kind: 'client' as const, ...common, first, count, endpoints: shared ? [endpoints[w % endpoints.length] ?? ''] : endpoints,
      ratePerSec: plan.connectRatePerSec / workers, grpcChannels: plan.grpcChannels };
    first += count;
    return init;
  });
  await allOrThrow(
    inits.map(async (init) => {
      const child = await procs.spawn('worker', init.count, plan.workerFdLimit > 0 ? plan.workerFdLimit : undefined);
      return ask(child, init, 'ready', timeout, signal);
    }),
  );
  return { endpoints, brokerPid, brokerLabel };
}

function emptyRun(layout: CapacityLayout): CapacityRun {
  const side = (label: string): CapacitySide => ({ label, processes: 0, rssBaselineBytes: 0, rssAfterBytes: 0, heapDeltaBytes: null, holdCpuPct: 0, establishedTcp: -1 });
  return {
    protocol: layout.protocol, target: layout.target, attempted: layout.attempted, limit: layout.limit, status: 'ok',
    connected: 0, failed: 0, open: 0, errors: {}, drops: {}, connectAllMs: 0, connectUs: summarize(createHistogram()), connectHist: '',
    settleMs: 0, settled: false, server: side(''), client: side(''), kernel: null, keepalive: { sent: 0, received: 0 },
    destinations: [], gcForced: false, notes: [],
  };
}

export async function runOne(protocol: ProtocolName, target: number, ctx: OneContext): Promise<CapacityRun> {
  const { plan, signal } = ctx;
  const layout = planLayout(protocol, target, plan, ctx.limits, ctx.ports);
  const run = emptyRun(layout);
  const procs = new Procs(ctx.limits);
  const label = `${protocol} ${target}`;
  let rec: CurveRecorder | undefined;
  try {
    if (layout.limit) ctx.progress(`${label}: ${layout.limit.reason}; trying ${layout.attempted}`);
    const s = await start(layout, ctx, procs, run.notes);
    run.destinations = s.endpoints;
    const serverPids = (): number[] => (s.brokerPid ? [s.brokerPid] : procs.pids('servers'));
    const serverRss = (m: Measurement): number => (s.brokerPid ? (m.broker?.rssBytes ?? 0) : m.servers.rssBytes);
    rec = new CurveRecorder({ protocol, target, serverPids, clientPids: () => procs.pids('clients'), onSample: ctx.onSample });
    // Baseline: every process started and idle, after a forced GC, before the first connection.
    await sleep(BASELINE_WAIT_MS, signal);
    const base = await measureAll(procs.servers, procs.clients, s.brokerPid, signal);
    const sock0 = readSockstat();
    rec.baseline(serverRss(base), base.clients.rssBytes);
    ctx.progress(`${label}: connecting ${layout.attempted} at ${plan.connectRatePerSec}/s from ${procs.clients.length} worker(s) to ${s.endpoints.length} destination(s)`);
    const curve = rec;
    const unfollow = followOpen(procs.clients, (open) => (curve.open = open));
    rec.start('connecting');
    try {
      await connect(layout, ctx, procs, run);
    } finally {
      unfollow();
    }
    // The last point of connecting: everything connected, before settling (a fast connect may beat the first tick).
    rec.open = run.connected;
    await rec.sampleNow();
    rec.phase = 'settling';
    ctx.progress(`${label}: ${run.connected} connected, ${run.failed} failed in ${(run.connectAllMs / 1000).toFixed(1)} s; waiting for memory to settle`);
    const settleStart = performance.now();
    const total = (m: Measurement): number => m.servers.rssBytes + m.clients.rssBytes + (m.broker?.rssBytes ?? 0);
    let m = await measureAll(procs.servers, procs.clients, s.brokerPid, signal);
    for (let i = 0; i < 3600 && performance.now() - settleStart < plan.settleMs; i++) {
      await sleep(SETTLE_POLL_MS, signal);
      const next = await measureAll(procs.servers, procs.clients, s.brokerPid, signal);
      const grew = total(next) - total(m);
      m = next;
      if (grew <= Math.max(512 * 1024, 0.01 * (total(next) - total(base)))) {
        run.settled = true;
        break;
      }
    }
    run.settleMs = performance.now() - settleStart;
    run.open = m.clients.links;
    // The settled measurement ends the curve; from here samples are live only (the hold).
    rec.open = run.open;
    rec.phase = 'holding';
    rec.add({ open: run.open, serverRssBytes: serverRss(m), clientRssBytes: m.clients.rssBytes }, 'settling');
    run.curve = rec.curve();
    const sock1 = readSockstat();
    if (sock0 && sock1) run.kernel = { tcpMemDeltaBytes: (sock1.tcpMemPages - sock0.tcpMemPages) * ctx.pageSizeBytes, tcpInuseDelta: sock1.tcpInuse - sock0.tcpInuse };
    const tcp = establishedByPid([...serverPids(), ...procs.pids('clients')]);
    const count = (pids: number[]): number => pids.reduce((n, p) => (n < 0 || (tcp.get(p) ?? -1) < 0 ? -1 : n + (tcp.get(p) ?? 0)), 0);
    run.gcForced = m.clients.gcForced && (s.brokerPid !== undefined || m.servers.gcForced);
    ctx.progress(`${label}: holding ${plan.holdMs / 1000} s, keep-alive messages to ${plan.keepaliveSamplePct}%`);
    const end = await hold(ctx, procs, s.brokerPid, run);
    const holdMs = end.atMs - m.atMs;
    const cpuPct = (a: number, b: number): number => (holdMs > 0 ? (b - a) / holdMs / 10 : 0);
    // As the clients saw it (a late link closed after its timeout is no drop).
    run.drops = end.clients.drops;
    run.keepalive.received = end.clients.received;
    run.client = sideOf(`${procs.clients.length} ${protocol} client worker process(es)`, procs.clients.length, base.clients, m.clients, cpuPct(m.clients.cpuUs, end.clients.cpuUs), count(procs.pids('clients')));
    run.server = s.brokerPid
      ? { label: s.brokerLabel, processes: 1, rssBaselineBytes: base.broker?.rssBytes ?? 0, rssAfterBytes: m.broker?.rssBytes ?? 0, heapDeltaBytes: null,
          holdCpuPct: cpuPct(m.broker?.cpuUs ?? 0, end.broker?.cpuUs ?? 0), establishedTcp: count(serverPids()) }
      : sideOf(`${procs.servers.length} ${protocol} server process(es)`, procs.servers.length, base.servers, m.servers, cpuPct(m.servers.cpuUs, end.servers.cpuUs), count(serverPids()));
  } catch (err) {
    run.status = signal.aborted ? 'aborted' : 'failed';
    run.error = err instanceof Error ? err.message : String(err);
  } finally {
    rec?.stop();
    await procs.stopAll();
  }
  return run;
}

function sideOf(label: string, processes: number, b: SideTotals, after: SideTotals, holdCpuPct: number, establishedTcp: number): CapacitySide {
  return { label, processes, rssBaselineBytes: b.rssBytes, rssAfterBytes: after.rssBytes, heapDeltaBytes: after.heapUsedBytes - b.heapUsedBytes, holdCpuPct, establishedTcp };
}

function mergeCounts(...all: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of all) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Connects every worker's share at once; a worker that dies or stalls counts all its connections as failed. */
async function connect(layout: CapacityLayout, ctx: OneContext, procs: Procs, run: CapacityRun): Promise<void> {
  const perWorkerRate = ctx.plan.connectRatePerSec / layout.workerCounts.length;
  const waitMs = launchWindowMs(Math.max(...layout.workerCounts), perWorkerRate) + ctx.plan.timeoutMs + SLACK_MS;
  const t0 = performance.now();
  const results = await Promise.allSettled(procs.clients.map((c) => ask(c, { kind: 'connect' }, 'connected', waitMs, ctx.signal)));
  run.connectAllMs = performance.now() - t0;
  if (ctx.signal.aborted) throw ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('aborted');
  const hist = createHistogram();
  results.forEach((r, w) => {
    if (r.status === 'fulfilled') {
      run.connected += r.value.ok;
      run.failed += r.value.failed;
      run.errors = mergeCounts(run.errors, r.value.errors);
      addEncoded(hist, r.value.connectUs);
    } else {
      const n = layout.workerCounts[w] ?? 0;
      run.failed += n;
      run.errors = mergeCounts(run.errors, { [procs.clients[w]?.alive ? 'worker did not answer' : 'worker crashed']: n });
    }
  });
  run.connectUs = summarize(hist);
  run.connectHist = encodeHistogram(hist);
}

/** Holds the connections for holdMs while the servers send keep-alive messages to a sample over its first half. */
async function hold(ctx: OneContext, procs: Procs, brokerPid: number | undefined, run: CapacityRun): Promise<Measurement> {
  const { plan, signal } = ctx;
  const cmd = { kind: 'send' as const, sharePct: plan.keepaliveSamplePct, spreadMs: plan.holdMs / 2, bytes: plan.keepaliveBytes };
  const [sent] = await Promise.all([
    Promise.all(procs.servers.map((c) => ask(c, cmd, 'sent', plan.holdMs + SLACK_MS, signal))),
    sleep(plan.holdMs, signal),
  ]);
  run.keepalive.sent = sent.reduce((n, r) => n + r.sent, 0);
  // Let the last messages arrive before counting them.
  await sleep(200, signal);
  return measureAll(procs.servers, procs.clients, brokerPid, signal);
}
