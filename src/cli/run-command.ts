/** `pushtui run`: the headless engine. Report on stdout (text or --json), progress on stderr when it is a terminal. */
import { formatCount, formatUs } from '../engine/report/format.js';
import { textReport } from '../engine/report/text.js';
import type { RunEvent, RunResult } from '../engine/run.js';
import { runBenchmark } from '../engine/run.js';
import type { ExtraFlag } from './flags.js';
import { parseRunFlags, UsageError } from './flags.js';
import type { Threshold } from '../engine/report/thresholds.js';
import { checkThresholds, parseThreshold, ThresholdError } from '../engine/report/thresholds.js';
import { interruptOnSignals } from './interrupt.js';
import { saveRequestedSnapshots, SNAPSHOT_FLAGS } from './save-snapshot.js';

export const RUN_FLAGS: ExtraFlag[] = [
  { name: 'json', type: 'boolean', help: 'print the full machine-readable result (histograms encoded) instead of tables' },
  { name: 'quiet', type: 'boolean', help: 'no progress line on stderr' },
  ...SNAPSHOT_FLAGS,
  { name: 'fail-if', type: 'string', arg: 'EXPR', multiple: true, help: 'exit 99 when e.g. "ws.p99 > 5ms" or "*.failures > 0" holds (repeatable)' },
];

/** Exit code when a --fail-if threshold holds (as k6 does for crossed thresholds). */
export const EXIT_THRESHOLD = 99;

/** One progress line, rewritten in place. */
class Progress {
  private total = 0;
  private index = 0;
  private id = '';
  constructor(private readonly enabled: boolean) {}

  on(e: RunEvent): void {
    if (!this.enabled) return;
    if (e.type === 'start') for (const n of e.notices) process.stderr.write(`note: ${n}\n`);
    if (e.type === 'scenario-start') {
      this.total = e.total;
      this.index = e.index;
      this.id = e.scenario.id;
      this.write(`[${e.index + 1}/${e.total}] ${e.scenario.id} starting`);
    }
    if (e.type === 'tick') {
      const fds = e.fds.used >= 0 ? ` fds ${e.fds.used}/${e.fds.limit}` : '';
      this.write(`[${this.index + 1}/${this.total}] ${this.id} sample ${e.sample}: p50 ${formatUs(e.rttP50Us)} p99 ${formatUs(e.rttP99Us)} ` +
        `${formatCount(e.msgsPerSec)} msg/s errors ${e.errors}${fds}`);
    }
    if (e.type === 'done' || e.type === 'error') this.write('');
  }

  private write(line: string): void {
    const cols = process.stderr.columns || 100;
    process.stderr.write(`\r\x1b[2K${line.slice(0, cols - 1)}`);
  }
}

export interface RunOutcome {
  code: number;
  result: RunResult | undefined;
}

/** Drives a run to its end; Ctrl-C / SIGTERM abort it (children stopped), a second Ctrl-C kills at once. */
export async function executeRun(argv: readonly string[]): Promise<RunOutcome> {
  const { plan, extras } = parseRunFlags(argv, RUN_FLAGS);
  const thresholds = parseThresholds(extras['fail-if'], plan.protocols);
  const interrupt = interruptOnSignals();
  const progress = new Progress(Boolean(process.stderr.isTTY) && !extras.quiet);
  let result: RunResult | undefined;
  let code = 0;
  try {
    for await (const e of runBenchmark(plan, { signal: interrupt.signal })) {
      progress.on(e);
      if (e.type === 'done') result = e.result;
      if (e.type === 'error') {
        process.stderr.write(`pushtui: ${e.error.message}\n`);
        code = e.error.name === 'PlanError' ? 2 : 1;
      }
    }
  } finally {
    interrupt.release();
  }
  if (result) {
    process.stdout.write(extras.json ? `${JSON.stringify(result, null, 2)}\n` : textReport(result));
    if (result.aborted) code = 130;
    // The run's own code (interrupted, failed, a threshold held) wins over a failed save's 1.
    const saved = await saveRequestedSnapshots(result, extras);
    code = code || saved;
    const breaches = checkThresholds(thresholds, result.scenarios);
    for (const b of breaches) process.stderr.write(`pushtui: threshold crossed: ${b.threshold.text}: ${b.scenarioId} = ${b.actual}\n`);
    if (breaches.length && code === 0) code = EXIT_THRESHOLD;
  }
  return { code, result };
}

function parseThresholds(raw: string | boolean | string[] | undefined, protocols: readonly string[]): Threshold[] {
  const texts = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return texts.map((t) => {
    try {
      const th = parseThreshold(t);
      if (th.protocol !== '*' && !protocols.includes(th.protocol)) throw new ThresholdError(`--fail-if '${t}': the plan has no ${th.protocol} scenarios`);
      return th;
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  });
}
