/**
 * redis-server for the outbox modes, started like mosquitto: through execa in the
 * foreground on a free loopback port (`--save '' --appendonly no`, a temp dir as its
 * working dir), ready when PING answers (bounded), registered with the pool so that it
 * dies with the controller, stopped with its temp dir on every exit path. Or an existing
 * Redis from `--redis redis://host:port`, which is never started or stopped (and whose
 * credentials are never reported).
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { Redis } from 'ioredis';
import { redactUrl } from '../env/broker.js';
import { freePort } from '../env/mosquitto.js';
import { findProgram, HOMEBREW_SBIN } from '../env/which.js';
import { trackProcess } from '../pool.js';

export const REDIS_INSTALL = 'install it: sudo apt-get install redis-server (Debian/Ubuntu) or brew install redis (macOS), or pass --redis redis://host:port';

export class RedisStartError extends Error {
  override name = 'RedisStartError';
}

export interface RunningRedis {
  /** With credentials if given: never report it, report `shownUrl`. */
  url: string;
  shownUrl: string;
  label: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export function findRedisServer(): string | undefined {
  return findProgram('redis-server', ['/opt/homebrew/bin', '/usr/local/bin', '/usr/bin', ...HOMEBREW_SBIN]);
}

/** Polls PING until it answers PONG, at most `timeoutMs`; stops early if `gone()`. */
export async function waitForPing(url: string, timeoutMs = 5000, gone: () => boolean = () => false): Promise<string | undefined> {
  const until = performance.now() + timeoutMs;
  let reason = 'no answer';
  while (!gone() && performance.now() < until) {
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 1000 });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return undefined;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    } finally {
      probe.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return gone() ? 'redis-server exited' : `no PING answer within ${timeoutMs} ms (${reason})`;
}

export async function externalRedis(url: string): Promise<RunningRedis> {
  const shownUrl = redactUrl(url);
  const why = await waitForPing(url);
  if (why) throw new RedisStartError(`cannot reach Redis at ${shownUrl}: ${why}`);
  return { url, shownUrl, label: `external Redis ${shownUrl}`, pid: undefined, stop: () => Promise.resolve() };
}

export async function startRedisServer(file: string, host: string): Promise<RunningRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'pushtui-redis-'));
  const removeSync = (): void => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeSync);
  let last = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort(host);
    const args = ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'];
    const proc = execa(file, args, { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', buffer: false, reject: false, cleanup: true, forceKillAfterDelay: 2000 });
    trackProcess(proc);
    proc.catch(() => undefined);
    let tail = '';
    const keep = (c: Buffer): void => void (tail = (tail + c.toString()).slice(-2000));
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    let gone = false;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    void exited.then(() => (gone = true));
    const url = `redis://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const why = await waitForPing(url, 5000, () => gone);
    if (!why) {
      const { stdout } = await execa(file, ['--version'], { reject: false, timeout: 5000 });
      const version = /v=(\S+)/.exec(stdout)?.[1] ?? 'unknown';
      return {
        url, shownUrl: url, label: `redis-server ${version}`, pid: proc.pid,
        stop: async () => {
          proc.kill('SIGTERM');
          await exited;
          await rm(dir, { recursive: true, force: true });
          process.off('exit', removeSync);
        },
      };
    }
    proc.kill('SIGKILL');
    await exited;
    last = `${tail.trim().split('\n').pop() ?? ''} ${why}`.trim();
    if (!/in use/i.test(tail)) break;
  }
  await rm(dir, { recursive: true, force: true });
  process.off('exit', removeSync);
  throw new RedisStartError(`redis-server did not start: ${last}`);
}
