/**
 * What a snapshot can hold: a latency run (`pushtui run`, the app's default), a churn run
 * or a capacity run. Latency results carry no `kind` (they came first); the others do.
 */
import type { CapacityResult } from './capacity/result.js';
import type { ChurnResult } from './churn/result.js';
import type { RunResult } from './run.js';

export type AnyResult = RunResult | ChurnResult | CapacityResult;
export const RESULT_KINDS = ['latency', 'churn', 'capacity'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export function resultKind(r: AnyResult): ResultKind {
  return 'kind' in r ? r.kind : 'latency';
}

export function isRunResult(r: AnyResult): r is RunResult {
  return resultKind(r) === 'latency';
}

/** A line naming what a result holds, for lists and titles. */
export function resultSummary(r: AnyResult): string {
  if ('kind' in r && r.kind === 'churn') return `churn: ${r.cells.length} cell(s), modes ${[...new Set(r.cells.map((c) => c.mode))].join(', ')}`;
  if ('kind' in r && r.kind === 'capacity') return `capacity: ${r.runs.map((x) => `${x.protocol} ${x.open}/${x.target}`).join(', ')}`;
  const run = r;
  return `latency: ${run.scenarios.length} scenario(s), ${[...new Set(run.scenarios.map((s) => s.scenario.protocol))].join(', ')}`;
}
