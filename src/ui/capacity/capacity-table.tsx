/**
 * The capacity results table: one row per protocol × connections, the selected row
 * inverted; a window of rows around the selection when there are more than `maxRows`.
 *
 *   run                   open server KiB client KiB kernel KiB connect all conn p50 conn p99 failures
 *   ws 1000               1000        9.8       18.1        0.1       1.0 s    310µs    2.1ms        0
 *   mqtt 50.0k ✂         19935 …           (✂: a limit cut the target, see below)
 */
import { Box, Text } from 'ink';
import { formatKb } from '../../engine/capacity/report.js';
import type { CapacityRun } from '../../engine/capacity/result.js';
import { perConnection } from '../../engine/capacity/result.js';
import { formatCount, formatUs } from '../../engine/report/format.js';
import { fit, keepColumns } from '../table-layout.js';
import { tint } from '../theme.js';

export const TABLE_COLUMNS: [string, number][] = [
  ['run', 18], ['open', 7], ['server KiB', 10], ['client KiB', 10], ['kernel KiB', 10], ['connect all', 11], ['conn p50', 8], ['conn p99', 8], ['failures', 8],
];

export function tableCells(r: CapacityRun): string[] {
  const p = perConnection(r);
  const status = r.status === 'ok' ? '' : ` ${r.status}`;
  const cut = r.attempted < r.target ? ' ✂' : '';
  return [`${r.protocol} ${formatCount(r.target)}${cut}${status}`, String(r.open), formatKb(p.serverKb), formatKb(p.clientKb), formatKb(p.kernelKb),
    `${(r.connectAllMs / 1000).toFixed(1)} s`, formatUs(r.connectUs.p50Us), formatUs(r.connectUs.p99Us), r.failed ? `${r.failed} !` : '0'];
}

/** Dropped first when the terminal is narrow: kernel KiB, connect all, p50. */
const DROP_ORDER = [4, 5, 6];

function line(cells: readonly string[], kept: readonly number[]): string {
  return kept.map((i) => fit(cells[i] ?? '', TABLE_COLUMNS[i]?.[1] ?? 8, i === 0 ? 'left' : 'right')).join(' ');
}

/** [start, end) of the rows shown: at most maxRows, the selected one inside. */
export function rowWindow(rows: number, selected: number, maxRows: number): [number, number] {
  if (rows <= maxRows) return [0, rows];
  const start = Math.max(0, Math.min(selected - Math.floor(maxRows / 2), rows - maxRows));
  return [start, start + maxRows];
}

export function CapacityTable({ runs, selected, maxRows, width }: { runs: readonly CapacityRun[]; selected: number; maxRows: number; width: number }) {
  const [start, end] = rowWindow(runs.length, selected, maxRows);
  const kept = keepColumns(TABLE_COLUMNS.map(([, w]) => w), DROP_ORDER, width);
  return (
    <Box flexDirection="column">
      <Text color={tint('dim')} wrap="truncate-end">{line(TABLE_COLUMNS.map(([h]) => h), kept)}</Text>
      {runs.slice(start, end).map((r, i) => {
        const bad = r.failed > 0 || r.status !== 'ok';
        return (
          <Text key={start + i} inverse={start + i === selected} color={bad ? tint('bad') : undefined} wrap="truncate-end">
            {line(tableCells(r), kept)}
          </Text>
        );
      })}
      {end < runs.length || start > 0 ? <Text color={tint('dim')}>rows {start + 1}-{end} of {runs.length}</Text> : null}
    </Box>
  );
}
