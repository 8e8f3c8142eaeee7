/**
 * mosquitto, started through execa in the foreground (`mosquitto -c FILE`) with a
 * generated config in a temp dir, on a free loopback port. Ready when an MQTT client
 * connects; stopped (and its temp dir removed) on every exit path; registered with the
 * pool so that the CLI's exit handler kills it too (it has no IPC channel to notice
 * that the controller died).
 */
import { rmSync } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { execa } from 'execa';
import { trackProcess } from '../pool.js';
import type { FdLimits } from './ulimit.js';
import { softLimitFor, withSoftLimit } from './ulimit.js';
import type { RunningBroker } from './broker.js';
import { BrokerDiedError, BrokerStartError, waitForBroker } from './broker.js';
import { ProcSampler } from './proc-usage.js';

/** Where mosquitto lives besides PATH: Homebrew (Apple silicon, Intel) and Debian's sbin, which users' PATH often lacks. */
export const MOSQUITTO_DIRS = ['/opt/homebrew/sbin', '/usr/local/sbin', '/usr/sbin'];

export const MOSQUITTO_INSTALL = 'install it: sudo apt-get install mosquitto (Debian/Ubuntu) or brew install mosquitto (macOS)';

export interface ProgramLookup {
  /** PATH to search (default: process.env.PATH). */
  pathEnv?: string;
  /** Further folders to search (default: MOSQUITTO_DIRS). */
  extraDirs?: readonly string[];
}

/** The mosquitto executable, or undefined when it is not installed. */
export async function findMosquitto(lookup: ProgramLookup = {}): Promise<string | undefined> {
  const dirs = [...(lookup.pathEnv ?? process.env.PATH ?? '').split(delimiter), ...(lookup.extraDirs ?? MOSQUITTO_DIRS)];
  for (const dir of dirs.filter(Boolean)) {
    const file = join(dir, 'mosquitto');
    try {
      await access(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `mosquitto -h` prints `mosquitto version X.Y.Z` first (and exits 3). */
export async function mosquittoVersion(file: string): Promise<string> {
  const { stdout } = await execa(file, ['-h'], { reject: false, timeout: 5000 });
  return /version\s+(\S+)/.exec(stdout)?.[1] ?? 'unknown';
}

export interface MosquittoConfig {
  host: string;
  port: number;
  maxConnections: number;
  maxQueuedMessages: number;
  noDelay: boolean;
}

export function mosquittoConfig(c: MosquittoConfig): string {
  return [
    `listener ${c.port} ${c.host}`,
    `max_connections ${c.maxConnections}`,
    'allow_anonymous true',
    'persistence false',
    `set_tcp_nodelay ${c.noDelay}`,
    `max_queued_messages ${c.maxQueuedMessages}`,
    // No inflight window: with the default of 20, QoS 2 messages queued behind it stall in
    // mosquitto 2.0.x (eclipse-mosquitto#2876), and a burst would measure that defect, not
    // the protocol. aedes has no such window either. The fairness notes say so.
    'max_inflight_messages 0',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    '',
  ].join('\n');
}

export interface MosquittoOptions extends Omit<MosquittoConfig, 'port'> {
  file: string;
  /** Descriptors mosquitto will hold: raises its soft limit if needed. */
  fds: number;
  limits: FdLimits;
  /** Picks the port to try (default: a free one); tests inject a taken one. */
  pickPort?: (host: string) => Promise<number>;
}

/** A port that was free a moment ago (bind port 0, read it, close). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

const ATTEMPTS = 3;

export async function startMosquitto(o: MosquittoOptions): Promise<RunningBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'pushtui-mosquitto-'));
  const removeSync = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeSync);
  const version = await mosquittoVersion(o.file);
  let lastError = '';
  try {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const port = await (o.pickPort ?? freePort)(o.host);
      const conf = join(dir, 'mosquitto.conf');
      await writeFile(conf, mosquittoConfig({ ...o, port }));
      const broker = await launch(o, conf, port, version, dir, removeSync);
      if (typeof broker !== 'string') return broker;
      lastError = broker;
      if (!/in use/i.test(broker)) break;
    }
  } catch (err) {
    lastError = err instanceof Error ? err.message : String(err);
  }
  await rm(dir, { recursive: true, force: true });
  process.off('exit', removeSync);
  throw new BrokerStartError(`mosquitto did not start: ${lastError}`);
}

/** Starts one mosquitto; returns the running broker, or why it failed. */
async function launch(o: MosquittoOptions, conf: string, port: number, version: string, dir: string, removeSync: () => void): Promise<RunningBroker | string> {
  const soft = softLimitFor(o.fds, o.limits);
  const argv = [o.file, '-c', conf];
  const cmd = soft === undefined ? { file: o.file, args: argv.slice(1) } : withSoftLimit(soft, argv);
  // Own process group, like every child: a terminal's Ctrl-C must not stop the broker under a
  // running scenario; the controller stops it, and trackProcess's reaper covers a killed controller.
  const proc = execa(cmd.file, cmd.args, { stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', buffer: false, reject: false, detached: true, forceKillAfterDelay: 2000 });
  trackProcess(proc);
  proc.catch(() => undefined);
  let stderrTail = '';
  proc.stderr?.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString()).slice(-2000)));
  let stopping = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `mqtt://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  const ready = await waitForBroker(url, exited);
  if (!ready.ok) {
    proc.kill('SIGKILL');
    await exited;
    const line = stderrTail.trim().split('\n').pop()?.replace(/^\d+:\s*/, '');
    return `${line || ready.reason} (port ${port})`;
  }
  const sampler = proc.pid ? new ProcSampler(proc.pid) : undefined;
  const died = exited.then(({ code, signal }) => {
    sampler?.stop();
    return new BrokerDiedError(`mosquitto ${proc.pid ?? ''} ${signal ? `was killed by ${signal}` : `exited with code ${code ?? '?'}`}`);
  });
  return {
    kind: 'mosquitto',
    label: `mosquitto ${version}`,
    version,
    url,
    pid: proc.pid,
    died: died.then((e) => (stopping ? new Promise<never>(() => undefined) : e)),
    onResources: (l) => sampler?.listen(l) ?? (() => undefined),
    stop: async () => {
      stopping = true;
      sampler?.stop();
      proc.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
      process.off('exit', removeSync);
    },
  };
}
