/** One snapshot as a line of the list: when, which protocols, what plan. Pure. */
import type { SnapshotEntry } from '../engine/snapshot.js';
import { entryTimeMs } from './snapshots-state.js';

/** `YYYY-MM-DD HH:MM`, local time. */
export function shortDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** `2026-12-04 10:00  ws,mqtt  c 1,10  m 100  1500B  4 scenarios (aborted)`, or the file's one-line error. */
export function snapshotLine(e: SnapshotEntry): string {
  if (!e.result) return `${shortDate(e.mtimeMs)}  ✗ ${e.error ?? 'did not load'}`;
  const { plan, scenarios, aborted } = e.result;
  const n = scenarios.length;
  return [
    shortDate(entryTimeMs(e)),
    plan.protocols.join(','),
    `c ${plan.clients.join(',')}`,
    `m ${plan.messages.join(',')}`,
    plan.payloadBytes.map((b) => `${b}B`).join(','),
    `${n} scenario${n === 1 ? '' : 's'}${aborted ? ' (aborted)' : ''}`,
  ].join('  ');
}
