/**
 * What the kernel says about sockets (Linux): TCP memory from /proc/net/sockstat (in
 * pages, machine-wide for this network namespace) and the ESTABLISHED TCP sockets each
 * process holds (its socket fds matched against /proc/net/tcp{,6}). Read by the
 * controller, so no measured process pays for it. Elsewhere: undefined / -1.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { execa } from 'execa';

export interface Sockstat {
  tcpInuse: number;
  /** Pages of memory the kernel holds for TCP socket buffers (all of this namespace). */
  tcpMemPages: number;
}

export function readSockstat(): Sockstat | undefined {
  try {
    const text = readFileSync('/proc/net/sockstat', 'utf8');
    const line = /^TCP:(.*)$/m.exec(text)?.[1] ?? '';
    const inuse = /inuse (\d+)/.exec(line)?.[1];
    const mem = /mem (\d+)/.exec(line)?.[1];
    if (inuse === undefined || mem === undefined) return undefined;
    return { tcpInuse: Number(inuse), tcpMemPages: Number(mem) };
  } catch {
    return undefined;
  }
}

export async function pageSizeBytes(): Promise<number> {
  try {
    const { stdout } = await execa('getconf', ['PAGESIZE'], { timeout: 5000 });
    const n = Number(stdout.trim());
    return n > 0 ? n : 4096;
  } catch {
    return 4096;
  }
}

/** Inodes of ESTABLISHED (state 01) TCP sockets in this network namespace. */
function establishedInodes(): Set<string> {
  const out = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '01' && cols[9]) out.add(cols[9]);
    }
  }
  return out;
}

/** ESTABLISHED TCP sockets held by each pid (-1 when /proc cannot tell). */
export function establishedByPid(pids: readonly number[]): Map<number, number> {
  const result = new Map<number, number>();
  if (process.platform !== 'linux') {
    for (const pid of pids) result.set(pid, -1);
    return result;
  }
  const established = establishedInodes();
  for (const pid of pids) {
    let n = 0;
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
          if (m?.[1] && established.has(m[1])) n++;
        } catch {
          // closed between the listing and the read
        }
      }
      result.set(pid, n);
    } catch {
      result.set(pid, -1);
    }
  }
  return result;
}
