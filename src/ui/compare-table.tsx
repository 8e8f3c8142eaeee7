/**
 * A comparison matrix: each cell `A → B ±x% verdict`, coloured by verdict (better green,
 * WORSE red, ~ and ? dim) but readable without colour; columns that do not fit scroll
 * sideways so column `col` stays visible.
 *
 *   row             10m x 1c                     10m x 10c
 *   ws json 1500B   210µs → 198µs −5.7% better   1.2ms → 1.2ms +0.4% ~
 */
import { Box, Text } from 'ink';
import type { CompareCell, Comparison, Verdict } from '../engine/report/compare.js';
import { compareCellText } from '../engine/report/compare.js';
import { columnWindow, fit } from './table-layout.js';
import type { Tone } from './theme.js';
import { tint } from './theme.js';

const TONE: Record<Verdict, Tone> = {
  better: 'good', worse: 'bad', 'no clear change': 'dim', 'spread unknown': 'dim', 'only in A': 'warn', 'only in B': 'warn',
};

function text(c: CompareCell | undefined, comparison: Comparison): string {
  return c ? compareCellText(c, comparison.metric) : '';
}

export function CompareTable({ comparison, col, width }: { comparison: Comparison; col: number; width: number }) {
  const { rows, columns, cells } = comparison;
  const labelWidth = Math.min(24, Math.max(3, ...rows.map((r) => r.length)) + 1);
  const colWidths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => text(r[i], comparison).length)) + 2);
  const [start, end] = columnWindow(colWidths, Math.max(10, width - labelWidth - 2), col);
  const shown = columns.map((_, i) => i).slice(start, end);
  return (
    <Box flexDirection="column">
      <Text color={tint('dim')}>
        {fit(start > 0 ? '‹ more' : '', labelWidth)}
        {shown.map((c) => fit(columns[c] ?? '', colWidths[c] ?? 8, 'right')).join('')}
        {end < columns.length ? ' ›' : ''}
      </Text>
      {rows.map((label, r) => (
        <Text key={label}>
          {fit(label, labelWidth)}
          {shown.map((c) => {
            const cell = cells[r]?.[c];
            return (
              <Text key={c} color={tint(cell ? TONE[cell.verdict] : undefined)}>
                {fit(text(cell, comparison), colWidths[c] ?? 8, 'right')}
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
