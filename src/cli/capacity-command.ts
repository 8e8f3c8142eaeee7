/**
 * `pushtui capacity`: idle connections and memory per connection, headless. Tables on stdout
 * (or --json), progress on stderr; --markdown / --snapshot-dir save the result (partial ones too).
 */
import type { CapacityPlan } from '../engine/capacity/plan.js';
import { CAPACITY_PLAN_KEYS, capacityFieldMeta, parseCapacityPlan } from '../engine/capacity/plan.js';
import type { CapacityPlanKey } from '../engine/capacity/plan.js';
import { capacityReport } from '../engine/capacity/report.js';
import type { CapacityResult } from '../engine/capacity/result.js';
import { runCapacity } from '../engine/capacity/run.js';
import type { ExtraFlag, FlagSchema } from './flags.js';
import { parseSchemaFlags, schemaFlagHelp, UsageError } from './flags.js';
import { interruptOnSignals } from './interrupt.js';
import { saveRequestedSnapshots, SNAPSHOT_FLAGS } from './save-snapshot.js';

export const CAPACITY_PLAN_FLAGS: FlagSchema<CapacityPlan> = {
  keys: CAPACITY_PLAN_KEYS,
  meta: (key) => capacityFieldMeta(key as CapacityPlanKey),
  parse: parseCapacityPlan,
};

export const CAPACITY_FLAGS: ExtraFlag[] = [
  { name: 'json', type: 'boolean', help: 'print the full machine-readable result instead of tables' },
  { name: 'quiet', type: 'boolean', help: 'no progress lines on stderr' },
  ...SNAPSHOT_FLAGS,
];

export function capacityHelp(): string {
  const extra = CAPACITY_FLAGS.map((f) => `  --${f.name}${f.arg ? ` <${f.arg}>` : ''}`.padEnd(44) + f.help);
  return `Usage: pushtui capacity [flags]

Opens idle connections (each subscribed / stream open, like an online driver), holds them,
sends a keep-alive-sized message to a sample, and measures memory per connection on the
server, the clients and in the kernel, against a baseline taken before the first connection.
Clients are spread over worker processes, ws/gRPC servers over processes on 127.0.0.1,
127.0.0.2, ... so that no process exceeds its open-file limit and no destination runs out
of ephemeral ports.

Example:
  pushtui capacity --protocols ws,grpc,mqtt --connections 1000,10k,50k --fleet 50k
  pushtui capacity --protocols ws,grpc --connections 10k --markdown before.md   # later: pushtui compare before.md after.md

Flags (lists are comma-separated; counts take k/m; durations ms/s/m):
${schemaFlagHelp(CAPACITY_PLAN_FLAGS).join('\n')}
${extra.join('\n')}
${'  -h, --help'.padEnd(44)}this help
`;
}

/** Runs the capacity plan to its end; Ctrl-C / SIGTERM stop it (every process stopped), a second Ctrl-C kills at once. */
export async function capacityCommand(argv: readonly string[]): Promise<number> {
  const { plan, extras, positionals } = parseSchemaFlags(CAPACITY_PLAN_FLAGS, argv, CAPACITY_FLAGS);
  if (positionals.length) throw new UsageError(`capacity takes no positional arguments (got ${positionals[0]})`);
  const interrupt = interruptOnSignals();
  const quiet = Boolean(extras.quiet);
  let result: CapacityResult;
  try {
    result = await runCapacity(plan, { signal: interrupt.signal, progress: (line) => quiet || process.stderr.write(`capacity: ${line}\n`) });
  } finally {
    interrupt.release();
  }
  process.stdout.write(extras.json ? `${JSON.stringify(result, null, 2)}\n` : capacityReport(result));
  const code = result.aborted ? 130 : result.runs.some((r) => r.status === 'failed') ? 1 : 0;
  // The run's own code (interrupted, failed, a threshold held) wins over a failed save's 1.
  const saved = await saveRequestedSnapshots(result, extras);
  return code || saved;
}
