// placeholder until the capacity UI branch lands
import type { CapacityPlan } from '../../engine/capacity/plan.js';
import type { FdLimits } from '../../engine/env/ulimit.js';
export function summarizeCapacityPlan(plan: CapacityPlan, limits: FdLimits | undefined): { scenarios: number; estimateMs: number; notices: string[]; blocker: string | undefined } {
  void limits;
  return { scenarios: plan.connections.length, estimateMs: plan.holdMs, notices: [], blocker: undefined };
}
