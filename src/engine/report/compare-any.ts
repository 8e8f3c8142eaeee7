/**
 * Compare two snapshots of any kind: latency runs cell by cell per metric (compare.ts),
 * churn runs per cell (churn/compare.ts), capacity runs per protocol × target
 * (capacity/compare.ts). Two different kinds do not compare: one clear line says so.
 */
import type { AnyResult, ResultKind } from '../any-result.js';
import { resultKind } from '../any-result.js';
import type { CapacityComparison } from '../capacity/compare.js';
import { capacityComparisonText, compareCapacity } from '../capacity/compare.js';
import type { CapacityResult } from '../capacity/result.js';
import type { ChurnComparison } from '../churn/compare.js';
import { churnComparisonText, compareChurn } from '../churn/compare.js';
import type { ChurnResult } from '../churn/result.js';
import type { RunResult } from '../run.js';
import type { Comparison } from './compare.js';
import { compareRuns, comparisonText } from './compare.js';
import type { Metric } from './matrix.js';
import { METRICS } from './matrix.js';

/** Two snapshots of different kinds were given to compare. */
export class CompareKindError extends Error {
  override name = 'CompareKindError';
  constructor(readonly kindA: ResultKind, readonly kindB: ResultKind) {
    super(`cannot compare a ${kindA} snapshot with a ${kindB} snapshot`);
  }
}

export type AnyComparison =
  | { kind: 'latency'; comparisons: Comparison[] }
  | ChurnComparison
  | CapacityComparison;

/** The kind both results share; throws CompareKindError when they differ. */
export function sameKind(a: AnyResult, b: AnyResult): ResultKind {
  const ka = resultKind(a);
  const kb = resultKind(b);
  if (ka !== kb) throw new CompareKindError(ka, kb);
  return ka;
}

/** The comparison as data (what `pushtui compare --json` prints); `metrics` apply to latency runs only. */
export function compareAny(a: AnyResult, b: AnyResult, metrics: readonly Metric[] = METRICS): AnyComparison {
  switch (sameKind(a, b)) {
    case 'churn':
      return compareChurn(a as ChurnResult, b as ChurnResult);
    case 'capacity':
      return compareCapacity(a as CapacityResult, b as CapacityResult);
    case 'latency':
      return { kind: 'latency', comparisons: metrics.map((m) => compareRuns(a as RunResult, b as RunResult, m)) };
  }
}

/** The comparison as Markdown text, B against A; `names` label A and B (file names). */
export function compareAnyText(a: AnyResult, b: AnyResult, names: [string, string], metrics: readonly Metric[] = METRICS): string {
  switch (sameKind(a, b)) {
    case 'churn':
      return churnComparisonText(a as ChurnResult, b as ChurnResult, names);
    case 'capacity':
      return capacityComparisonText(a as CapacityResult, b as CapacityResult, names);
    case 'latency':
      return comparisonText(a as RunResult, b as RunResult, metrics, names);
  }
}
