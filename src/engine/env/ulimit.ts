/**
 * The open-file limit. Read soft and hard through the shell (the numbers children will
 * inherit), start children that need more under `sh -c 'ulimit -Sn N; exec ...'` up to
 * the hard limit, and refuse a plan that even the hard limit cannot hold, saying what to
 * run and what the largest plan that fits is.
 */
import { readFile } from 'node:fs/promises';
import { execa } from 'execa';

export interface FdLimits {
  soft: number;
  /** Infinity when the shell says `unlimited`. */
  hard: number;
}

/** The limits a plan is checked against before it runs: open files and, where known, the ephemeral port range. */
export interface MachineLimits extends FdLimits {
  ports?: { low: number; high: number };
}

/** Open-file limits and the ephemeral port range, read together (for Setup's checks). */
export async function readMachineLimits(): Promise<MachineLimits> {
  const [fds, ports] = await Promise.all([readFdLimits(), ephemeralPorts()]);
  return ports ? { ...fds, ports } : fds;
}

/** Descriptors a Node child uses besides its sockets (stdio, IPC, libuv, timers, files). */
export const FD_OVERHEAD = 64;

export async function readFdLimits(): Promise<FdLimits> {
  const { stdout } = await execa('sh', ['-c', 'ulimit -Sn; ulimit -Hn']);
  const [soft, hard] = stdout.trim().split(/\s+/).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  if (soft === undefined || hard === undefined || Number.isNaN(soft) || Number.isNaN(hard)) {
    throw new Error(`cannot read the open-file limit (ulimit said: ${stdout.trim()})`);
  }
  return { soft, hard };
}

/** The soft limit a child needing `fds` descriptors should get, or undefined if the inherited one is enough. */
export function softLimitFor(fds: number, limits: FdLimits): number | undefined {
  if (fds <= limits.soft) return undefined;
  return Math.min(fds, limits.hard);
}

/** Command prefix that starts `argv` with a raised soft limit (POSIX sh; exec keeps the IPC fd). */
export function withSoftLimit(soft: number, argv: readonly string[]): { file: string; args: string[] } {
  return { file: 'sh', args: ['-c', `ulimit -Sn ${soft} && exec "$0" "$@"`, ...argv] };
}

export function raiseAdvice(needed: number): string {
  return process.platform === 'darwin'
    ? `on macOS: sudo launchctl limit maxfiles ${needed} unlimited && ulimit -n ${needed}`
    : `on Linux: sudo prlimit --pid $$ --nofile=${needed}:${needed} (or '* hard nofile ${needed}' in /etc/security/limits.conf, then log in again)`;
}

export function fdLine(limits: FdLimits): string {
  return `${limits.soft} soft / ${limits.hard === Infinity ? 'unlimited' : limits.hard} hard`;
}

/** The local (ephemeral) port range: how many connections one client address can open to one server port. */
export async function ephemeralPorts(): Promise<{ low: number; high: number } | undefined> {
  try {
    const text = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
    const [low, high] = text.trim().split(/\s+/).map(Number);
    if (low && high) return { low, high };
  } catch {
    // not Linux
  }
  if (process.platform === 'darwin') {
    try {
      const { stdout } = await execa('sysctl', ['-n', 'net.inet.ip.portrange.first', 'net.inet.ip.portrange.last']);
      const [low, high] = stdout.trim().split(/\s+/).map(Number);
      if (low && high) return { low, high };
    } catch {
      // unknown
    }
  }
  return undefined;
}
