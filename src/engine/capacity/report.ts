/**
 * The capacity report: Markdown tables (what `pushtui capacity` prints), pure.
 *   - per protocol: KiB per connection at each count (server, client, kernel), connect figures
 *   - projection for the fleet size beside the original study's estimates
 *   - failures and limits (with what to change), fairness facts
 */
import { fdLine } from '../env/ulimit.js';
import { formatBytes, formatCount, formatPct, formatUs } from '../report/format.js';
import { markdownTable } from '../report/table.js';
import { hostLine } from '../report/text.js';
import type { CapacityResult, CapacityRun } from './result.js';
import { perConnection } from './result.js';

/** The original study's guesses, KiB per connection (hence 3 GB and 1.5 GB for 50,000 drivers). */
export const STUDY_KB_PER_CONNECTION: Readonly<Record<string, number>> = { grpc: 60, ws: 30 };

/** KiB with one decimal, `–` when unknown. */
export const formatKb = (v: number | null): string => (v === null || !Number.isFinite(v) ? '–' : v.toFixed(1));
const kb = formatKb;

/** `10k` or `4.2k (target 10k)` when a limit cut the target. */
export function runLabel(r: CapacityRun): string {
  const reached = r.attempted < r.target ? ` (target ${formatCount(r.target)})` : '';
  return `${formatCount(r.attempted)}${reached}`;
}

export function perProtocolText(runs: readonly CapacityRun[], protocol: string): string {
  const rows = runs.filter((r) => r.protocol === protocol).map((r) => {
    const p = perConnection(r);
    return [runLabel(r), `${r.open}${r.failed ? ` (${r.failed} failed)` : ''}${r.status !== 'ok' ? ` ${r.status}` : ''}`, kb(p.serverKb), kb(p.serverHeapKb),
      kb(p.clientKb), kb(p.clientHeapKb), kb(p.kernelKb), `${(r.connectAllMs / 1000).toFixed(1)} s`, formatUs(r.connectUs.p50Us), formatUs(r.connectUs.p99Us),
      `${formatPct(r.server.holdCpuPct)} / ${formatPct(r.client.holdCpuPct)}`];
  });
  return `### ${protocol}: KiB per connection\n\n${markdownTable(
    ['connections', 'open', 'server RSS', 'server heap', 'client RSS', 'client heap', 'kernel TCP', 'connect all', 'connect p50', 'connect p99', 'CPU held srv / cli'],
    rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'])}`;
}

/** The measurement a projection (and the app's memory chart) rests on: the largest count that connected anything. */
export function largestRun(runs: readonly CapacityRun[], protocol: string): CapacityRun | undefined {
  return runs.filter((r) => r.protocol === protocol && r.open > 0).sort((a, b) => b.open - a.open)[0];
}

/** The fleet a result's projection is made for (the plan's `fleet`, else 50,000). */
export function fleetOf(result: CapacityResult): number {
  return typeof result.plan.fleet === 'number' ? result.plan.fleet : 50_000;
}

/** One protocol's projection, as table cells: from (connections measured), server, client, kernel, study estimate. */
export function projectionRows(result: CapacityResult, fleet: number): string[][] {
  const protocols = [...new Set(result.runs.map((r) => r.protocol))];
  const gib = (kib: number | null): string => (kib === null ? '–' : formatBytes(kib * 1024 * fleet));
  return protocols.map((protocol) => {
    const r = largestRun(result.runs, protocol);
    if (!r) return [protocol, '–', '–', '–', '–', '–'];
    const p = perConnection(r);
    const study = STUDY_KB_PER_CONNECTION[protocol];
    return [protocol, formatCount(r.open), `${kb(p.serverKb)} KiB → ${gib(p.serverKb)}`, `${kb(p.clientKb)} KiB → ${gib(p.clientKb)}`,
      `${kb(p.kernelKb)} KiB → ${gib(p.kernelKb)}`, study ? `${study} KB → ${formatBytes(study * 1024 * fleet)}` : 'no estimate'];
  });
}

export const PROJECTION_HEADERS = ['protocol', 'from', 'server side', 'client side', 'kernel TCP', 'study estimate (server)'] as const;

export function projectionText(result: CapacityResult, fleet: number): string {
  const rows = projectionRows(result, fleet);
  return `### Projection for ${formatCount(fleet)} connections\n\nPer-connection figures of the largest measured count, times the fleet (linear; process baselines not included).\n\n${markdownTable(PROJECTION_HEADERS, rows)}`;
}

/** What to change when connects fail for a reason that is the machine's, not the protocol's. */
const REASON_HINTS: Readonly<Record<string, string>> = {
  EMFILE: 'a process ran out of file descriptors: lower --connections-per-worker (or --connections-per-server), or raise the open-file limit (`pushtui doctor` says how)',
  ENFILE: 'the whole system ran out of file descriptors: raise fs.file-max (sudo sysctl -w fs.file-max=2000000)',
  EADDRNOTAVAIL: 'a destination ran out of ephemeral ports: lower --connections-per-server or widen net.ipv4.ip_local_port_range',
  'not started: connect rate not sustained': 'the machine could not keep the connect rate: lower --connect-rate',
  'worker did not answer': 'a client worker was too busy to answer in time: lower --connect-rate or --connections-per-worker',
};

