/**
 * The headless report: what `pushtui run` prints on stdout. Markdown tables that read
 * well in a terminal: host and settings, one matrix per metric (best marked `*`,
 * failing cells `!`), failures in detail, fairness facts and resources.
 */
import { fdLine } from '../env/ulimit.js';
import type { ScenarioResult } from '../results.js';
import type { RunResult } from '../run.js';
import { rowKey, columnKey } from '../scenario.js';
import { formatBytes, formatPct, formatUs } from './format.js';
import type { Metric } from './matrix.js';
import { buildMatrix, METRICS } from './matrix.js';
import { markdownTable } from './table.js';

export function hostLine(r: Pick<RunResult, 'host'>): string {
  const h = r.host;
  return `${h.cpuModel}, ${h.cores} cores, ${formatBytes(h.ramBytes)} RAM, ${h.os}, Node ${h.node}`;
}

export function planLine(r: Pick<RunResult, 'plan'>): string {
  const p = r.plan;
  const pattern = p.pattern === 'rate' ? `rate ${p.ratePerClient} msg/s per client` : p.pattern;
  return `pattern ${pattern}; ${p.samples} sample(s); warm-up ${p.warmupMessages} msg/client excluded; timeout ${p.timeoutMs} ms/sample; ack ${p.ackBytes} B; Nagle ${p.nagle ? 'on' : 'off'}`;
}

export function matrixText(results: readonly ScenarioResult[], metric: Metric): string {
  const m = buildMatrix(results, metric);
  const rows = m.rows.map((row, r) => [row, ...m.columns.map((_, c) => {
    const cell = m.cells[r]?.[c];
    if (!cell) return '';
    return `${cell.text}${cell.best ? ' *' : ''}${cell.failed ? ' !' : ''}`;
  })]);
  return `### ${m.title}\n\n${markdownTable(['protocol encoding payload', ...m.columns], rows, ['left', ...m.columns.map(() => 'right' as const)])}`;
}

export function failuresText(results: readonly ScenarioResult[]): string {
  const bad = results.filter((r) => r.failures > 0 || r.status !== 'ok');
  if (bad.length === 0) return '### Failures\n\nNone: every client connected and finished, every message was acked once.';
  const rows = bad.map((r) => {
    const c = r.counts;
    const errs = Object.entries(r.errors).map(([k, v]) => `${k}×${v}`).join(', ');
    return [r.scenario.id, r.status + (r.error ? `: ${r.error}` : ''), String(c.clientsFailedToConnect), String(c.clientsTimedOut),
      String(c.clientsDisconnected), String(c.lost), String(c.duplicateAcks + c.duplicatesAtClient), String(c.workerCrashes + c.pusherCrashes), errs || '–'];
  });
  return `### Failures\n\n${markdownTable(['scenario', 'status', 'connect failed', 'timed out', 'disconnected', 'lost msgs', 'duplicates', 'crashes', 'errors'], rows)}`;
}

