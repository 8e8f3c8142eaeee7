/**
 * Snapshot Markdown for every kind of result: latency runs have their own layout
 * (markdown.ts); churn and capacity runs follow the same outline (Host, Plan with every
 * field, Results from their report, the raw block), so one loader reads them all back
 * (snapshot.ts) and the browser lists them side by side.
 */
import type { AnyResult } from '../any-result.js';
import { resultKind } from '../any-result.js';
import { CAPACITY_PLAN_KEYS, capacityFieldMeta } from '../capacity/plan.js';
import { capacityLimitsLine, capacityPlanLine, capacitySections } from '../capacity/report.js';
import type { CapacityResult } from '../capacity/result.js';
import { CHURN_KEYS, churnFieldMeta } from '../churn/plan.js';
import { churnPlanLine, churnSections } from '../churn/report.js';
import type { ChurnResult } from '../churn/result.js';
import type { HostInfo } from '../env/sysinfo.js';
import type { RunResult } from '../run.js';
import type { SnapshotEnvelope } from './markdown.js';
import { RAW_HEADING, SNAPSHOT_MARKER, SNAPSHOT_SCHEMA_VERSION, snapshotMarkdown } from './markdown.js';
import { asHostInfo, planFields, planListText } from './plan-list.js';
import { hostLine } from './text.js';

function rawBlock(r: AnyResult): string {
  const envelope: SnapshotEnvelope = { format: 'pushtui-snapshot', schemaVersion: SNAPSHOT_SCHEMA_VERSION, result: r };
  return `${RAW_HEADING}\n\nEverything above, lossless (histograms as compressed base64), for \`pushtui compare\` and reloading.\n\n\`\`\`json\n${JSON.stringify(envelope)}\n\`\`\`\n`;
}

/** Demotes a report's headings one level so they sit under the snapshot's `## Results`. */
function nest(markdown: string): string {
  return markdown.replace(/^(#{1,5}) /gm, '#$1 ');
}

function title(kind: string, r: { startedAt: string; aborted: boolean }): string {
  return `# pushtui ${kind} snapshot — ${r.startedAt}${r.aborted ? ' (aborted: partial results)' : ''}`;
}

/** `## Host`: the machine, pushtui and library versions, whatever else bounds the run, notices. */
function hostSection(host: HostInfo | undefined, extra: readonly string[], notices: readonly string[]): string {
  const lines = host
    ? [hostLine({ host }), `host name: ${host.hostname}`, `pushtui ${host.pushtui}; ${Object.entries(host.libraries ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}`]
    : ['unknown host'];
  return `## Host\n\n${[...lines, ...extra, ...notices.map((n) => `note: ${n}`)].map((l) => `- ${l}`).join('\n')}`;
}

export function churnSnapshotMarkdown(r: ChurnResult): string {
  return [
    SNAPSHOT_MARKER,
    title('churn', r),
    hostSection(asHostInfo(r.host), [], r.notices),
    `## Plan\n\n${planListText(r.plan, planFields(CHURN_KEYS, churnFieldMeta))}`,
    `## Results\n\n${churnPlanLine(r)}`,
    nest(churnSections(r)).trimEnd(),
    rawBlock(r),
  ].join('\n\n');
}

export function capacitySnapshotMarkdown(r: CapacityResult): string {
  return [
    SNAPSHOT_MARKER,
    title('capacity', r),
    hostSection(r.host, [capacityLimitsLine(r)], r.notices),
    `## Plan\n\n${planListText(r.plan, planFields(CAPACITY_PLAN_KEYS, capacityFieldMeta))}`,
    `## Results\n\n${capacityPlanLine(r)}`,
    capacitySections(r),
    rawBlock(r),
  ].join('\n\n');
}

export function anySnapshotMarkdown(r: AnyResult): string {
  switch (resultKind(r)) {
    case 'churn':
      return churnSnapshotMarkdown(r as ChurnResult);
    case 'capacity':
      return capacitySnapshotMarkdown(r as CapacityResult);
    case 'latency':
      return snapshotMarkdown(r as RunResult);
  }
}
