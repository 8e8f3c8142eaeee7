/** `pushtui churn` as a user runs it: bad input, help, and Ctrl-C mid-run leaving nothing behind. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAllGone, requireProgram } from '../helpers/run.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every descendant of `pid` (children and their children: workers, redis-server, mosquitto). */
function descendantsOf(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const pairs = out.trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of pairs) {
      if (parent !== p) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

describe('pushtui churn (CLI)', () => {
  it.each([
    [['--drop-share', '1.5'], /^pushtui: --drop-share: must be between 0 and 1\n$/],
    [['--offline', '2s..1s'], /^pushtui: --offline: must run from at least 50ms/],
    [['--modes', 'ws,smoke-signals'], /^pushtui: --modes: mode must be one of: ws, ws-outbox/],
    [['--rate', 'fast'], /^pushtui: --rate: 'fast' is not a number\n$/],
    [['--bogus'], /^pushtui: Unknown option '--bogus'/],
    [['--protocols', 'grpc', '--modes', 'ws'], /^pushtui: no mode to run: --modes and --protocols have none in common\n$/],
  ])('%j: one line, exit 2', (args, message) => {
    const r = cli(['churn', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('--help lists the flags from the churn schema', () => {
    const r = cli(['churn', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--drop-share', '--offline', '--modes', '--seed', '--redis', '--baseline', '--drop-kind']) expect(r.stdout).toContain(flag);
    expect(cli(['--help']).stdout).toContain('pushtui churn');
  });

  const redis = requireProgram('redis-server');
  it.skipIf(redis.skip || process.platform !== 'linux')('Ctrl-C mid-run: exit 130, partial report, no process left', async () => {
    const proc = spawn(process.execPath, [CLI, 'churn', '--modes', 'ws-outbox', '--clients', '4', '--duration', '60s', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const pid = proc.pid ?? 0;
    let kids: number[] = [];
    for (let i = 0; i < 300 && kids.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      kids = descendantsOf(pid);
    }
    expect(kids.length).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 500));
    proc.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stdout).toContain('ABORTED: partial results');
    await expectAllGone(kids);
  }, 60_000);
});
