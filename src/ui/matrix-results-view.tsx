/**
 * The body every matrix Results screen (latency, churn) draws: title, the metric's name and
 * meaning, the matrix with the selection, the legend, the selected cell, the save line and
 * the keys. The screens own their state and keys; this draws.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { SaveStatus } from './app-state.js';
import type { TableMatrix } from './matrix-table.js';
import { MatrixTable } from './matrix-table.js';
import { SaveLine } from './save-line.js';
import { tint } from './theme.js';

export interface MatrixResultsViewProps {
  /** After `pushtui`, e.g. `results 4 scenario(s)`; the first word is dimmed. */
  what: string;
  count: string;
  source?: string;
  aborted: boolean;
  matrix: TableMatrix & { metric: string; title: string };
  row: number;
  col: number;
  width: number;
  /** Shown instead of the matrix when no cell finished. */
  empty: string;
  legend: ReactNode;
  selected: string | undefined;
  save?: SaveStatus;
  ready: boolean;
  canSave: boolean;
  canBrowse: boolean;
}

export function MatrixResultsView(p: MatrixResultsViewProps) {
  return (
    <Box flexDirection="column">
      <Text bold>
        pushtui <Text color={tint('dim')}>{p.what}</Text> {p.count}
        {p.source ? ` from ${p.source}` : ''}
        {p.aborted ? <Text color={tint('warn')}> (aborted: partial results)</Text> : null}
      </Text>
      <Text wrap="truncate-end">
        <Text color={tint('accent')}>{p.matrix.metric}</Text>: {p.matrix.title}
      </Text>
      <Box marginY={1}>{p.matrix.columns.length > 0 ? <MatrixTable matrix={p.matrix} row={p.row} col={p.col} width={p.width} /> : <Text>{p.empty}</Text>}</Box>
      <Text>{p.legend}</Text>
      {p.selected ? (
        <Text color={tint('dim')} wrap="truncate-end">
          selected: {p.selected}
        </Text>
      ) : null}
      {p.save ? <SaveLine save={p.save} /> : null}
      {p.ready ? (
        <Text color={tint('dim')}>
          m/tab metric  ←↑↓→ cell  enter detail  {p.canSave ? 's save  ' : ''}
          {p.canBrowse ? 'o snapshots  ' : ''}q back  ? help
        </Text>
      ) : null}
    </Box>
  );
}
