/**
 * The built `pushtui` in a real terminal (tmux): type keys, read the screen, and check
 * that no child process is left. Waits for the ready marker (the key bar, drawn once
 * keys are read in raw mode) before typing. Needs `npm run build` first (npm test does).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { requireProgram } from '../helpers/run.js';

const tmuxCheck = requireProgram('tmux');
const ROOT = resolve(import.meta.dirname, '../..');
const SOCKET = `pushtui-test-${process.pid}`;
const READY = 'q quit';
const CHILD_ENTRY = join(ROOT, 'dist', 'engine', 'child');

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', 'app');
}

async function waitForScreen(check: (s: string) => boolean, what: string, ms = 30_000): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    const s = screen();
    if (check(s)) return s;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Our own children only (other worktrees may run theirs): processes started from this checkout's dist/engine/child. */
function ourChildren(): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(CHILD_ENTRY));
}

async function expectNoChildren(): Promise<void> {
  const until = Date.now() + 5000;
  while (ourChildren().length > 0) {
    if (Date.now() > until) throw new Error(`child processes left:\n${ourChildren().join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function startApp(): void {
  const config = mkdtempSync(join(tmpdir(), 'pushtui-e2e-'));
  const cmd = `cd ${ROOT} && PUSHTUI_CONFIG_DIR=${config} node dist/cli.js; echo "EXITED $?"; sleep 600`;
  tmux('new-session', '-d', '-s', 'app', '-x', '120', '-y', '40', cmd);
}

/** Sets a field (the cursor is on it) to `text` by editing it: e, erase, type, enter. */
function keysToSet(text: string, erase = 8): string[] {
  return ['e', ...Array<string>(erase).fill('BSpace'), ...text.split(''), 'Enter'];
}

describe.skipIf(tmuxCheck.skip)(`pushtui in a real terminal${tmuxCheck.reason ? ` (${tmuxCheck.reason})` : ''}`, () => {
  afterEach(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  });

  it('a small plan chosen with the keyboard runs over real ws; the matrix shows; q q quits; nothing left', async () => {
    startApp();
    await waitForScreen((s) => s.includes(READY), 'the Setup screen');
    // Cursor starts on protocols: down to clients, messages; then down five to samples.
    tmux('send-keys', '-t', 'app', 'j', ...keysToSet('2'), 'j', ...keysToSet('10'), 'j', 'j', 'j', 'j', 'j', ...keysToSet('1'));
    const setup = await waitForScreen((s) => s.includes('1 scenario,'), 'the one-scenario plan');
    expect(setup).toMatch(/> samples\s+1/);
    tmux('send-keys', '-t', 'app', 'Enter');
    const results = await waitForScreen((s) => s.includes('pushtui results'), 'the Results screen');
    expect(results).toContain('10m x 2c');
    expect(results).toMatch(/ws json 1500B\s+\d/);
    tmux('send-keys', '-t', 'app', 'q');
    await waitForScreen((s) => s.includes('pushtui setup') && s.includes(READY), 'back on Setup');
    tmux('send-keys', '-t', 'app', 'q');
    const after = await waitForScreen((s) => s.includes('EXITED'), 'the app to exit');
    expect(after).toContain('EXITED 0');
    expect(after).toContain('### Failures');
    await expectNoChildren();
  });

  it('q mid-run asks, y aborts: the app exits with the partial report and no process is left', async () => {
    startApp();
    await waitForScreen((s) => s.includes(READY), 'the Setup screen');
    tmux('send-keys', '-t', 'app', 'j', ...keysToSet('2'), 'j', ...keysToSet('1000000'));
    await waitForScreen((s) => s.includes('1 scenario,'), 'the long plan');
    tmux('send-keys', '-t', 'app', 'Enter');
    await waitForScreen((s) => /pusher\s+\d+/.test(s) && /worker\s+\d+/.test(s), 'the children running');
    expect(ourChildren().length).toBeGreaterThan(0);
    tmux('send-keys', '-t', 'app', 'q');
    await waitForScreen((s) => s.includes('Abort the run and quit? y / n'), 'the question');
    tmux('send-keys', '-t', 'app', 'y');
    const after = await waitForScreen((s) => s.includes('EXITED'), 'the app to exit');
    expect(after).toContain('EXITED 130');
    await expectNoChildren();
  });
});
