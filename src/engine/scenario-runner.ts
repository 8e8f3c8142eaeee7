/**
 * Runs one scenario: starts its pusher and workers, then for each sample
 *   workers connect (timed) -> pusher runs the pattern -> workers disconnect,
 * folding every tick and report into a ScenarioAccumulator. A child that dies is
 * counted and restarted for the next sample; the scenario still finishes.
 */
import { readdir } from 'node:fs/promises';
import type { FdLimits } from './env/ulimit.js';
import { softLimitFor } from './env/ulimit.js';
import type { Role } from './messages.js';
import type { Child } from './pool.js';
import { ChildTimeoutError, spawnChild, WorkerCrashedError } from './pool.js';
import { pusherFds, workerFds } from './preflight.js';
import { protocolFor } from './protocols/index.js';
import { ScenarioAccumulator } from './results.js';
import type { ScenarioResult } from './results.js';
import type { ProcessStat, RunEvent } from './run.js';
import type { RunService } from './services.js';
import { ServiceDiedError } from './services.js';
import type { Scenario } from './scenario.js';
import { splitClients } from './scenario.js';

export interface ScenarioContext {
  index: number;
  limits: FdLimits;
  signal: AbortSignal;
  emit: (e: RunEvent) => void;
  /** Run services this scenario uses (the MQTT broker): their resources join the scenario's. */
  services?: readonly RunService[];
}

/** Slack on top of a child's own timeouts before the controller gives up on it, ms. */
const CONTROL_SLACK_MS = 10_000;

interface Slot {
  role: Role;
  index: number;
  clientIds: string[];
  child: Child | undefined;
  stat: ProcessStat | undefined;
  /** Set when the controller itself kills the child (e.g. it stopped answering). */
  expectExit: boolean;
}

export async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<ScenarioResult> {
  const groups = splitClients(scenario.clients, scenario.clientsPerWorker);
  const acc = new ScenarioAccumulator(scenario, protocolFor(scenario.protocol).facts(scenario), groups.length);
  const pusher: Slot = { role: 'pusher', index: 0, clientIds: [], child: undefined, stat: undefined, expectExit: false };
  const workers: Slot[] = groups.map((clientIds, index) => ({ role: 'worker', index, clientIds, child: undefined, stat: undefined, expectExit: false }));
  const all = [pusher, ...workers];
  const started = performance.now();
  const serviceStats = new Map<RunService, ProcessStat>();
  const offServices = (ctx.services ?? []).map((svc) =>
    svc.onResources((r) => {
      acc.tick(svc.role, svc.role, {}, 0, r);
      serviceStats.set(svc, { role: svc.role, pid: svc.pid ?? -1, cpuPct: r.intervalMs > 0 ? r.cpuUs / 10 / r.intervalMs : 0, rssBytes: r.rssBytes, elDelayP99Us: r.elDelayP99Us, fds: -1 });
    }),
  );
  let sample = 0;
  let endpoint = '';
  let stopping = false;

  const emitTick = (): void => {
    const live = acc.takeLive();
    const processes = [...all.flatMap((s) => (s.stat ? [s.stat] : [])), ...serviceStats.values()];
    const busiest = all.reduce((m, s) => (s.stat && s.stat.fds > (m.stat?.fds ?? -1) ? s : m), pusher);
    ctx.emit({
      type: 'tick',
      index: ctx.index,
      sample,
      elapsedMs: performance.now() - started,
      rttP50Us: live.rtt.p50Us,
      rttP99Us: live.rtt.p99Us,
      oneWayP50Us: live.oneWay.p50Us,
      msgsPerSec: live.msgsPerSec,
      errors: acc.failuresSoFar(),
      fds: { used: busiest.stat?.fds ?? -1, limit: limitFor(busiest, scenario, ctx.limits) },
      processes,
    });
  };

  const start = async (slot: Slot): Promise<Child> => {
    const fds = slot.role === 'pusher' ? pusherFds(scenario) : workerFds(scenario);
    const child = await spawnChild(slot.role, { fds, limits: ctx.limits });
    const pid = child.pid ?? -1;
    slot.child = child;
    slot.expectExit = false;
    ctx.emit({ type: 'process', role: slot.role, pid, state: 'started', scenarioId: scenario.id });
    child.listen((msg) => {
      if (msg.type !== 'tick') return;
      const r = msg.resources;
      slot.stat = { role: slot.role, pid, cpuPct: r.intervalMs > 0 ? r.cpuUs / 10 / r.intervalMs : 0, rssBytes: r.rssBytes, elDelayP99Us: r.elDelayP99Us, fds: slot.stat?.fds ?? -1 };
      acc.tick(slot.role, `${slot.role}${slot.index}`, msg.hist, msg.events, r);
      if (slot.role === 'pusher') emitTick();
    });
    void child.exited.then((e) => {
      ctx.emit({ type: 'process', role: slot.role, pid, state: 'exited', scenarioId: scenario.id });
      if (stopping || slot.expectExit) return;
      if (slot.role === 'pusher') acc.pusherCrashed();
      else acc.workerCrashed(`worker crashed (${e.signal ?? `exit ${e.exitCode ?? '?'}`})`);
    });
    const init = { type: 'init' as const, role: slot.role, scenario, workerIndex: slot.index, clientIds: slot.clientIds };
    child.send(init);
    if (slot.role === 'pusher') {
      child.send({ type: 'prepare' });
      endpoint = (await child.next('prepared', scenario.timeoutMs + CONTROL_SLACK_MS, ctx.signal)).endpoint;
    }
    return child;
  };

  const fdTimer = setInterval(() => void countFds(all), 1000);
  let status: ScenarioResult['status'] = 'ok';
  let error: string | undefined;
  try {
    for (sample = 1; sample <= scenario.samples; sample++) {
      if (ctx.signal.aborted) {
        status = stoppedStatus(ctx.signal);
        error = ctx.signal.reason instanceof ServiceDiedError ? ctx.signal.reason.message : undefined;
        break;
      }
      // allSettled: a child still starting when another fails must be owned before we stop them all.
      const starts = await Promise.allSettled(all.filter((s) => !s.child?.alive).map(start));
      const failedStart = starts.find((r) => r.status === 'rejected');
      if (failedStart) throw failedStart.reason;
      acc.beginSample();
      const result = await runSample(scenario, sample, endpoint, pusher, workers, acc, ctx.signal);
      ctx.emit({ type: 'sample-done', index: ctx.index, result });
    }
  } catch (err) {
    status = ctx.signal.aborted ? stoppedStatus(ctx.signal) : 'failed';
    error = err instanceof Error ? err.message : String(err);
  } finally {
    stopping = true;
    clearInterval(fdTimer);
    for (const off of offServices) off();
    await Promise.all(all.map((s) => s.child?.stop() ?? Promise.resolve()));
  }
  return acc.result(status, error);
}

