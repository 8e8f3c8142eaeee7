/**
 * The result matrix as a table of our own (ink-table does not load under ink 6): rows
 * protocol x payload, columns messages x clients; the best cell of a column is marked
 * `*` (and green), a scenario with failures `!` (and red), the selected cell inverse.
 * Columns that do not fit scroll sideways so the selected one stays visible.
 *
 *   row                 1m x 1c   10m x 1c
 *   ws json 1500B       210µs *   198µs *
 */
import { Box, Text } from 'ink';
import type { MatrixCell } from '../engine/report/matrix.js';
import { columnWindow, fit } from './table-layout.js';
import { tint } from './theme.js';

/** What the table needs of a cell: `run`'s MatrixCell and the churn matrix's cell both fit. */
export type TableCell = Pick<MatrixCell, 'text' | 'best' | 'failed'>;

/** What the table needs of a matrix: row and column labels, cells[row][column]. */
export interface TableMatrix {
  rows: readonly string[];
  columns: readonly string[];
  cells: readonly (readonly (TableCell | undefined)[])[];
}

export function cellText(cell: TableCell | undefined): string {
  if (!cell) return '';
  return `${cell.text}${cell.best ? ' *' : ''}${cell.failed ? ' !' : ''}`;
}

export function MatrixTable({ matrix, row, col, width }: { matrix: TableMatrix; row: number; col: number; width: number }) {
  const labelWidth = Math.min(24, Math.max(3, ...matrix.rows.map((r) => r.length)) + 1);
  const colWidths = matrix.columns.map((c, i) => Math.max(c.length, ...matrix.cells.map((r) => cellText(r[i]).length)) + 2);
  const [start, end] = columnWindow(colWidths, Math.max(10, width - labelWidth - 2), col);
  const shown = matrix.columns.map((_, i) => i).slice(start, end);
  return (
    <Box flexDirection="column">
      <Text color={tint('dim')}>
        {fit(start > 0 ? '‹ more' : '', labelWidth)}
        {shown.map((c) => fit(matrix.columns[c] ?? '', colWidths[c] ?? 8, 'right')).join('')}
        {end < matrix.columns.length ? ' ›' : ''}
      </Text>
      {matrix.rows.map((label, r) => (
        <Text key={label}>
          <Text bold={r === row}>{fit(label, labelWidth)}</Text>
          {shown.map((c) => {
            const cell = matrix.cells[r]?.[c];
            const tone = cell?.failed ? 'bad' : cell?.best ? 'good' : undefined;
            return (
              <Text key={c} inverse={r === row && c === col} color={tint(tone)}>
                {fit(cellText(cell), colWidths[c] ?? 8, 'right')}
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
