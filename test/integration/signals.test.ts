/** However the controller ends, no child outlives it. */
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectAllGone, requireProgram } from '../helpers/run.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const LONG = ['run', '--clients', '2', '--messages', '1000000', '--samples', '3', '--timeout', '60s', '--quiet'];

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  } catch {
    return [];
  }
}

async function waitFor<T>(probe: () => T | undefined, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function startCli(detached = false, args = LONG) {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, exited, out: () => ({ stdout, stderr }) };
}

describe.skipIf(process.platform !== 'linux')('signals', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal}: stops every child, prints partial results, exits 130`, async () => {
      const cli = startCli();
      const pid = cli.proc.pid ?? 0;
      const kids = await waitFor(() => {
        const k = childrenOf(pid);
        return k.length >= 2 ? k : undefined;
      });
      await new Promise((r) => setTimeout(r, 500));
      cli.proc.kill(signal);
      expect(await cli.exited).toBe(130);
      expect(cli.out().stdout).toContain('ABORTED: partial results');
      await expectAllGone(kids);
    });
  }

  it('Ctrl-C to the whole process group (a terminal): children wait for the controller, which stops them in order', async () => {
    const cli = startCli(true);
    const pid = cli.proc.pid ?? 0;
    const kids = await waitFor(() => {
      const k = childrenOf(pid);
      return k.length >= 2 ? k : undefined;
    });
    process.kill(-pid, 'SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.out().stdout, cli.out().stdout.slice(cli.out().stdout.indexOf('### Failures\n'))).toContain('aborted: interrupted');
    expect(cli.out().stdout).not.toContain('killed by SIGINT');
    await expectAllGone(kids);
  });

  it('SIGKILL of the controller: children exit when its IPC channel closes', async () => {
    const cli = startCli();
    const pid = cli.proc.pid ?? 0;
    const kids = await waitFor(() => {
      const k = childrenOf(pid);
      return k.length >= 2 ? k : undefined;
    });
    cli.proc.kill('SIGKILL');
    await cli.exited;
    await expectAllGone(kids, 10_000);
  });

  const mosquitto = requireProgram('mosquitto');
  it.skipIf(mosquitto.skip)(`SIGKILL of the controller mid-MQTT-run: mosquitto is stopped by its reaper ${mosquitto.reason}`, async () => {
    const cli = startCli(false, [...LONG, '--protocols', 'mqtt', '--broker', 'mosquitto']);
    const pid = cli.proc.pid ?? 0;
    const kids = await waitFor(() => {
      const k = childrenOf(pid);
      const names = k.map((p) => {
        try {
          return execFileSync('ps', ['-o', 'comm=', '-p', String(p)], { encoding: 'utf8' }).trim();
        } catch {
          return ''; // exited between the listing and this look
        }
      });
      return names.includes('mosquitto') && k.length >= 4 ? k : undefined;
    });
    cli.proc.kill('SIGKILL');
    await cli.exited;
    await expectAllGone(kids, 10_000);
  });
});
