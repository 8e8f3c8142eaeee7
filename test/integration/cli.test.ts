/** The built `pushtui` binary, headless: output, exit codes, bad input. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/engine/run.js';
import { pushtui } from '../helpers/run.js';

const TINY = ['--clients', '2', '--messages', '10', '--payload', '32', '--samples', '1', '--warmup', '1'];

describe('pushtui CLI', () => {
  it('run --json prints the full result, parseable, with encoded histograms', async () => {
    const { code, stdout } = await pushtui(['run', ...TINY, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as RunResult;
    expect(result.schemaVersion).toBe(1);
    expect(result.scenarios[0]?.counts.acked).toBe(22);
    expect(result.scenarios[0]?.hist.rttUs).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(result.host.cores).toBeGreaterThan(0);
  });

  it('run prints the matrix tables, and no subcommand off a terminal behaves like run', async () => {
    for (const args of [['run', ...TINY], TINY]) {
      const { code, stdout } = await pushtui(args);
      expect(code).toBe(0);
      expect(stdout).toContain('### Mean cycle per client');
      expect(stdout).toContain('| ws json 32B');
      expect(stdout).toContain('10m x 2c');
      expect(stdout).toContain('None: every client connected and finished');
    }
  });

  it.each([
    [['run', '--clients', 'lots'], /--clients: 'lots' is not a list of numbers/],
    [['run', '--protocols', 'smtp'], /--protocols: protocol must be one of/],
    [['run', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['run', '--clients', '100000'], /hard limit is \d+; raise it/],
    [['fly'], /unknown command 'fly'/],
  ])('bad input %j: one line, exit 2, no stack trace', async (args, message) => {
    const { code, stderr, stdout } = await pushtui(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(stdout).toBe('');
  });

  it('saves snapshots (--snapshot-dir, --markdown) that compare loads; thresholds exit 99', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushtui-cli-'));
    const file = join(dir, 'mine.md');
    const { code, stderr } = await pushtui(['run', ...TINY, '--samples', '2', '--snapshot-dir', dir, '--markdown', file, '--fail-if', 'ws.p50 > 1us', '--quiet']);
    expect(code).toBe(99);
    expect(stderr).toMatch(/threshold crossed: ws\.p50 > 1us: ws\/json\/32B\/10m\/2c = /);
    expect(stderr).toContain(`snapshot saved to ${file}`);
    const generated = readdirSync(dir).find((n) => /^pushtui-\d{8}-\d{6}\.md$/.test(n));
    expect(generated).toBeDefined();
    const again = await pushtui(['run', ...TINY, '--markdown', file, '--quiet']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists; pushtui never overwrites');
    const cmp = await pushtui(['compare', file, join(dir, generated ?? ''), '--metric', 'rttP50']);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toContain('### Round trip p50');
    expect(cmp.stdout).toMatch(/\| ws json 32B \| .*→.*%/);
    const json = await pushtui(['compare', file, file, '--json']);
    expect((JSON.parse(json.stdout) as { comparisons: unknown[] }).comparisons).toHaveLength(7);
    writeFileSync(join(dir, 'junk.md'), 'hello');
    const bad = await pushtui(['compare', file, join(dir, 'junk.md')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('pushtui: junk.md is not a pushtui snapshot');
  });

  it('doctor reports each check with a status', async () => {
    const { stdout } = await pushtui(['doctor']);
    for (const name of ['Node.js', 'open files', 'ephemeral ports', 'mosquitto', 'CPU cores']) expect(stdout).toMatch(new RegExp(`^(OK|WARN|FAIL)\\s+${name}`, 'm'));
  });

  it('--help lists every plan flag', async () => {
    const { stdout, code } = await pushtui(['run', '--help']);
    expect(code).toBe(0);
    for (const flag of ['--protocols', '--clients', '--messages', '--payload', '--pattern', '--rate', '--samples', '--warmup', '--timeout', '--json']) expect(stdout).toContain(flag);
  });
});
