/**
 * The churn report: pure functions from a ChurnResult to Markdown. One table of delivery
 * counts per cell, a lost-share matrix (rows mode, columns clients x drop share), the cost
 * of each guarantee (round trip with nobody dropping, Redis memory), and every error.
 */
import { formatBytes, formatCount, formatUs } from '../report/format.js';
import { markdownTable } from '../report/table.js';
import type { LatencySummary } from '../stats.js';
import { EMPTY_SUMMARY, summarizeEncoded } from '../stats.js';
import { MODE_INFO } from './modes.js';
import type { ChurnCellResult, ChurnResult } from './result.js';

function summary(c: ChurnCellResult, name: string): LatencySummary {
  const h = c.hist[name];
  return h ? summarizeEncoded(h) : EMPTY_SUMMARY;
}

const us = (s: LatencySummary, pick: (s: LatencySummary) => number): string => (s.count ? formatUs(pick(s)) : '–');

function columnOf(c: Pick<ChurnCellResult, 'clients' | 'dropShare'>): string {
  return `${c.clients}c ${Math.round(c.dropShare * 100)}% drop`;
}

function statusMark(c: ChurnCellResult): string {
  return c.status === 'ok' ? '' : ` (${c.status})`;
}

export function deliveryTable(cells: readonly ChurnCellResult[]): string {
  const rows = cells.map((c) => {
    const n = c.counts;
    const catchUp = summary(c, 'catchUpUs');
    return [
      `${c.mode}${statusMark(c)}`, columnOf(c), formatCount(n.sent), formatCount(n.delivered), `${formatCount(n.lost)}${n.lostOther ? '!' : ''}`,
      formatCount(n.lostWhileAway), formatCount(n.lostInFlight), formatCount(n.lostAtEnd), formatCount(n.lostOther), formatCount(n.duplicates), formatCount(n.outOfOrder),
      `${c.drops.abrupt}/${c.drops.graceful}`, `${c.drops.caughtUp}/${c.drops.caughtUp + c.drops.notCaughtUp}`,
      us(catchUp, (s) => s.p50Us), us(catchUp, (s) => s.p99Us), us(summary(c, 'firstFreshUs'), (s) => s.p50Us),
    ];
  });
  const head = ['mode', 'cell', 'sent', 'delivered', 'lost', 'while away', 'in flight', 'at end', 'other', 'dup', 'out of order', 'drops a/g', 'caught up', 'catch-up p50', 'catch-up p99', 'first fresh p50'];
  return markdownTable(head, rows, head.map((_, i) => (i < 2 ? 'left' : 'right')));
}

/** Lost share of sent, rows = mode, columns = clients x drop share. */
export function lostMatrix(cells: readonly ChurnCellResult[]): string {
  const columns = [...new Set(cells.map(columnOf))];
  const modes = [...new Set(cells.map((c) => c.mode))];
  const rows = modes.map((m) => [
    m,
    ...columns.map((col) => {
      const c = cells.find((x) => x.mode === m && columnOf(x) === col);
      if (!c || c.status === 'unavailable') return '–';
      const pct = c.counts.sent ? (100 * c.counts.lost) / c.counts.sent : 0;
      return `${pct.toFixed(pct > 0 && pct < 1 ? 2 : 1)}%${c.counts.duplicates ? ` +${c.counts.duplicates} dup` : ''}${c.status === 'ok' ? '' : '!'}`;
    }),
  ]);
  return markdownTable(['lost (of sent)', ...columns], rows, ['left', ...columns.map(() => 'right' as const)]);
}

export function costTable(cells: readonly ChurnCellResult[]): string {
  const rows = cells
    .filter((c) => c.status !== 'unavailable')
    .map((c) => {
      const steady = summary(c, 'rttSteadyUs');
      const churn = summary(c, 'rttChurnUs');
      const o = c.outbox;
      return [
        c.mode, columnOf(c), us(steady, (s) => s.p50Us), us(steady, (s) => s.p99Us), us(churn, (s) => s.p50Us), us(churn, (s) => s.p99Us),
        o ? `${formatCount(o.appended)}/${formatCount(o.replayed)}/${formatCount(o.trims)}` : '–',
        o ? `${formatBytes(o.memoryBeforeBytes)} → ${formatBytes(o.memoryPeakBytes)} → ${formatBytes(o.memoryAfterBytes)}` : '–',
      ];
    });
  const head = ['mode', 'cell', 'rtt p50 (no churn)', 'rtt p99 (no churn)', 'rtt p50 (churn)', 'rtt p99 (churn)', 'XADD/replayed/XTRIM', 'Redis used_memory before → peak → after'];
  return markdownTable(head, rows, head.map((_, i) => (i < 2 ? 'left' : 'right')));
}

/** The plan in one sentence: rate, phases, seed. */
export function churnPlanLine(r: ChurnResult): string {
  const plan = r.plan;
  const allWarmup = Number(plan.baselineMs) > 0 && Number(plan.warmupMs) >= Number(plan.baselineMs);
  const warmup = allWarmup
    ? `all of it warm-up (--warmup ${String(plan.warmupMs)} ms): no round trip without churn recorded`
    : `round trips of its first ${String(plan.warmupMs)} ms not recorded: warm-up`;
  return `${String(plan.ratePerClient)} msg/s per client; baseline ${String(plan.baselineMs)} ms without drops (${warmup}), then ${String(plan.durationMs)} ms of churn; seed ${String(plan.seed)}.`;
}

/** Everything after the title and plan line: delivery, lost share, cost, modes, errors (`##` headings). */
export function churnSections(r: ChurnResult): string {
  const out: string[] = [];
  out.push('## Delivery', '', deliveryTable(r.cells), '');
  out.push(
    'lost = sent and never received; while away = sent between the drop and the return; in flight = sent before an abrupt drop, after the last one received; ' +
      'at end = sent after the last one the client got, not there when --drain ran out (late or lost); other = no drop explains it (`!`). caught up = returns after which the client held every earlier notification; catch-up = return → that moment; ' +
      'first fresh = return → first notification sent after it. Drops a/g = abrupt/graceful.',
    '',
  );
  out.push('## Lost share', '', lostMatrix(r.cells), '');
  out.push('## Cost of the guarantee', '', costTable(r.cells), '');
  out.push('Round trip: pusher encode → client ack decoded; in churn, replayed messages count from their first send. Memory: `INFO memory` used_memory.', '');
  out.push('## Modes', '');
  for (const m of [...new Set(r.cells.map((c) => c.mode))]) out.push(`- ${m}: ${MODE_INFO[m].guarantee}`);
  const troubled = r.cells.filter((c) => c.error || Object.keys(c.errors).length);
  if (troubled.length) {
    out.push('', '## Errors and events', '');
    for (const c of troubled) {
      const list = Object.entries(c.errors).map(([k, v]) => `${k} ×${v}`).join(', ');
      out.push(`- ${c.id}: ${c.error ? `${c.status}: ${c.error}` : ''}${c.error && list ? '; ' : ''}${list}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function churnReport(r: ChurnResult): string {
  const out: string[] = [`# pushtui churn${r.aborted ? ' (ABORTED: partial results)' : ''}`, '', churnPlanLine(r), ''];
  for (const n of r.notices) out.push(`- ${n}`);
  out.push('', churnSections(r));
  return out.join('\n');
}