async function runSample(
  scenario: Scenario,
  sample: number,
  endpoint: string,
  pusher: Slot,
  workers: Slot[],
  acc: ScenarioAccumulator,
  signal: AbortSignal,
): Promise<ReturnType<ScenarioAccumulator['endSample']>> {
  const connectWait = scenario.timeoutMs + CONTROL_SLACK_MS;
  for (const w of workers) w.child?.send({ type: 'connect', sample, endpoint });
  const connected = await Promise.allSettled(workers.map((w) => must(w).next('connected', connectWait, signal)));
  const ok: string[] = [];
  connected.forEach((r, i) => {
    if (r.status === 'fulfilled') {
      ok.push(...r.value.ok);
      acc.connected(r.value.failed, r.value.errors, r.value.hist);
    } else {
      acc.workerLost(workers[i]?.clientIds.length ?? 0);
    }
  });
  throwIfAborted(signal);
  const p = must(pusher);
  acc.setMeasuring(true);
  p.send({ type: 'go', sample, clientIds: ok });
  const scheduleMs = scenario.pattern === 'rate' ? ((scenario.warmupMessages + scenario.messages) / scenario.ratePerClient) * 1000 : 0;
  try {
    const done = await p.next('sample-done', scheduleMs + scenario.timeoutMs + CONTROL_SLACK_MS, signal);
    acc.pusherDone(done.stats, done.hist);
  } catch (err) {
    throwIfAborted(signal);
    acc.pusherFailed(ok.length, err instanceof WorkerCrashedError ? 'pusher crashed' : err instanceof ChildTimeoutError ? 'pusher did not answer' : String(err));
    if (p.alive) {
      pusher.expectExit = true;
      p.kill();
    }
  }
  // Workers send their last tick just before 'disconnected': it still counts as measured.
  for (const w of workers) w.child?.send({ type: 'disconnect', sample });
  const disconnected = await Promise.allSettled(
    workers.filter((w) => w.child?.alive).map((w) => must(w).next('disconnected', CONTROL_SLACK_MS, signal)),
  );
  acc.setMeasuring(false);
  for (const r of disconnected) if (r.status === 'fulfilled') acc.workerDone(r.value.stats);
  throwIfAborted(signal);
  return acc.endSample(sample);
}

/** Aborted by the user, or failed because a service it needs (the broker) died. */
function stoppedStatus(signal: AbortSignal): ScenarioResult['status'] {
  return signal.reason instanceof ServiceDiedError ? 'failed' : 'aborted';
}

function must(slot: Slot): Child {
  if (!slot.child) throw new Error(`${slot.role} ${slot.index} is not running`);
  return slot.child;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

function limitFor(slot: Slot, scenario: Scenario, limits: FdLimits): number {
  const fds = slot.role === 'pusher' ? pusherFds(scenario) : workerFds(scenario);
  return softLimitFor(fds, limits) ?? limits.soft;
}

/** Open descriptors per child from /proc (Linux); read here so no measuring process pays for it. */
async function countFds(slots: Slot[]): Promise<void> {
  if (process.platform !== 'linux') return;
  await Promise.all(
    slots.map(async (s) => {
      const pid = s.child?.pid;
      if (!pid || !s.stat) return;
      try {
        s.stat.fds = (await readdir(`/proc/${pid}/fd`)).length;
      } catch {
        // exited between the check and the read
      }
    }),
  );
}
