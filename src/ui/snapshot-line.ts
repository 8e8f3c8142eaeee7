/** One snapshot as a line of the list: when, which protocols, what plan. Pure. */
import { resultKind } from '../engine/any-result.js';
import type { CapacityResult } from '../engine/capacity/result.js';
import type { ChurnResult } from '../engine/churn/result.js';
import type { RunResult } from '../engine/run.js';
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
  const kind = resultKind(e.result);
  const when = shortDate(entryTimeMs(e));
  const aborted = e.result.aborted ? ' (aborted)' : '';
  if (kind === 'churn') {
    const r = e.result as ChurnResult;
    const modes = [...new Set(r.cells.map((c) => c.mode))];
    return [when, 'churn', modes.join(','), `c ${[...new Set(r.cells.map((c) => c.clients))].join(',')}`, `${r.cells.length} cell${r.cells.length === 1 ? '' : 's'}${aborted}`].join('  ');
  }
  if (kind === 'capacity') {
    const r = e.result as CapacityResult;
    return [when, 'capacity', [...new Set(r.runs.map((x) => x.protocol))].join(','), `n ${[...new Set(r.runs.map((x) => x.target))].join(',')}`, `${r.runs.length} run${r.runs.length === 1 ? '' : 's'}${aborted}`].join('  ');
  }
  const { plan, scenarios } = e.result as RunResult;
  const n = scenarios.length;
  return [
    when,
    plan.protocols.join(','),
    `c ${plan.clients.join(',')}`,
    `m ${plan.messages.join(',')}`,
    plan.payloadBytes.map((b) => `${b}B`).join(','),
    `${n} scenario${n === 1 ? '' : 's'}${aborted}`,
  ].join('  ');
}
