/**
 * One churn cell: spawn a pusher and workers, connect every client, run the baseline and
 * churn phases from one shared start time, collect what was received and what was sent,
 * classify the losses, and stop every child whatever happened.
 */
import { randomBytes } from 'node:crypto';
import { nowNs } from '../clock.js';
import { splitClients } from '../scenario.js';
import { addEncoded, createHistogram, encodeHistogram } from '../stats.js';
import type { ChurnChild } from './child-pool.js';
import { spawnChurnChild } from './child-pool.js';
import type { ChurnCell, PusherReport, WorkerClientReport } from './messages.js';
import type { ChurnMode } from './modes.js';
import { MODE_INFO } from './modes.js';
import type { ChurnPlan } from './plan.js';
import type { ChurnCellResult } from './result.js';
import { analyzeDelivery, ZERO_COUNTS } from './result.js';
import type { DropSchedule } from './schedule.js';
import { dropSchedule } from './schedule.js';
import type { ChurnServices } from './services.js';
import { usedMemory } from './services.js';

export interface CellSpec {
  id: string;
  mode: ChurnMode;
  clients: number;
  dropShare: number;
}

export interface CellContext {
  services: ChurnServices;
  signal: AbortSignal;
  emit: (e: { type: 'progress'; sent: number; acked: number } | { type: 'process'; pid: number; state: 'started' | 'exited' }) => void;
  schedule?: (spec: CellSpec, ids: readonly string[]) => DropSchedule;
}

/** Slack on top of a phase's own length before the controller gives up on a child, ms. */
const SLACK_MS = 15_000;
/** Lead time between 'go' and the shared start, so that every child is listening, ms. */
const LEAD_MS = 200;

function cellOf(spec: CellSpec, plan: ChurnPlan, s: ChurnServices): ChurnCell {
  const info = MODE_INFO[spec.mode];
  return {
    id: spec.id, mode: spec.mode, clients: spec.clients, dropShare: spec.dropShare, ratePerClient: plan.ratePerClient, baselineMs: plan.baselineMs, warmupMs: plan.warmupMs,
    durationMs: plan.durationMs, drainMs: plan.drainMs, payloadBytes: plan.payloadBytes, encoding: plan.encoding, host: plan.host, timeoutMs: plan.timeoutMs,
    runId: randomBytes(5).toString('hex'),
    ...(info.protocol === 'mqtt' && s.broker ? { brokerUrl: s.broker.url } : {}),
    ...(info.outbox && s.redis ? { redisUrl: s.redis.url } : {}),
  };
}

