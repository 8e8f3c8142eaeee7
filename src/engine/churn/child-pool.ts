/**
 * The churn controller's children: started through execa with IPC (compiled JS, also under
 * tests), registered with the pool so that the CLI's exit handler kills them, every message
 * validated on arrival. Stop asks, then SIGTERM, then SIGKILL.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { packageRoot } from '../paths.js';
import { trackProcess } from '../pool.js';
import type { ChurnChildMessage, ChurnControllerMessage, ChurnRole } from './messages.js';
import { parseChurnChildMessage } from './messages.js';

export class ChurnChildError extends Error {
  override name = 'ChurnChildError';
}

export class ChurnChild {
  readonly pid: number | undefined;
  private readonly listeners = new Set<(m: ChurnChildMessage) => void>();
  private stderrTail = '';
  private gone = false;
  readonly exited: Promise<string>;

  constructor(
    readonly role: ChurnRole,
    private readonly proc: ResultPromise,
  ) {
    this.pid = proc.pid;
    proc.stderr?.on('data', (c: Buffer) => (this.stderrTail = (this.stderrTail + c.toString()).slice(-2000)));
    proc.on('message', (raw: unknown) => {
      const msg = parseChurnChildMessage(raw);
      for (const l of this.listeners) l(msg);
    });
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        this.gone = true;
        const tail = this.stderrTail.trim().split('\n').pop() ?? '';
        resolve(`${role} ${this.pid ?? ''} ${signal ? `killed by ${signal}` : `exited with code ${code ?? '?'}`}${tail ? `: ${tail}` : ''}`);
      });
    });
    proc.catch(() => undefined);
  }

  get alive(): boolean {
    return !this.gone;
  }

  send(msg: ChurnControllerMessage): void {
    if (!this.gone && this.proc.connected) this.proc.send(msg);
  }

  listen(l: (m: ChurnChildMessage) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** The next message of `type`; rejects on 'failed', exit, abort, or after `timeoutMs`. */
  next<T extends ChurnChildMessage['type']>(type: T, timeoutMs: number, signal?: AbortSignal): Promise<Extract<ChurnChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        off();
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const off = this.listen((m) => {
        if (m.type === type) {
          done();
          resolve(m as Extract<ChurnChildMessage, { type: T }>);
        } else if (m.type === 'failed') {
          done();
          reject(new ChurnChildError(`${this.role}: ${m.message}`));
        }
      });
      const timer = setTimeout(() => {
        done();
        reject(new ChurnChildError(`${this.role} did not send '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const onAbort = (): void => {
        done();
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.exited.then((why) => {
        done();
        reject(new ChurnChildError(why));
      });
    });
  }

  async stop(graceMs = 2000): Promise<void> {
    if (this.gone) return;
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.proc.kill('SIGTERM'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export function churnChildEntry(): string {
  return join(packageRoot(), 'dist', 'engine', 'churn', 'child-main.js');
}

export async function spawnChurnChild(role: ChurnRole): Promise<ChurnChild> {
  const proc = execa(process.execPath, [churnChildEntry(), role], {
    ipc: true, serialization: 'json', stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', buffer: false, reject: false, cleanup: true,
    forceKillAfterDelay: 2000, env: { NODE_OPTIONS: '' },
  });
  trackProcess(proc);
  const child = new ChurnChild(role, proc);
  try {
    await child.next('hello', 15_000);
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
  return child;
}
