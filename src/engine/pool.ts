/**
 * Spawns and owns the child processes (pusher, workers) of a run, through execa with IPC.
 * Every message a child sends is validated here. Stopping asks politely (`stop`), then
 * SIGTERM, then SIGKILL; a process-wide registry lets the CLI kill whatever is left on
 * exit, and children exit by themselves when the controller's IPC channel closes.
 */
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import type { FdLimits } from './env/ulimit.js';
import { softLimitFor, withSoftLimit } from './env/ulimit.js';
import type { ChildMessage, ControllerMessage, Role } from './messages.js';
import { parseChildMessage } from './messages.js';
import { childEntry, reaperEntry } from './paths.js';

export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
  constructor(
    readonly role: Role,
    readonly pid: number | undefined,
    readonly exitCode: number | undefined,
    readonly signal: string | undefined,
    readonly stderrTail: string,
  ) {
    const how = signal ? `killed by ${signal}` : `exited with code ${exitCode ?? '?'}`;
    const tail = stderrTail.trim().split('\n').slice(-1)[0];
    super(`${role} ${pid ?? ''} ${how}${tail ? `: ${tail}` : ''}`.replace(/\s+/g, ' '));
  }
}

export class ChildTimeoutError extends Error {
  override name = 'ChildTimeoutError';
}

export class ChildFailedError extends Error {
  override name = 'ChildFailedError';
}

const live = new Set<ResultPromise>();

/** Kills every child still running, synchronously (for process 'exit' handlers). */
export function killAllChildrenSync(): void {
  for (const p of live) p.kill('SIGKILL');
  live.clear();
}

/**
 * Registers a process started elsewhere (mosquitto, redis-server) so that killAllChildrenSync
 * also kills it, and gives it a reaper: a tiny Node watchdog that stops it if the controller
 * dies without running any handler (SIGKILL), since such a process has no IPC channel to notice.
 */
export function trackProcess(proc: ResultPromise): void {
  live.add(proc);
  const reaper = proc.pid ? startReaper(proc.pid) : undefined;
  proc.once('exit', () => {
    live.delete(proc);
    if (reaper) live.delete(reaper);
    reaper?.kill('SIGKILL');
  });
}

function startReaper(pid: number): ResultPromise {
  const reaper = execa(process.execPath, [reaperEntry(), String(pid)], {
    ipc: true, serialization: 'json', stdio: 'ignore', detached: true, reject: false, env: { NODE_OPTIONS: '' },
  });
  reaper.catch(() => undefined);
  live.add(reaper);
  return reaper;
}

export function liveChildPids(): number[] {
  return [...live].map((p) => p.pid).filter((pid): pid is number => pid !== undefined);
}

type Listener = (msg: ChildMessage) => void;

export class Child {
  readonly pid: number | undefined;
  private readonly listeners = new Set<Listener>();
  private stderrTail = '';
  private exitInfo: WorkerCrashedError | undefined;
  readonly exited: Promise<WorkerCrashedError>;

  constructor(
    readonly role: Role,
    private readonly proc: ResultPromise,
  ) {
    this.pid = proc.pid;
    proc.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    proc.on('message', (raw: unknown) => {
      let msg: ChildMessage;
      try {
        msg = parseChildMessage(raw);
      } catch (err) {
        msg = { type: 'failed', message: (err as Error).message };
      }
      for (const l of this.listeners) l(msg);
    });
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        live.delete(proc);
        this.exitInfo = new WorkerCrashedError(role, this.pid, code ?? undefined, signal ?? undefined, this.stderrTail);
        resolve(this.exitInfo);
      });
    });
    // execa's promise rejects on a non-zero exit; the 'exit' handler above is what we use.
    proc.catch(() => undefined);
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  send(msg: ControllerMessage): void {
    if (this.alive && this.proc.connected) this.proc.send(msg);
  }

  /** Calls `listener` for every message; returns the function that stops it. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The next message of `type` (that `accept` takes, when given: other messages of that type
   * pass by, e.g. progress reports); rejects if the child fails, exits, or `timeoutMs` passes.
   */
  next<T extends ChildMessage['type']>(
    type: T,
    timeoutMs: number,
    signal?: AbortSignal,
    accept?: (msg: Extract<ChildMessage, { type: T }>) => boolean,
  ): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        off();
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const off = this.listen((msg) => {
        if (msg.type === type && (accept?.(msg as Extract<ChildMessage, { type: T }>) ?? true)) {
          cleanup();
          resolve(msg as Extract<ChildMessage, { type: T }>);
        } else if (msg.type === 'failed') {
          cleanup();
          reject(new ChildFailedError(`${this.role}: ${msg.message}`));
        }
      });
      const timer = setTimeout(() => {
        cleanup();
        reject(new ChildTimeoutError(`${this.role} did not send '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const onAbort = (): void => {
        cleanup();
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.exited.then((e) => {
        cleanup();
        reject(e);
      });
    });
  }

  /** Asks the child to stop, then SIGTERM after `graceMs`, then SIGKILL. Resolves when it is gone. */
  async stop(graceMs = 1500): Promise<void> {
    if (!this.alive) return;
    this.send({ type: 'stop' });
    const timer = setTimeout(() => this.proc.kill('SIGTERM'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): void {
    this.proc.kill('SIGKILL');
  }
}

export interface SpawnOptions {
  /** Descriptors the child will hold (sockets + overhead): raises its soft limit if needed. */
  fds: number;
  limits: FdLimits;
  /** Another child entry script (capacity children); default `main.js`. */
  entry?: string;
  /** Flags for node itself, e.g. `--expose-gc`. */
  nodeArgs?: readonly string[];
  /** Caps the child's soft AND hard open-file limit (`ulimit -n N`), e.g. to see EMFILE handled. */
  fdLimit?: number;
}

/** Starts `node main.js <role>` and waits for its hello. */
export async function spawnChild(role: Role, opts: SpawnOptions): Promise<Child> {
  const argv = [process.execPath, ...(opts.nodeArgs ?? []), opts.entry ?? childEntry(), role];
  const soft = softLimitFor(opts.fds, opts.limits);
  const cmd = opts.fdLimit
    ? { file: 'sh', args: ['-c', `ulimit -n ${Math.floor(opts.fdLimit)} && exec "$0" "$@"`, ...argv] }
    : soft === undefined ? { file: argv[0] ?? 'node', args: argv.slice(1) } : withSoftLimit(soft, argv);
  const proc = execa(cmd.file, cmd.args, {
    ipc: true,
    serialization: 'json',
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'pipe',
    buffer: false,
    reject: false,
    // Own process group: a terminal's Ctrl-C (sent to the whole foreground group) must not
    // kill children before the controller stops them in order. They still die with the
    // controller: on IPC disconnect (child side) and through killAllChildrenSync (here).
    detached: true,
    forceKillAfterDelay: 2000,
    env: { NODE_OPTIONS: '' },
  });
  live.add(proc);
  const child = new Child(role, proc);
  try {
    await child.next('hello', 15_000);
  } catch (err) {
    child.kill();
    throw err;
  }
  return child;
}