/** Runs that hit a limit, failed, were aborted or lost connections while held. */
export function troubledRuns(runs: readonly CapacityRun[]): CapacityRun[] {
  return runs.filter((r) => r.failed > 0 || r.limit || r.status !== 'ok' || Object.keys(r.drops).length > 0);
}

/** `EMFILE×3, timeout×1`, or `–`. */
export function countsText(c: Record<string, number>): string {
  return Object.entries(c).map(([k, v]) => `${k}×${v}`).join(', ') || '–';
}

/** What to change, one line per limit hit and per machine-side failure reason (Markdown bold around the subject). */
export function limitAdvice(runs: readonly CapacityRun[]): string[] {
  const bad = troubledRuns(runs);
  const limits = bad.filter((r) => r.limit).map((r) => `- **${r.protocol} ${formatCount(r.target)}**: reached ${formatCount(r.open)} of ${formatCount(r.target)} because ${r.limit?.reason}. To go further: ${r.limit?.advice}`);
  const reasons = new Set(bad.flatMap((r) => Object.keys(r.errors)));
  const hints = Object.entries(REASON_HINTS).filter(([k]) => reasons.has(k)).map(([k, v]) => `- **${k}**: ${v}`);
  return [...limits, ...hints];
}

export function limitsText(runs: readonly CapacityRun[]): string {
  const bad = troubledRuns(runs);
  if (bad.length === 0) return '### Failures and limits\n\nNone: every target was attempted in full and every connection opened and stayed open.';
  const rows = bad.map((r) => [`${r.protocol} ${formatCount(r.target)}`, `${r.open}/${r.attempted}`, r.status + (r.error ? `: ${r.error}` : ''), countsText(r.errors), countsText(r.drops)]);
  const extra = limitAdvice(runs);
  return `### Failures and limits\n\n${markdownTable(['run', 'open/attempted', 'status', 'connect failures', 'dropped while held'], rows)}${extra.length ? `\n\n${extra.join('\n')}` : ''}`;
}

export function capacityFactsText(runs: readonly CapacityRun[]): string {
  const rows = runs.map((r) => [`${r.protocol} ${formatCount(r.attempted)}`, r.server.label, String(r.server.establishedTcp), `${r.client.processes}`, String(r.client.establishedTcp),
    String(r.destinations.length), r.kernel ? String(r.kernel.tcpInuseDelta) : '–', `${r.keepalive.received}/${r.keepalive.sent}`, r.settled ? `yes (${(r.settleMs / 1000).toFixed(1)} s)` : 'no (bounded)']);
  const notes = [...new Set(runs.flatMap((r) => r.notes))].map((n) => `- ${n}`);
  return `### Fairness facts\n\nTCP = ESTABLISHED sockets the side's processes hold; kernel inuse Δ counts both ends. gRPC per-client channels open one TCP connection per client, shared channels one per worker process.\n\n${markdownTable(
    ['run', 'server side', 'server TCP', 'client procs', 'client TCP', 'destinations', 'kernel inuse Δ', 'keep-alive recv/sent', 'settled'], rows)}${notes.length ? `\n\n${notes.join('\n')}` : ''}`;
}

/** The plan's pacing in one line: connect rate, hold, keep-alive. */
export function capacityPlanLine(result: CapacityResult): string {
  const plan = result.plan;
  return `connect rate ${String(plan.connectRatePerSec)}/s; hold ${String(plan.holdMs)} ms; keep-alive ${String(plan.keepaliveBytes)} B to ${String(plan.keepaliveSamplePct)}% of connections`;
}

/** The machine's limits that bound a capacity run: open files, ephemeral ports, page size. */
export function capacityLimitsLine(result: CapacityResult): string {
  const fd = fdLine({ soft: result.fdLimits.soft, hard: result.fdLimits.hard === 'unlimited' ? Infinity : result.fdLimits.hard });
  return `fd limit: ${fd}; ephemeral ports ${result.ephemeralPorts.low}-${result.ephemeralPorts.high}; page ${result.pageSizeBytes} B`;
}

/** The tables (`###` headings): per protocol, the projection, failures and limits, fairness facts. */
export function capacitySections(result: CapacityResult): string {
  const fleet = fleetOf(result);
  const protocols = [...new Set(result.runs.map((r) => r.protocol))];
  return [
    ...protocols.map((p) => perProtocolText(result.runs, p)),
    'KiB per connection: (after settling − baseline) / open connections. server = ws/gRPC server processes summed, or the MQTT broker; heap after a forced GC (– where not a Node process we run); kernel = /proc/net/sockstat TCP mem. CPU over the hold in % of one core, summed per side.',
    projectionText(result, fleet),
    limitsText(result.runs),
    capacityFactsText(result.runs),
  ].join('\n\n');
}

export function capacityReport(result: CapacityResult): string {
  const parts = [
    `## pushtui capacity — ${result.startedAt}${result.aborted ? ' (ABORTED: partial results)' : ''}`,
    `host: ${hostLine(result)}\n${capacityLimitsLine(result)}\n${capacityPlanLine(result)}\n` + result.notices.map((n) => `note: ${n}`).join('\n'),
    capacitySections(result),
  ];
  return `${parts.join('\n\n')}\n`;
}
