/** Test helpers: run a plan through the real engine and collect its events; check for orphans. */
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PlanInput } from '../../src/engine/plan.js';
import { parsePlan } from '../../src/engine/plan.js';
import type { RunEvent, RunResult } from '../../src/engine/run.js';
import { runBenchmark } from '../../src/engine/run.js';

export interface Collected {
  events: RunEvent[];
  result: RunResult | undefined;
  pids: number[];
  error: { name: string; message: string } | undefined;
}

/** Runs `input` to the end; `onEvent` may act on events (e.g. kill a worker, abort). */
export async function collectRun(
  input: PlanInput,
  opts: { signal?: AbortSignal; onEvent?: (e: RunEvent) => void } = {},
): Promise<Collected> {
  const events: RunEvent[] = [];
  const pids: number[] = [];
  let result: RunResult | undefined;
  let error: Collected['error'];
  for await (const e of runBenchmark(parsePlan(input), { signal: opts.signal })) {
    events.push(e);
    if (e.type === 'process' && e.state === 'started') pids.push(e.pid);
    if (e.type === 'done') result = e.result;
    if (e.type === 'error') error = e.error;
    opts.onEvent?.(e);
  }
  return { events, result, pids, error };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until none of `pids` is alive (or fails after `ms`). Children are reaped asynchronously. */
export async function expectAllGone(pids: readonly number[], ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (alive.length === 0) return;
    if (Date.now() > until) throw new Error(`processes still alive: ${alive.join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True when `program` is on PATH. */
export function hasProgram(program: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * For tests that need an installed program: skip with a visible reason when it is
 * missing, but fail under CI (CI=true), where .ci/run installs it.
 */
export function requireProgram(program: string): { skip: boolean; reason: string } {
  const present = hasProgram(program);
  if (!present && process.env.CI) throw new Error(`${program} is required under CI but is not installed (.ci/run must install it)`);
  return { skip: !present, reason: present ? '' : `${program} is not installed: skipping (install it to run these tests)` };
}

const runFile = promisify(execFile);
/** The built CLI. */
export const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** Runs the built CLI (`dist/cli.js`) to its end: exit code, stdout, stderr (never throws on a non-zero exit). */
export async function pushtui(args: string[], timeoutMs = 60_000): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await runFile(process.execPath, [CLI, ...args], { timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
