/**
 * One scenario in full: percentiles of each histogram, the round-trip distribution (from
 * the encoded HDR histogram), failures and errors, resources and fairness facts.
 */
import { plot } from 'asciichart';
import { Box, Text } from 'ink';
import { formatBytes, formatMs, formatPct, formatUs } from '../engine/report/format.js';
import type { HistName, ScenarioResult } from '../engine/results.js';
import { percentileCurve } from './distribution.js';
import { fit } from './table-layout.js';
import { tint } from './theme.js';

const HISTS: [HistName, string][] = [
  ['rttUs', 'round trip'],
  ['oneWayUs', 'one-way'],
  ['connectUs', 'connect'],
  ['cycleUs', 'cycle'],
];

export function percentileRows(r: ScenarioResult): string[] {
  const head = `${fit('', 12)}${['n', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean'].map((h) => fit(h, 9, 'right')).join('')}`;
  const rows = HISTS.map(([name, label]) => {
    const l = r.latency[name];
    const vals = l.count > 0 ? [l.p50Us, l.p90Us, l.p99Us, l.p999Us, l.maxUs, l.meanUs].map(formatUs) : Array<string>(6).fill('–');
    return `${fit(label, 12)}${[String(l.count), ...vals].map((v) => fit(v, 9, 'right')).join('')}`;
  });
  return [head, ...rows];
}

export function failureLine(r: ScenarioResult): string {
  const c = r.counts;
  const errs = Object.entries(r.errors).map(([k, v]) => `${k} ×${v}`).join(', ');
  return `connect failed ${c.clientsFailedToConnect}, timed out ${c.clientsTimedOut}, disconnected ${c.clientsDisconnected}, lost ${c.lost}, duplicates ${c.duplicateAcks + c.duplicatesAtClient}, crashes ${c.workerCrashes + c.pusherCrashes}, behind ${c.behind}${c.staleAtClient ? `, from an earlier sample ${c.staleAtClient}` : ''}${errs ? `; errors: ${errs}` : ''}`;
}

export function ScenarioDetail({ result: r, width }: { result: ScenarioResult; width: number }) {
  const curve = percentileCurve(r.hist.rttUs, Math.max(10, Math.min(60, width - 14)));
  const { pusher, workers } = r.resources;
  const f = r.fairness;
  return (
    <Box flexDirection="column">
      <Text bold>
        {r.scenario.id}  <Text color={r.status === 'ok' ? tint('good') : tint('bad')}>{r.status}{r.error ? `: ${r.error}` : ''}</Text>  {r.samples.length} sample(s), mean cycle {formatMs(r.cycleMs.mean)} ms
      </Text>
      {percentileRows(r).map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      <Text>round-trip distribution, p0 → p99.9 (nines scale):</Text>
      {curve.length ? (
        <Text>{plot(curve.map((p) => p.valueUs), { height: 6, format: (x: number) => formatUs(x).padStart(9) })}</Text>
      ) : (
        <Text color={tint('dim')}>no round trips recorded</Text>
      )}
      <Text color={r.failures > 0 ? tint('bad') : undefined} wrap="wrap">
        failures {r.failures}: {failureLine(r)}
      </Text>
      <Text wrap="wrap">
        pusher CPU {formatPct(pusher.cpuPctMean)}/{formatPct(pusher.cpuPctMax)} RSS {formatBytes(pusher.rssMaxBytes)} loop {formatUs(pusher.elDelayP99MaxUs)}; workers ×{workers.processes} CPU{' '}
        {formatPct(workers.cpuPctMean)}/{formatPct(workers.cpuPctMax)} RSS {formatBytes(workers.rssMaxBytes)} loop {formatUs(workers.elDelayP99MaxUs)}
        {r.resources.clientBound ? '  CLIENT-BOUND' : ''}
        {r.resources.pusherBound ? '  PUSHER-BOUND' : ''}
      </Text>
      <Text wrap="wrap">
        fairness: encoded {f.encodedNotificationBytes} B, wire {f.wireBytesPerNotification.toFixed(1)} B/notif, {f.wireBytesPerAck.toFixed(1)} B/ack, {f.tcpConnections} TCP conns, {f.workerProcesses} worker procs, Nagle {f.nagle}, ack = {f.ackMeaning}
        {f.notes.length ? `; ${f.notes.join('; ')}` : ''}
      </Text>
      <Text color={tint('dim')}>esc back  ? help</Text>
    </Box>
  );
}
