/**
 * The built `pushtui` in a real terminal (tmux), for end-to-end tests: start it, type
 * keys, read the screen, and check that no child process of this checkout is left.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The Setup key bar's end: drawn once keys are read in raw mode, so typing is safe. */
export const READY = 'q quit';
/** Every child entry of this checkout: dist/engine/child/main.js, dist/engine/churn/child-main.js, dist/engine/capacity/child-main.js. */
const CHILD_ENTRIES = [join(ROOT, 'dist', 'engine', 'child'), join(ROOT, 'dist', 'engine', 'churn', 'child-main'), join(ROOT, 'dist', 'engine', 'capacity', 'child-main')];

/** One tmux server per test file (its own socket), one session `app` in it. */
export class TmuxApp {
  private readonly socket: string;

  constructor(name: string) {
    this.socket = `pushtui-${name}-${process.pid}`;
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'app', ...keys);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'app');
  }

  async waitForScreen(check: (s: string) => boolean, what: string, ms = 30_000): Promise<string> {
    const until = Date.now() + ms;
    for (;;) {
      const s = this.screen();
      if (check(s)) return s;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Starts `node dist/cli.js` with a fresh config dir (and `env`); the pane stays after exit with `EXITED <code>`. */
  start(env: Record<string, string> = {}, columns = 120, rows = 40): void {
    const config = mkdtempSync(join(tmpdir(), 'pushtui-e2e-'));
    const vars = Object.entries({ PUSHTUI_CONFIG_DIR: config, ...env }).map(([k, v]) => `${k}='${v}'`).join(' ');
    const cmd = `cd ${ROOT} && ${vars} node dist/cli.js; echo "EXITED $?"; sleep 600`;
    this.tmux('new-session', '-d', '-s', 'app', '-x', String(columns), '-y', String(rows), cmd);
  }

  stop(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** Our own children only (other checkouts may run theirs): processes started from this checkout's dist/engine/child. */
export function ourChildren(): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => CHILD_ENTRIES.some((entry) => l.includes(entry)));
}

export async function expectNoChildren(): Promise<void> {
  const until = Date.now() + 5000;
  while (ourChildren().length > 0) {
    if (Date.now() > until) throw new Error(`child processes left:\n${ourChildren().join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sets a Setup field (the cursor is on it) to `text` by editing it: e, erase, type, enter. */
export function keysToSet(text: string, erase = 8): string[] {
  return ['e', ...Array<string>(erase).fill('BSpace'), ...text.split(''), 'Enter'];
}
