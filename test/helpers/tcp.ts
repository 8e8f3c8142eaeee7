/** Test helper: count a process's ESTABLISHED TCP sockets from /proc (Linux only). */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Inodes of the sockets `pid` holds open. */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m?.[1]) inodes.add(m[1]);
    } catch {
      // closed between the listing and the read
    }
  }
  return inodes;
}

/** ESTABLISHED (state 01) TCP sockets, IPv4 and IPv6, held by `pid`. */
export function establishedTcpSockets(pid: number): number {
  const mine = socketInodes(pid);
  let n = 0;
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '01' && cols[9] && mine.has(cols[9])) n++;
    }
  }
  return n;
}
