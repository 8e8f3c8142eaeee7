/**
 * Snapshot Markdown for every kind of result: latency runs have their own layout
 * (markdown.ts); churn and capacity runs are their report plus the same raw block, so one
 * loader reads them all back (snapshot.ts) and the browser lists them side by side.
 */
import type { AnyResult } from '../any-result.js';
import { resultKind } from '../any-result.js';
import { capacityReport } from '../capacity/report.js';
import type { CapacityResult } from '../capacity/result.js';
import { churnReport } from '../churn/report.js';
import type { ChurnResult } from '../churn/result.js';
import type { RunResult } from '../run.js';
import type { SnapshotEnvelope } from './markdown.js';
import { RAW_HEADING, SNAPSHOT_MARKER, SNAPSHOT_SCHEMA_VERSION, snapshotMarkdown } from './markdown.js';
import { hostLine } from './text.js';

function rawBlock(r: AnyResult): string {
  const envelope: SnapshotEnvelope = { format: 'pushtui-snapshot', schemaVersion: SNAPSHOT_SCHEMA_VERSION, result: r };
  return `${RAW_HEADING}\n\nEverything above, lossless (histograms as compressed base64), for \`pushtui compare\` and reloading.\n\n\`\`\`json\n${JSON.stringify(envelope)}\n\`\`\`\n`;
}

/** Demotes a report's headings one level so they sit under the snapshot's title. */
function nest(markdown: string): string {
  return markdown.replace(/^(#{1,5}) /gm, '#$1 ');
}

export function churnSnapshotMarkdown(r: ChurnResult): string {
  const h = r.host;
  const hostText = typeof h.cpuModel === 'string' ? hostLine({ host: h as unknown as RunResult['host'] }) : 'unknown host';
  const libs = h.libraries && typeof h.libraries === 'object' ? Object.entries(h.libraries as Record<string, string>).map(([k, v]) => `${k} ${v}`).join(', ') : '';
  return [
    SNAPSHOT_MARKER,
    `# pushtui churn snapshot — ${r.startedAt}${r.aborted ? ' (aborted: partial results)' : ''}`,
    `## Host\n\n- ${hostText}${libs ? `\n- ${libs}` : ''}`,
    nest(churnReport(r)).trimEnd(),
    rawBlock(r),
  ].join('\n\n');
}

export function capacitySnapshotMarkdown(r: CapacityResult): string {
  return [
    SNAPSHOT_MARKER,
    `# pushtui capacity snapshot — ${r.startedAt}${r.aborted ? ' (aborted: partial results)' : ''}`,
    nest(capacityReport(r)).trimEnd(),
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
