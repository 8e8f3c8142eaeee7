/**
 * Everything one capacity measurement recorded: both sides, sockets, destinations,
 * connect figures, errors and drops by reason, keep-alive, limits and notes.
 *
 *   ws × 10k  ok  open 10000 of 10000 attempted (connected 10000, failed 0)
 *   side     label                       procs  RSS before → after   heap Δ   CPU held  TCP
 *   server   3 ws server process(es)         3  60.1 MiB → 160 MiB  40 MiB   1%       10000
 */
import { Box, Text } from 'ink';
import { countsText, formatKb } from '../../engine/capacity/report.js';
import type { CapacityRun, CapacitySide } from '../../engine/capacity/result.js';
import { perConnection } from '../../engine/capacity/result.js';
import { formatBytes, formatCount, formatPct, formatUs } from '../../engine/report/format.js';
import { fit } from '../table-layout.js';
import { tint } from '../theme.js';

const SIDE_COLUMNS: [string, number][] = [['side', 8], ['label', 27], ['procs', 6], ['RSS before → after', 24], ['heap Δ', 11], ['CPU held', 9], ['TCP', 7]];

function sideCells(name: string, s: CapacitySide): string[] {
  return [name, s.label, String(s.processes), `${formatBytes(s.rssBaselineBytes)} → ${formatBytes(s.rssAfterBytes)}`,
    s.heapDeltaBytes === null ? '–' : formatBytes(s.heapDeltaBytes), formatPct(s.holdCpuPct), s.establishedTcp < 0 ? '?' : String(s.establishedTcp)];
}

function row(cells: string[]): string {
  return cells.map((c, i) => fit(c, SIDE_COLUMNS[i]?.[1] ?? 8, i >= 2 ? 'right' : 'left')).join(' ');
}

export function CapacityRunDetail({ run: r, width }: { run: CapacityRun; width: number }) {
  const p = perConnection(r);
  const dests = r.destinations.length > 3 ? `${r.destinations.slice(0, 3).join(', ')} … (${r.destinations.length})` : r.destinations.join(', ') || '–';
  const lines: [string, string][] = [
    ['per connection', `server ${formatKb(p.serverKb)} KiB (heap ${formatKb(p.serverHeapKb)})  client ${formatKb(p.clientKb)} KiB (heap ${formatKb(p.clientHeapKb)})  kernel ${formatKb(p.kernelKb)} KiB`],
    ['connect', `all in ${(r.connectAllMs / 1000).toFixed(1)} s  p50 ${formatUs(r.connectUs.p50Us)}  p90 ${formatUs(r.connectUs.p90Us)}  p99 ${formatUs(r.connectUs.p99Us)}  max ${formatUs(r.connectUs.maxUs)}  (${r.connectUs.count} timed)`],
    ['settled', r.settled ? `yes, after ${(r.settleMs / 1000).toFixed(1)} s` : `no: bounded at ${(r.settleMs / 1000).toFixed(1)} s`],
    ['kernel TCP', r.kernel ? `mem Δ ${formatBytes(r.kernel.tcpMemDeltaBytes)}  inuse Δ ${r.kernel.tcpInuseDelta} (machine-wide, both ends)` : 'unavailable'],
    ['connect failures', countsText(r.errors)],
    ['dropped while held', countsText(r.drops)],
    ['keep-alive', `${r.keepalive.received} received of ${r.keepalive.sent} sent`],
    ['destinations', dests],
    ['forced GC', r.gcForced ? 'yes (heaps measured after it)' : 'no'],
    ['memory curve', r.curve ? `${r.curve.length} points` : 'not recorded (older result): baseline and settled only'],
  ];
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>
        {r.protocol} × {formatCount(r.target)}{' '}
        <Text color={tint(r.status === 'ok' ? 'good' : 'bad')}>{r.status}</Text>  open {r.open} of {r.attempted} attempted (connected {r.connected}, failed {r.failed})
      </Text>
      {r.error ? <Text color={tint('bad')} wrap="truncate-end">✗ {r.error}</Text> : null}
      {r.limit ? (
        <Text color={tint('warn')} wrap="wrap">
          ! limited: {r.limit.reason}. To go further: {r.limit.advice}
        </Text>
      ) : null}
      <Box flexDirection="column" marginY={1}>
        <Text color={tint('dim')}>{row(SIDE_COLUMNS.map(([h]) => h))}</Text>
        <Text wrap="truncate-end">{row(sideCells('server', r.server))}</Text>
        <Text wrap="truncate-end">{row(sideCells('client', r.client))}</Text>
      </Box>
      {lines.map(([k, v]) => (
        <Text key={k} wrap="truncate-end">
          <Text color={tint('accent')}>{fit(k, 19)}</Text>
          {v}
        </Text>
      ))}
      {r.notes.map((n, i) => (
        <Text key={i} color={tint('dim')} wrap="truncate-end">
          note: {n}
        </Text>
      ))}
      <Text color={tint('dim')}>esc / q back</Text>
    </Box>
  );
}
