/**
 * The line under the Setup form for a churn plan: how many cells, roughly how long, and
 * whether it fits this machine. Churn children start with the inherited soft open-file
 * limit (they do not raise it, unlike `run`'s), so a cell that needs more descriptors in
 * one process than the soft limit is refused here, as preflight.ts refuses a `run` plan.
 */
import { MODE_INFO, modesOf } from '../../engine/churn/modes.js';
import type { ChurnPlan } from '../../engine/churn/plan.js';
import { findRedisServer, REDIS_INSTALL } from '../../engine/churn/redis-server.js';
import { cellSpecs } from '../../engine/churn/run.js';
import type { FdLimits } from '../../engine/env/ulimit.js';
import { FD_OVERHEAD, raiseAdvice } from '../../engine/env/ulimit.js';
import type { PlanSummary } from '../plan-summary.js';

/** Spawning a pusher and workers and connecting every client, per cell, ms (rough; the estimate says "~"). */
export const CELL_STARTUP_MS = 1500;

/** Descriptors per client socket: a client that comes back can hold its new socket before the old one is gone. */
const FDS_PER_CLIENT = 2;

export function workerFdsOf(plan: Pick<ChurnPlan, 'clients' | 'clientsPerWorker'>): number {
  return FDS_PER_CLIENT * Math.min(Math.max(...plan.clients), plan.clientsPerWorker) + FD_OVERHEAD;
}

/** The ws / gRPC pusher holds every client's socket (MQTT's pusher talks to the broker only, which is raised itself). */
export function pusherFdsOf(plan: Pick<ChurnPlan, 'clients' | 'modes' | 'protocols'>): number {
  const direct = modesOf(plan).some((m) => MODE_INFO[m].protocol !== 'mqtt');
  return direct ? FDS_PER_CLIENT * Math.max(...plan.clients) + FD_OVERHEAD : 0;
}

export function churnFdBlocker(plan: ChurnPlan, limits: FdLimits): string | undefined {
  const worker = workerFdsOf(plan);
  const pusher = pusherFdsOf(plan);
  const maxClients = Math.max(...plan.clients);
  const perSocketRoom = Math.floor((limits.soft - FD_OVERHEAD) / FDS_PER_CLIENT);
  if (pusher > limits.soft) {
    return `${maxClients} clients need ~${pusher} open files in the pusher but the soft limit is ${limits.soft}; ` +
      `use --clients ${Math.max(1, perSocketRoom)} or fewer, or raise it (ulimit -n ${pusher}; ${raiseAdvice(pusher)})`;
  }
  if (worker > limits.soft) {
    return `${Math.min(maxClients, plan.clientsPerWorker)} clients per worker need ~${worker} open files but the soft limit is ${limits.soft}; ` +
      `use --clients-per-worker ${Math.max(1, perSocketRoom)} or fewer`;
  }
  return undefined;
}

export function summarizeChurnPlan(plan: ChurnPlan, limits: FdLimits | undefined, lookupRedis: () => string | undefined = findRedisServer): PlanSummary {
  const cells = cellSpecs(plan);
  const perCellMs = CELL_STARTUP_MS + plan.baselineMs + plan.durationMs + plan.drainMs;
  const out: PlanSummary = { scenarios: cells.length, estimateMs: cells.length * perCellMs, notices: [], blocker: undefined };
  if (cells.length === 0) {
    out.blocker = 'no mode to run: the modes chosen and the protocols chosen have none in common';
    return out;
  }
  const outbox = cells.some((c) => MODE_INFO[c.mode].outbox);
  if (outbox && plan.redis === 'auto' && !lookupRedis()) {
    out.notices.push(`outbox modes will be unavailable: redis-server is not installed; ${REDIS_INSTALL}`);
  }
  if (limits) out.blocker = churnFdBlocker(plan, limits);
  return out;
}
