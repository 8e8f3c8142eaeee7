/**
 * A snapshot as Markdown: reads well on GitHub and in a terminal, and carries the raw
 * result (histograms encoded) in a fenced json block so pushtui can reload it losslessly.
 */
import { fdLine } from '../env/ulimit.js';
import type { ScenarioResult } from '../results.js';
import type { AnyResult } from '../any-result.js';
import type { RunResult } from '../run.js';
import { ladderText } from './distribution.js';
import { formatBytes, formatPct, formatUs } from './format.js';
import { METRICS } from './matrix.js';
import { failuresText, fairnessText, hostLine, latencyText, matrixText, planLine, resourcesText } from './text.js';

/** The first line of every snapshot; how a file is recognised before it is parsed. */
export const SNAPSHOT_MARKER = '<!-- pushtui-snapshot -->';
export const SNAPSHOT_SCHEMA_VERSION = 1;
export const RAW_HEADING = '## Raw results';

export interface SnapshotEnvelope {
  format: 'pushtui-snapshot';
  schemaVersion: number;
  result: AnyResult;
}

function planTable(r: RunResult): string {
  const p = r.plan;
  return [
    `- protocols: ${p.protocols.join(', ')}; encodings: ${p.encodings.join(', ')}`,
    `- clients: ${p.clients.join(', ')}; messages per client: ${p.messages.join(', ')}; payload bytes: ${p.payloadBytes.join(', ')}`,
    `- ${planLine(r)}`,
    `- clients per worker process: ${p.clientsPerWorker}; host: ${p.host}`,
  ].join('\n');
}

function scenarioDetail(s: ScenarioResult): string {
  const l = s.latency;
  const f = s.fairness;
  const c = s.counts;
  const { pusher, workers } = s.resources;
  const errs = Object.entries(s.errors).map(([k, v]) => `${k} ×${v}`).join(', ') || 'none';
  return [
    `### ${s.scenario.id}${s.status === 'ok' ? '' : ` (${s.status}${s.error ? `: ${s.error}` : ''})`}`,
    '',
    `Round trip: n=${l.rttUs.count}, mean ${formatUs(l.rttUs.meanUs)} ± ${formatUs(l.rttUs.stdevUs)}; one-way p50 ${formatUs(l.oneWayUs.p50Us)}, p99 ${formatUs(l.oneWayUs.p99Us)}; ` +
      `connect p50 ${formatUs(l.connectUs.p50Us)}, p99 ${formatUs(l.connectUs.p99Us)}; cycle mean ${s.cycleMs.mean.toFixed(3)} ms ± ${s.cycleMs.stdev.toFixed(3)} over samples`,
    '',
    '```text',
    ladderText(l.rttUs),
    '```',
    '',
    `Messages: sent ${c.sent}, acked ${c.acked}, lost ${c.lost}, unsent ${c.unsent}, duplicate acks ${c.duplicateAcks}, duplicates at client ${c.duplicatesAtClient}, out of order ${c.outOfOrder}` +
      (c.staleAtClient > 0 ? `, from an earlier sample (persistent session, not counted as delivered) ${c.staleAtClient}` : '') +
      (s.scenario.pattern === 'rate' ? `, sends behind schedule ${c.behind}` : '') +
      `. Clients: failed to connect ${c.clientsFailedToConnect}, timed out ${c.clientsTimedOut}, disconnected ${c.clientsDisconnected}. Crashes: workers ${c.workerCrashes}, pusher ${c.pusherCrashes}. Errors: ${errs}.`,
    '',
    `Resources: pusher CPU ${formatPct(pusher.cpuPctMean)} (max ${formatPct(pusher.cpuPctMax)}), RSS ${formatBytes(pusher.rssMaxBytes)}; ` +
      `${workers.processes} worker(s) CPU ${formatPct(workers.cpuPctMean)} (max ${formatPct(workers.cpuPctMax)}), RSS ${formatBytes(workers.rssMaxBytes)}` +
      (s.resources.broker ? `; broker CPU ${formatPct(s.resources.broker.cpuPctMean)} (max ${formatPct(s.resources.broker.cpuPctMax)}), RSS ${formatBytes(s.resources.broker.rssMaxBytes)}` : '') +
      `${s.resources.clientBound ? '; **client-bound**' : ''}${s.resources.pusherBound ? '; **pusher-bound**' : ''}.`,
    '',
    `Fairness: ${f.tcpConnections} TCP connection(s), Nagle ${f.nagle}, ${f.encodedNotificationBytes} B encoded, ${f.wireBytesPerNotification.toFixed(1)} B on the wire per notification, ` +
      `${f.wireBytesPerAck.toFixed(1)} B per ack; ack = ${f.ackMeaning}; ${f.notes.join('; ')}.`,
  ].join('\n');
}

export function snapshotMarkdown(r: RunResult): string {
  const envelope: SnapshotEnvelope = { format: 'pushtui-snapshot', schemaVersion: SNAPSHOT_SCHEMA_VERSION, result: r };
  return [
    SNAPSHOT_MARKER,
    `# pushtui snapshot — ${r.startedAt}${r.aborted ? ' (aborted: partial results)' : ''}`,
    `## Host\n\n- ${hostLine(r)}\n- host name: ${r.host.hostname}\n- pushtui ${r.host.pushtui}; ${Object.entries(r.host.libraries).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
      (r.controller ? `- controller (pushtui itself): ${formatPct(r.controller.cpuPct)} of a core, RSS ${formatBytes(r.controller.rssBytes)}\n` : '') +
      `- open-file limit: ${fdLine({ soft: r.fdLimits.soft, hard: r.fdLimits.hard === 'unlimited' ? Infinity : r.fdLimits.hard })}` +
      (r.notices.length ? `\n${r.notices.map((n) => `- note: ${n}`).join('\n')}` : ''),
    `## Plan\n\n${planTable(r)}`,
    '## Results',
    ...METRICS.map((m) => matrixText(r.scenarios, m)),
    '`*` best in column (among scenarios without failures); `!` the scenario had failures.',
    latencyText(r.scenarios),
    failuresText(r.scenarios),
    fairnessText(r.scenarios),
    resourcesText(r.scenarios),
    '## Scenario details',
    ...r.scenarios.map(scenarioDetail),
    `${RAW_HEADING}\n\nEverything above, lossless (HDR histograms as compressed base64), for \`pushtui compare\` and reloading.\n\n\`\`\`json\n${JSON.stringify(envelope)}\n\`\`\``,
  ].join('\n\n') + '\n';
}
