/**
 * Capacity results: the table (protocol × connections), server memory against connections,
 * the projection for the plan's fleet beside the study's estimates, and limits and failures
 * with what to change. Enter opens a row's detail; s saves, o opens the snapshots.
 */
import { Box, Text } from 'ink';
import { fleetOf, limitAdvice, projectionRows } from '../../engine/capacity/report.js';
import type { CapacityResult } from '../../engine/capacity/result.js';
import { formatCount } from '../../engine/report/format.js';
import { SaveLine } from '../save-line.js';
import { fit, keepColumns } from '../table-layout.js';
import { tint } from '../theme.js';
import { useKeys } from '../use-keys.js';
import { useSyncReducer } from '../use-sync-reducer.js';
import { CapacityRunDetail } from './capacity-run-detail.js';
import { CapacityTable } from './capacity-table.js';
import { MemoryChart } from './memory-chart.js';
import { resultCurves } from './memory-curve.js';
import type { ResultsViewProps } from '../results-view-props.js';

export type CapacityResultsScreenProps = ResultsViewProps<CapacityResult>;

export interface SelectState {
  row: number;
  detail: boolean;
}

export type SelectAction = { type: 'move'; dy: number; rows: number } | { type: 'open'; rows: number } | { type: 'close' };

export function selectReducer(s: SelectState, a: SelectAction): SelectState {
  switch (a.type) {
    case 'move':
      return { ...s, row: Math.max(0, Math.min(a.rows - 1, s.row + a.dy)) };
    case 'open':
      return a.rows > 0 ? { ...s, detail: true } : s;
    case 'close':
      return { ...s, detail: false };
  }
}

/** Table rows shown at once; the rest scroll with the selection. */
const TABLE_ROWS = 9;
const PROJECTION_WIDTHS = [8, 6, 20, 20, 19, 20];
const PROJECTION_TITLES = ['protocol', 'from', 'server side', 'client side', 'kernel TCP', 'study (server)'];

/** Markdown bold is for the report; the screen shows plain text. */
const plain = (s: string): string => s.replace(/\*\*/g, '').replace(/`/g, '');

export function CapacityResultsScreen({ result, width, active, onHelp, onBack, source, save, onSave, onSnapshots }: CapacityResultsScreenProps) {
  const [state, dispatch, current] = useSyncReducer(selectReducer, { row: 0, detail: false }, (s) => s);
  const rows = result.runs.length;
  const ready = useKeys(
    (input, key) => {
      if (input === '?') return onHelp();
      if (current().detail) {
        if (key.escape || input === 'q') dispatch({ type: 'close' });
        return;
      }
      if (key.upArrow || input === 'k') dispatch({ type: 'move', dy: -1, rows });
      else if (key.downArrow || input === 'j') dispatch({ type: 'move', dy: 1, rows });
      else if (key.return) dispatch({ type: 'open', rows });
      else if (input === 's' && onSave) onSave();
      else if (input === 'o' && onSnapshots) onSnapshots();
      else if (key.escape || input === 'q') onBack();
    },
    { isActive: active },
  );

  const selected = result.runs[state.row];
  if (state.detail && selected) return <CapacityRunDetail run={selected} width={width} />;
  const fleet = fleetOf(result);
  // Narrow terminals drop the kernel column first, then the client side.
  const projected = keepColumns(PROJECTION_WIDTHS, [4, 3], width);
  const advice = limitAdvice(result.runs).map(plain);
  // Fits 40 rows: the chart gives up what more table rows and wrapped advice take.
  const adviceRows = advice.reduce((n, a) => n + Math.ceil(a.length / Math.max(20, width)), 0);
  const chartHeight = Math.max(3, 8 - Math.max(0, Math.min(rows, TABLE_ROWS) - 6) - Math.max(0, adviceRows - 4));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        pushtui <Text color={tint('dim')}>capacity results</Text> {result.runs.length} run(s)
        {source ? ` from ${source}` : ''}
        {result.aborted ? <Text color={tint('warn')}> (aborted: partial results)</Text> : null}
      </Text>
      <Text color={tint('dim')} wrap="truncate-end">
        KiB/conn = (settled − baseline) / open · server = ws/gRPC servers, or the MQTT broker · ✂ target cut
      </Text>
      <Box marginY={1}>{rows > 0 ? <CapacityTable runs={result.runs} selected={state.row} maxRows={TABLE_ROWS} width={width} /> : <Text>no measurement finished</Text>}</Box>
      <MemoryChart curves={resultCurves(result.runs)} width={width} height={chartHeight} empty="no run opened any connection" />
      <Box flexDirection="column" marginTop={1}>
        <Text bold wrap="truncate-end">projection for {formatCount(fleet)} connections (largest measured count, linear, baselines not included)</Text>
        <Text color={tint('dim')} wrap="truncate-end">{projected.map((i) => fit(PROJECTION_TITLES[i] ?? '', PROJECTION_WIDTHS[i] ?? 10)).join(' ')}</Text>
        {projectionRows(result, fleet).map((cells) => (
          <Text key={cells[0]} wrap="truncate-end">
            {projected.map((i) => fit(cells[i] ?? '', PROJECTION_WIDTHS[i] ?? 10)).join(' ')}
          </Text>
        ))}
      </Box>
      {advice.map((a, i) => (
        <Text key={i} color={tint('warn')} wrap="wrap">
          {a}
        </Text>
      ))}
      {save ? <SaveLine save={save} /> : null}
      {ready ? (
        <Text color={tint('dim')}>
          ↑↓ row  enter detail  {onSave ? 's save  ' : ''}{onSnapshots ? 'o snapshots  ' : ''}q back  ? help
        </Text>
      ) : null}
    </Box>
  );
}
