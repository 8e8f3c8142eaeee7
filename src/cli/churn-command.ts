/**
 * `pushtui churn`: delivery while clients drop off. Markdown report on stdout (or --json),
 * progress on stderr when it is a terminal; Ctrl-C stops every child and service and
 * prints what was measured so far (exit 130); a second Ctrl-C kills at once. --markdown /
 * --snapshot-dir save the result (partial ones too) as a snapshot `pushtui compare` reads.
 */
import type { ChurnEvent } from '../engine/churn/run.js';
import { runChurn } from '../engine/churn/run.js';
import type { ChurnPlan } from '../engine/churn/plan.js';
import { CHURN_KEYS, churnFieldMeta, parseChurnPlan } from '../engine/churn/plan.js';
import type { ChurnResult } from '../engine/churn/result.js';
import { churnReport } from '../engine/churn/report.js';
import type { ExtraFlag, FlagSchema } from './flags.js';
import { parseSchemaFlags, schemaFlagHelp, UsageError } from './flags.js';
import { interruptOnSignals } from './interrupt.js';
import { saveRequestedSnapshots, SNAPSHOT_FLAGS } from './save-snapshot.js';

const CHURN_SCHEMA: FlagSchema<ChurnPlan> = {
  keys: CHURN_KEYS,
  meta: (key) => churnFieldMeta(key as (typeof CHURN_KEYS)[number]),
  parse: parseChurnPlan,
};

const CHURN_FLAGS: ExtraFlag[] = [
  { name: 'json', type: 'boolean', help: 'print the full result (counts, encoded histograms) as JSON instead of tables' },
  { name: 'quiet', type: 'boolean', help: 'no progress line on stderr' },
  ...SNAPSHOT_FLAGS,
];

export function churnHelp(): string {
  const extra = CHURN_FLAGS.map((f) => `  --${f.name}${f.arg ? ` <${f.arg}>` : ''}`.padEnd(44) + f.help);
  return `Usage: pushtui churn [flags]

Pushes to every client at a fixed rate while a share of them drop off (abruptly or
gracefully) and come back, and counts what each delivery mode lost, duplicated or
delivered late. Rows are modes; columns are clients x drop share.

Flags (lists are comma-separated; durations take ms/s/m; --offline takes a range like 200ms..2s):
${schemaFlagHelp(CHURN_SCHEMA).join('\n')}
${extra.join('\n')}
${'  -h, --help'.padEnd(44)}this help

Examples:
  pushtui churn --protocols ws,mqtt --clients 50 --rate 20 --duration 20s --drop-share 0.3 --offline 200ms..2s
  pushtui churn --modes ws,ws-outbox --markdown before.md    # later: pushtui compare before.md after.md
`;
}

function progressLine(e: ChurnEvent, total: { n: number; id: string }): string | undefined {
  if (e.type === 'cell-start') {
    total.n = e.total;
    total.id = e.id;
    return `[${e.index + 1}/${e.total}] ${e.id} starting`;
  }
  if (e.type === 'progress') return `[${e.index + 1}/${total.n}] ${total.id}: sent ${e.sent} acked ${e.acked}`;
  return undefined;
}

export async function churnCommand(argv: readonly string[]): Promise<number> {
  const { plan, extras, positionals } = parseSchemaFlags(CHURN_SCHEMA, argv, CHURN_FLAGS);
  if (positionals.length) throw new UsageError(`churn takes no positional arguments (got ${positionals[0]})`);
  const interrupt = interruptOnSignals();
  const tty = Boolean(process.stderr.isTTY) && !extras.quiet;
  const where = { n: 0, id: '' };
  let result: ChurnResult | undefined;
  let code = 0;
  try {
    for await (const e of runChurn(plan, { signal: interrupt.signal })) {
      if (e.type === 'start' && !extras.quiet) for (const n of e.notices) process.stderr.write(`note: ${n}\n`);
      const line = tty ? progressLine(e, where) : undefined;
      if (line) process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 100) - 1)}`);
      if (e.type === 'done') result = e.result;
      if (e.type === 'error') {
        process.stderr.write(`${tty ? '\n' : ''}pushtui: ${e.error.message}\n`);
        code = e.error.name === 'PlanError' ? 2 : 1;
      }
    }
  } finally {
    interrupt.release();
    if (tty) process.stderr.write('\r\x1b[2K');
  }
  if (result) {
    process.stdout.write(extras.json ? `${JSON.stringify(result, null, 2)}\n` : churnReport(result));
    if (result.aborted) code = 130;
    else if (result.cells.some((c) => c.status === 'failed')) code = 1;
    // The run's own code (interrupted, failed, a threshold held) wins over a failed save's 1.
    const saved = await saveRequestedSnapshots(result, extras);
    code = code || saved;
  }
  return code;
}
