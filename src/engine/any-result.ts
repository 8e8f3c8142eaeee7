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