export async function runCell(spec: CellSpec, plan: ChurnPlan, ctx: CellContext): Promise<ChurnCellResult> {
  const cell = cellOf(spec, plan, ctx.services);
  const ids = Array.from({ length: spec.clients }, (_, i) => `c${i}`);
  const schedule = ctx.schedule?.(spec, ids) ?? dropSchedule(ids, { share: spec.dropShare, dropsPerClient: plan.dropsPerClient, offlineMs: plan.offlineMs, durationMs: plan.durationMs, kind: plan.dropKind, seed: plan.seed });
  const groups = splitClients(spec.clients, plan.clientsPerWorker);
  const children: ChurnChild[] = [];
  const result: ChurnCellResult = {
    ...spec, status: 'ok', guarantee: MODE_INFO[spec.mode].guarantee, counts: { ...ZERO_COUNTS },
    drops: { abrupt: 0, graceful: 0, reconnectFailures: 0, caughtUp: 0, notCaughtUp: 0 }, connectFailures: 0, acked: 0, duplicateAcks: 0, behind: 0, errors: {}, hist: {},
  };
  let memTimer: NodeJS.Timeout | undefined;
  try {
    const spawned = await Promise.allSettled([spawnChurnChild('pusher'), ...groups.map(() => spawnChurnChild('worker'))]);
    for (const r of spawned) if (r.status === 'fulfilled') children.push(r.value);
    for (const c of children) if (c.pid) ctx.emit({ type: 'process', pid: c.pid, state: 'started' });
    const failed = spawned.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const [pusher, ...workers] = children as [ChurnChild, ...ChurnChild[]];
    pusher.send({ type: 'init', role: 'pusher', cell, clientIds: ids, schedule: {} });
    pusher.send({ type: 'prepare' });
    const { endpoint } = await pusher.next('prepared', plan.timeoutMs + SLACK_MS, ctx.signal);
    workers.forEach((w, i) => {
      const mine = groups[i] ?? [];
      w.send({ type: 'init', role: 'worker', cell, clientIds: mine, schedule: Object.fromEntries(mine.map((id) => [id, schedule[id] ?? []])) });
      w.send({ type: 'connect', endpoint });
    });
    for (const c of await Promise.all(workers.map((w) => w.next('connected', plan.timeoutMs + SLACK_MS, ctx.signal)))) {
      result.connectFailures += c.failed;
      for (const [k, v] of Object.entries(c.errors)) result.errors[`connect: ${k}`] = (result.errors[`connect: ${k}`] ?? 0) + v;
    }
    const memBefore = await usedMemory(ctx.services);
    let memPeak = memBefore;
    if (MODE_INFO[spec.mode].outbox) memTimer = setInterval(() => void usedMemory(ctx.services).then((m) => (memPeak = Math.max(memPeak, m))), 250);
    const offProgress = pusher.listen((m) => {
      if (m.type === 'progress') ctx.emit({ type: 'progress', sent: m.sent, acked: m.acked });
    });
    const t0Ns = nowNs() + LEAD_MS * 1e6;
    for (const c of children) c.send({ type: 'go', t0Ns });
    await pusher.next('sent', LEAD_MS + plan.baselineMs + plan.durationMs + plan.drainMs + SLACK_MS, ctx.signal);
    offProgress();
    for (const w of workers) w.send({ type: 'finish' });
    const reports = await Promise.all(workers.map((w) => w.next('worker-report', SLACK_MS, ctx.signal)));
    const clients: WorkerClientReport[] = reports.flatMap((r) => r.clients);
    pusher.send({ type: 'classify', windows: Object.fromEntries(clients.map((c) => [c.id, c.windows.map((w) => ({ offNs: w.offNs, backNs: w.backNs }))])) });
    const { report } = await pusher.next('pusher-report', SLACK_MS, ctx.signal);
    clearInterval(memTimer);
    const memAfter = await usedMemory(ctx.services);
    fold(result, report, reports, clients);
    if (MODE_INFO[spec.mode].outbox) result.outbox = { ...report.outbox, memoryBeforeBytes: memBefore, memoryPeakBytes: Math.max(memPeak, memAfter), memoryAfterBytes: memAfter };
  } catch (err) {
    result.status = ctx.signal.aborted ? 'aborted' : 'failed';
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    clearInterval(memTimer);
    await Promise.all(children.map((c) => c.stop()));
    for (const c of children) if (c.pid) ctx.emit({ type: 'process', pid: c.pid, state: 'exited' });
  }
  return result;
}

type WorkerReport = { reconnectFailures: number; caughtUp: number; notCaughtUp: number; errors: Record<string, number>; hist: Record<string, string> };

function fold(result: ChurnCellResult, pusher: PusherReport, workers: readonly WorkerReport[], clients: readonly WorkerClientReport[]): void {
  result.counts = analyzeDelivery(pusher, clients);
  result.acked = pusher.acked;
  result.duplicateAcks = pusher.duplicateAcks;
  result.behind = pusher.behind;
  const add = (from: Record<string, number>, prefix: string): void => {
    for (const [k, v] of Object.entries(from)) result.errors[`${prefix}${k}`] = (result.errors[`${prefix}${k}`] ?? 0) + v;
  };
  add(pusher.errors, 'pusher: ');
  for (const w of workers) {
    result.drops.reconnectFailures += w.reconnectFailures;
    result.drops.caughtUp += w.caughtUp;
    result.drops.notCaughtUp += w.notCaughtUp;
    add(w.errors, 'client: ');
  }
  for (const c of clients) for (const w of c.windows) result.drops[w.kind]++;
  result.hist = { ...pusher.hist, ...mergeHists(workers.map((w) => w.hist)) };
}

function mergeHists(parts: readonly Record<string, string>[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of new Set(parts.flatMap((p) => Object.keys(p)))) out[name] = mergeEncoded(parts.map((p) => p[name]));
  return out;
}

function mergeEncoded(parts: readonly (string | undefined)[]): string {
  const h = createHistogram();
  for (const p of parts) addEncoded(h, p);
  const out = encodeHistogram(h);
  h.destroy();
  return out;
}
