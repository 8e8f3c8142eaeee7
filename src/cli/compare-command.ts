/** `pushtui compare A.md B.md`: the matrix of differences, as text or --json. */
import { parseArgs } from 'node:util';
import type { Metric } from '../engine/report/matrix.js';
import { METRICS } from '../engine/report/matrix.js';
import { compareRuns, comparisonText } from '../engine/report/compare.js';
import { loadSnapshot, SnapshotError } from '../engine/snapshot.js';
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
  let a;
  let b;
  try {
    [a, b] = await Promise.all([loadSnapshot(pathA), loadSnapshot(pathB)]);
  } catch (err) {
    if (err instanceof SnapshotError) throw new UsageError(err.message);
    throw err;
  }
  if (parsed.values.json) {
    const out = { a: pathA, b: pathB, comparisons: metrics.map((m) => compareRuns(a, b, m)) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(comparisonText(a, b, metrics, [pathA, pathB]));
  }
  return 0;
}
