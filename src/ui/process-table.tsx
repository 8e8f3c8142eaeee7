/**
 * CPU and memory of the pusher and workers from the latest tick:
 *
 *   role    pid      CPU   RSS       loop p99   fds
 *   pusher  41233    38%   61.2 MiB  1.20ms     80
 */
import { Box, Text } from 'ink';
import { formatBytes, formatPct, formatUs } from '../engine/report/format.js';
import type { ProcessStat } from '../engine/run.js';
import { tint } from './theme.js';

export function processLine(p: ProcessStat): string {
  return `${p.role.padEnd(7)} ${String(p.pid).padEnd(8)} ${formatPct(p.cpuPct).padStart(5)} ${formatBytes(p.rssBytes).padStart(10)} ${formatUs(p.elDelayP99Us).padStart(9)} ${(p.fds >= 0 ? String(p.fds) : '–').padStart(6)}`;
}

export function ProcessTable({ processes, maxRows }: { processes: readonly ProcessStat[]; maxRows: number }) {
  const shown = processes.slice(0, maxRows);
  return (
    <Box flexDirection="column">
      <Text color={tint('dim')}>{`${'role'.padEnd(7)} ${'pid'.padEnd(8)} ${'CPU'.padStart(5)} ${'RSS'.padStart(10)} ${'loop p99'.padStart(9)} ${'fds'.padStart(6)}`}</Text>
      {shown.map((p) => (
        <Text key={p.pid}>{processLine(p)}</Text>
      ))}
      {processes.length > shown.length ? <Text color={tint('dim')}>… {processes.length - shown.length} more</Text> : null}
    </Box>
  );
}
