/** `[██████░░░░░░] 42%  elapsed 12s  ETA ~16s` */
import { Text } from 'ink';
import { formatEta } from './plan-summary.js';
import type { Progress } from './run-state.js';
import { tint } from './theme.js';

export function progressBarText(fraction: number, width: number): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export function ProgressBar({ progress, width }: { progress: Progress; width: number }) {
  const barWidth = Math.max(10, Math.min(50, width - 40));
  return (
    <Text>
      <Text color={tint('accent')}>{progressBarText(progress.fraction, barWidth)}</Text> {Math.floor(progress.fraction * 100)}%  elapsed{' '}
      {formatEta(progress.elapsedMs)}  ETA {progress.etaMs === undefined ? '–' : `~${formatEta(progress.etaMs)}`}
    </Text>
  );
}
