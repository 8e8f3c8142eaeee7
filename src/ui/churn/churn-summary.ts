// placeholder until the churn UI branch lands
import type { ChurnPlan } from '../../engine/churn/plan.js';
import type { FdLimits } from '../../engine/env/ulimit.js';
export function summarizeChurnPlan(plan: ChurnPlan, limits: FdLimits | undefined): { scenarios: number; estimateMs: number; notices: string[]; blocker: string | undefined } {
  void limits;
  return { scenarios: plan.clients.length, estimateMs: plan.durationMs, notices: [], blocker: undefined };
}
