/**
 * The cells of a churn run and where each stands, a window around the current one:
 *
 *   [1/4] ws/20c/30%          done  lost 12.4%  dup 0
 *   [2/4] ws-outbox/20c/30%   running
 *   [3/4] grpc/20c/30%        waiting
 */
import { Box, Text } from 'ink';
import { fit } from '../table-layout.js';
import { tint } from '../theme.js';
import type { ChurnRunState } from './churn-run-state.js';
import { cellStateOf } from './churn-run-state.js';

/** The rows shown: up to `maxRows`, the current cell kept in view. */
export function cellWindow(total: number, current: number, maxRows: number): [number, number] {
  if (total <= maxRows) return [0, total];
  const start = Math.max(0, Math.min(total - maxRows, current - Math.floor(maxRows / 2)));
  return [start, start + maxRows];
}

export function ChurnCellList({ state, width, maxRows }: { state: ChurnRunState; width: number; maxRows: number }) {
  const total = state.cells.length;
  const [start, end] = cellWindow(total, Math.max(0, state.index), maxRows);
  const idWidth = Math.min(28, Math.max(...state.cells.map((c) => c.id.length), 4) + 2);
  const tagWidth = `[${total}/${total}] `.length;
  return (
    <Box flexDirection="column">
      {start > 0 ? <Text color={tint('dim')}>… {start} earlier</Text> : null}
      {state.cells.slice(start, end).map((cell, k) => {
        const i = start + k;
        const { text, tone } = cellStateOf(state, i);
        return (
          <Text key={cell.id} wrap="truncate-end">
            <Text bold={i === state.index}>{fit(`[${i + 1}/${total}]`, tagWidth)}{fit(cell.id, idWidth)}</Text>
            <Text color={tint(tone)}>{fit(text, Math.max(10, width - tagWidth - idWidth))}</Text>
          </Text>
        );
      })}
      {end < total ? <Text color={tint('dim')}>… {total - end} more</Text> : null}
    </Box>
  );
}
