/** `pushtui churn` and `pushtui capacity` saving snapshots (--markdown, --snapshot-dir), and `compare` on them, as a user runs them. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, expectAllGone, pushtui } from '../helpers/run.js';


const CHURN = ['churn', '--modes', 'ws', '--protocols', 'ws', '--clients', '5', '--duration', '1500ms', '--baseline', '300ms', '--offline', '200ms..400ms', '--drain', '500ms', '--quiet'];
const CAPACITY = ['capacity', '--protocols', 'ws', '--connections', '50', '--settle', '500ms', '--hold', '500ms', '--quiet'];

/** Child pids of `pid` (Linux `ps --ppid`). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('churn and capacity snapshots from the CLI', () => {
  it('churn --markdown writes a snapshot compare accepts; onto an existing file: exit 1, one line, the file untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushtui-cliany-'));
    const file = join(dir, 'churn.md');
    const taken = join(dir, 'taken.md');
    writeFileSync(taken, 'my notes\n');
    const [saved, refused] = await Promise.all([pushtui([...CHURN, '--markdown', file]), pushtui([...CHURN, '--markdown', taken])]);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toBe(`pushtui: snapshot saved to ${file}\n`);
    expect(saved.stdout).toContain('## Lost share');
    expect(readFileSync(file, 'utf8')).toContain('# pushtui churn snapshot');

    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`pushtui: ${taken} exists; pushtui never overwrites a snapshot\n`);
    expect(refused.stdout).toContain('## Lost share');
    expect(readFileSync(taken, 'utf8')).toBe('my notes\n');

    const cmp = await pushtui(['compare', file, file]);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toContain('## pushtui compare (churn)');
    expect(cmp.stdout).toMatch(/\| ws\/5c\/30% +\|.*→.*\| +\+0\.0 pp \|/);
    const json = await pushtui(['compare', file, file, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ a: file, b: file, kind: 'churn', cells: [{ id: 'ws/5c/30%', lostPctDelta: 0 }] });
  }, 60_000);

  it('capacity --snapshot-dir writes one pushtui-*.md; compare takes two, refuses to mix kinds (exit 2, one line)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushtui-cliany-'));
    const churnFile = join(mkdtempSync(join(tmpdir(), 'pushtui-cliany-')), 'c.md');
    const [r, c] = await Promise.all([pushtui([...CAPACITY, '--snapshot-dir', dir]), pushtui([...CHURN, '--markdown', churnFile])]);
    expect(r.code).toBe(0);
    expect(c.code).toBe(0);
    const names = readdirSync(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^pushtui-\d{8}-\d{6}\.md$/);
    const file = join(dir, names[0] ?? '');
    expect(r.stderr).toBe(`pushtui: snapshot saved to ${file}\n`);

    const cmp = await pushtui(['compare', file, file]);
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toContain('## pushtui compare (capacity)');
    expect(cmp.stdout).toMatch(/\| ws 50 +\| +50 → 50 \|/);

    for (const [a, b, message] of [
      [churnFile, file, 'pushtui: cannot compare a churn snapshot with a capacity snapshot\n'],
      [file, churnFile, 'pushtui: cannot compare a capacity snapshot with a churn snapshot\n'],
    ] as const) {
      const mixed = await pushtui(['compare', a, b]);
      expect(mixed.code).toBe(2);
      expect(mixed.stderr).toBe(message);
      expect(mixed.stdout).toBe('');
    }
    const metric = await pushtui(['compare', file, file, '--metric', 'rttP99']);
    expect(metric.code).toBe(2);
    expect(metric.stderr).toBe('pushtui: --metric applies to latency snapshots only (these are capacity snapshots)\n');
  }, 60_000);

  it.skipIf(process.platform !== 'linux')('Ctrl-C during a capacity run still saves the partial result (exit 130), no process left', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pushtui-cliany-')), 'partial.md');
    const proc = spawn(process.execPath, [CLI, 'capacity', '--protocols', 'ws', '--connections', '50', '--settle', '500ms', '--hold', '60s', '--markdown', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 400 && !stderr.includes('holding'); i++) await new Promise((r) => setTimeout(r, 50));
    const kids = childrenOf(proc.pid ?? 0);
    proc.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain(`pushtui: snapshot saved to ${file}`);
    expect(readFileSync(file, 'utf8')).toContain('(aborted: partial results)');
    await expectAllGone(kids);
    expect((await pushtui(['compare', file, file])).code).toBe(0);
  }, 60_000);

  it.skipIf(process.platform !== 'linux')('Ctrl-C during a churn run still saves the partial result (exit 130)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pushtui-cliany-')), 'partial.md');
    const proc = spawn(process.execPath, [CLI, ...CHURN, '--duration', '60s', '--markdown', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    let kids: number[] = [];
    for (let i = 0; i < 400 && kids.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      kids = childrenOf(proc.pid ?? 0);
    }
    await new Promise((r) => setTimeout(r, 300));
    proc.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('# pushtui churn snapshot');
    expect(readFileSync(file, 'utf8')).toContain('(aborted: partial results)');
    await expectAllGone(kids);
  }, 60_000);
});
