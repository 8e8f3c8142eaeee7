/**
 * One churn cell in full: every delivery count with the losses split by what explains
 * them, the drops and catch-ups, catch-up and round-trip percentiles (no churn vs churn),
 * the outbox's Redis work and memory, errors, and the guarantee the mode promises.
 */
import { Box, Text } from 'ink';
import { MODE_INFO } from '../../engine/churn/modes.js';
import type { ChurnCellResult } from '../../engine/churn/result.js';
import { formatBytes, formatCount, formatUs } from '../../engine/report/format.js';
import type { LatencySummary } from '../../engine/stats.js';
import { EMPTY_SUMMARY, summarizeEncoded } from '../../engine/stats.js';
import { tint } from '../theme.js';

function hist(c: ChurnCellResult, name: string): LatencySummary {
  const h = c.hist[name];
  return h ? summarizeEncoded(h) : EMPTY_SUMMARY;
}

const pct = (s: LatencySummary, pick: (s: LatencySummary) => number): string => (s.count ? formatUs(pick(s)) : '–');

/** The detail's lines, pure, so that tests and the snapshot view can read them. */
export function churnDetailLines(c: ChurnCellResult): string[] {
  const n = c.counts;
  const d = c.drops;
  const catchUp = hist(c, 'catchUpUs');
  const steady = hist(c, 'rttSteadyUs');
  const churn = hist(c, 'rttChurnUs');
  const lines = [
    `sent ${formatCount(n.sent)}  delivered ${formatCount(n.delivered)}  acked ${formatCount(c.acked)}  sent while away ${formatCount(n.sentWhileAway)}`,
    `lost ${formatCount(n.lost)}: while away ${formatCount(n.lostWhileAway)}, in flight ${formatCount(n.lostInFlight)}, at end ${formatCount(n.lostAtEnd)}, other ${formatCount(n.lostOther)}${n.lostOther ? ' !' : ''}`,
    `duplicates ${formatCount(n.duplicates)} (duplicate acks ${formatCount(c.duplicateAcks)})  out of order ${formatCount(n.outOfOrder)}  sends behind schedule ${formatCount(c.behind)}`,
    `drops ${d.abrupt} abrupt / ${d.graceful} graceful, reconnect failures ${d.reconnectFailures}, connect failures ${c.connectFailures}; caught up ${d.caughtUp}/${d.caughtUp + d.notCaughtUp}`,
    `catch-up (return -> caught up) p50 ${pct(catchUp, (s) => s.p50Us)} p99 ${pct(catchUp, (s) => s.p99Us)}  first fresh p50 ${pct(hist(c, 'firstFreshUs'), (s) => s.p50Us)}`,
    `round trip no churn p50 ${pct(steady, (s) => s.p50Us)} p99 ${pct(steady, (s) => s.p99Us)}  |  churn p50 ${pct(churn, (s) => s.p50Us)} p99 ${pct(churn, (s) => s.p99Us)}`,
  ];
  const o = c.outbox;
  if (o) {
    lines.push(
      `outbox XADD ${formatCount(o.appended)} / replayed ${formatCount(o.replayed)} / XTRIM ${formatCount(o.trims)}, resumes ${formatCount(o.resumes)}, errors ${formatCount(o.errors)}`,
      `Redis used_memory ${formatBytes(o.memoryBeforeBytes)} → ${formatBytes(o.memoryPeakBytes)} → ${formatBytes(o.memoryAfterBytes)} (before → peak → after)`,
    );
  }
  const errors = Object.entries(c.errors).map(([k, v]) => `${k} ×${v}`);
  lines.push(errors.length ? `errors: ${errors.join(', ')}` : 'errors: none');
  return lines;
}

export function ChurnCellDetail({ cell: c, reason }: { cell: ChurnCellResult; reason?: string }) {
  const ok = c.status === 'ok';
  return (
    <Box flexDirection="column">
      <Text bold>
        {c.id}  <Text color={ok ? tint('good') : c.status === 'failed' ? tint('bad') : tint('warn')}>{c.status}{c.error ? `: ${c.error}` : ''}</Text>
      </Text>
      <Text>
        <Text color={tint('accent')}>{c.mode}</Text>: {MODE_INFO[c.mode].guarantee}
      </Text>
      {reason && reason !== `${c.status}${c.error ? `: ${c.error}` : ''}` ? <Text color={tint('dim')}>this metric: {reason}</Text> : null}
      {c.status === 'unavailable' ? null : churnDetailLines(c).map((line) => (
        <Text key={line} wrap="wrap" color={line.includes(' !') || (line.startsWith('errors:') && !line.endsWith('none')) ? tint('bad') : undefined}>
          {line}
        </Text>
      ))}
      <Text color={tint('dim')}>esc back  ? help</Text>
    </Box>
  );
}