export function fairnessText(results: readonly ScenarioResult[]): string {
  const seen = new Set<string>();
  const rows: string[][] = [];
  const meaning = new Map<string, string>();
  for (const r of results) {
    const row = rowKey(r.scenario);
    const f = r.fairness;
    meaning.set(row, `${f.ackMeaning}. ${f.notes.join('; ')}`);
    const key = `${row} ${r.scenario.clients}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sent = r.counts.sent > 0;
    rows.push([row, String(r.scenario.clients), sent ? String(f.encodedNotificationBytes) : '–', sent ? f.wireBytesPerNotification.toFixed(1) : '–',
      sent ? f.wireBytesPerAck.toFixed(1) : '–', String(f.tcpConnections), String(f.workerProcesses), f.nagle]);
  }
  const notes = [...meaning].map(([row, text]) => `- **${row}**: ack = ${text}`).join('\n');
  return `### Fairness facts\n\nwire B = bytes the push side's sockets wrote per notification / read per ack, protocol framing included, TCP/IP headers not.\n\n${markdownTable(
    ['row', 'clients', 'encoded B', 'wire B/notif', 'wire B/ack', 'TCP conns', 'worker procs', 'Nagle'], rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'])}\n\n${notes}`;
}

export function resourcesText(results: readonly ScenarioResult[]): string {
  const rows = results.map((r) => {
    const { pusher, workers, broker } = r.resources;
    if (pusher.processes === 0 && workers.processes === 0) return [r.scenario.id, ...Array<string>(8).fill('–'), 'not measured'];
    const flags = [r.resources.clientBound ? 'client-bound' : '', r.resources.pusherBound ? 'pusher-bound' : ''].filter(Boolean).join(', ');
    return [r.scenario.id, `${formatPct(pusher.cpuPctMean)} / ${formatPct(pusher.cpuPctMax)}`, formatBytes(pusher.rssMaxBytes), formatUs(pusher.elDelayP99MaxUs),
      `${formatPct(workers.cpuPctMean)} / ${formatPct(workers.cpuPctMax)}`, formatBytes(workers.rssMaxBytes), formatUs(workers.elDelayP99MaxUs),
      broker ? `${formatPct(broker.cpuPctMean)} / ${formatPct(broker.cpuPctMax)}` : '–', broker ? formatBytes(broker.rssMaxBytes) : '–', flags || '–'];
  });
  return `### Resources\n\nCPU in % of one core (mean / max per process while measuring); event-loop delay p99 max; client-bound = workers saturated, so the numbers describe the clients, not the protocol.\n\n${markdownTable(
    ['scenario', 'pusher CPU', 'pusher RSS', 'pusher loop', 'worker CPU', 'worker RSS', 'worker loop', 'broker CPU', 'broker RSS', 'flags'], rows)}`;
}

export function latencyText(results: readonly ScenarioResult[]): string {
  const rows = results.map((r) => {
    const l = r.latency;
    if (l.rttUs.count === 0) return [`${rowKey(r.scenario)} ${columnKey(r.scenario)}`, '0', ...Array<string>(9).fill('–')];
    return [`${rowKey(r.scenario)} ${columnKey(r.scenario)}`, String(l.rttUs.count), formatUs(l.rttUs.p50Us), formatUs(l.rttUs.p90Us), formatUs(l.rttUs.p99Us),
      formatUs(l.rttUs.p999Us), formatUs(l.rttUs.maxUs), `${formatUs(l.rttUs.meanUs)} ± ${formatUs(l.rttUs.stdevUs)}`, formatUs(l.oneWayUs.p50Us),
      formatUs(l.connectUs.p50Us), l.rttUncorrectedUs.count > 0 ? formatUs(l.rttUncorrectedUs.p99Us) : '–'];
  });
  return `### Round trip per scenario\n\n${markdownTable(
    ['scenario', 'n', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean ± sd', 'one-way p50', 'connect p50', 'uncorrected p99'],
    rows, ['left', ...Array<'right'>(10).fill('right')])}`;
}

export function textReport(r: RunResult, metrics: readonly Metric[] = METRICS): string {
  const parts = [
    `## pushtui ${r.host.pushtui} — ${r.startedAt}${r.aborted ? ' (ABORTED: partial results)' : ''}`,
    `host: ${hostLine(r)}\n${r.controller ? `controller (pushtui itself): ${formatPct(r.controller.cpuPct)} of a core, RSS ${formatBytes(r.controller.rssBytes)}\n` : ''}fd limit: ${fdLine({ soft: r.fdLimits.soft, hard: r.fdLimits.hard === 'unlimited' ? Infinity : r.fdLimits.hard })}\n${planLine(r)}` +
      (r.notices.length ? `\n${r.notices.map((n) => `note: ${n}`).join('\n')}` : ''),
    ...metrics.map((m) => matrixText(r.scenarios, m)),
    '`*` best in column (among scenarios without failures); `!` the scenario had failures, see below.',
    latencyText(r.scenarios),
    failuresText(r.scenarios),
    fairnessText(r.scenarios),
    resourcesText(r.scenarios),
  ];
  return `${parts.join('\n\n')}\n`;
}
