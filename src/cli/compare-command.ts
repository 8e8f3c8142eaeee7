/**
 * `pushtui compare A.md B.md`: the differences, as text or --json. Latency snapshots compare
 * cell by cell per metric; churn and capacity snapshots per cell / run; mixed kinds are bad input.
 */
import { parseArgs } from 'node:util';
import type { AnyResult } from '../engine/any-result.js';
import type { Metric } from '../engine/report/matrix.js';
import { METRICS } from '../engine/report/matrix.js';
import { compareAny, compareAnyText, sameKind } from '../engine/report/compare-any.js';
import { loadAnySnapshot, SnapshotError } from '../engine/snapshot.js';
import { UsageError } from './flags.js';

export async function compareCommand(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { json: { type: 'boolean' }, metric: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const [pathA, pathB, ...more] = parsed.positionals;
  if (!pathA || !pathB || more.length) throw new UsageError('compare takes two snapshot files: pushtui compare A.md B.md');
  const metrics = (parsed.values.metric?.split(',').map((m) => m.trim()) ?? [...METRICS]) as Metric[];
  const bad = metrics.find((m) => !METRICS.includes(m));
  if (bad) throw new UsageError(`--metric: unknown metric '${bad}' (one of: ${METRICS.join(', ')})`);
  let a: AnyResult;
  let b: AnyResult;
  try {
    [a, b] = await Promise.all([loadAnySnapshot(pathA), loadAnySnapshot(pathB)]);
  } catch (err) {
    if (err instanceof SnapshotError) throw new UsageError(err.message);
    throw err;
  }
  let kind;
  try {
    kind = sameKind(a, b);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (kind !== 'latency' && parsed.values.metric !== undefined) throw new UsageError(`--metric applies to latency snapshots only (these are ${kind} snapshots)`);
  if (parsed.values.json) {
    const data = compareAny(a, b, metrics);
    const out = data.kind === 'latency' ? { a: pathA, b: pathB, comparisons: data.comparisons } : { a: pathA, b: pathB, ...data };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(compareAnyText(a, b, [pathA, pathB], metrics));
  }
  return 0;
}
