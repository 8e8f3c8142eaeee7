/**
 * The line under the Setup form for a capacity plan: how many measurements, roughly how
 * long, how they will be spread over processes and loopback addresses (the engine's own
 * layout), and where a limit will cut a target (MQTT's one broker at its fd limit).
 */
import type { CapacityLayout } from '../../engine/capacity/layout.js';
import { planLayout } from '../../engine/capacity/layout.js';
import type { CapacityPlan } from '../../engine/capacity/plan.js';
import { DEFAULT_PORTS } from '../../engine/capacity/run.js';
import type { MachineLimits } from '../../engine/env/ulimit.js';
import { FD_OVERHEAD } from '../../engine/env/ulimit.js';
import { formatCount } from '../../engine/report/format.js';
import type { PlanSummary } from '../plan-summary.js';

/** Start-up of one measurement: servers or broker, workers, the baseline's quiet second and GC, ms. */
export const STARTUP_MS = 2000;

export interface CapacitySummary extends PlanSummary {
  info: string[];
}

/** One measurement's rough duration: start-up, paced connects, half the settle bound, the hold. */
export function estimateCapacityRunMs(plan: CapacityPlan, connections: number): number {
  return STARTUP_MS + (connections / plan.connectRatePerSec) * 1000 + plan.settleMs / 2 + plan.holdMs;
}

function spread(l: CapacityLayout): string {
  const workers = `${l.workerCounts.length} client worker${l.workerCounts.length === 1 ? '' : 's'}`;
  if (l.protocol === 'mqtt') return `${l.protocol} ${formatCount(l.attempted)}: one broker process, ${workers}`;
  const hosts = l.serverHosts.length === 1 ? (l.serverHosts[0] ?? '') : `${l.serverHosts[0] ?? ''}…${l.serverHosts.at(-1) ?? ''}`;
  return `${l.protocol} ${formatCount(l.attempted)}: ${l.serverHosts.length} server process${l.serverHosts.length === 1 ? '' : 'es'} on ${hosts}, ${workers}`;
}

/** `limits.ports`, when Setup could read them, replace Linux's default range in the layout. */
export function summarizeCapacityPlan(plan: CapacityPlan, limits: MachineLimits | undefined): CapacitySummary {
  const pairs = plan.protocols.flatMap((protocol) => plan.connections.map((n) => ({ protocol, n })));
  const out: CapacitySummary = { scenarios: pairs.length, estimateMs: 0, notices: [], info: [], blocker: undefined };
  if (!limits) {
    out.estimateMs = pairs.reduce((t, p) => t + estimateCapacityRunMs(plan, p.n), 0);
    return out;
  }
  if (Number.isFinite(limits.hard) && limits.hard - FD_OVERHEAD < 2) {
    out.blocker = `the open-file hard limit (${limits.hard}) leaves no descriptor for connections: each process needs ${FD_OVERHEAD} for itself`;
    return out;
  }
  const layouts = pairs.map((p) => planLayout(p.protocol, p.n, plan, limits, limits.ports ?? DEFAULT_PORTS));
  out.estimateMs = layouts.reduce((t, l) => t + estimateCapacityRunMs(plan, l.attempted), 0);
  for (const l of layouts) {
    if (l.limit) out.notices.push(`${l.protocol} ${formatCount(l.target)} will stop at ${formatCount(l.attempted)}: ${l.limit.reason}`);
  }
  // How the largest count of each protocol is spread (smaller counts use as many or fewer).
  for (const protocol of plan.protocols) {
    const biggest = layouts.filter((l) => l.protocol === protocol).sort((a, b) => b.attempted - a.attempted)[0];
    if (biggest) out.info.push(spread(biggest));
  }
  return out;
}
