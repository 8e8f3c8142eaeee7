/**
 * Compare: two saved runs, A the older and B the newer, one metric at a time (m / tab
 * cycles METRICS). Different hosts are called out at the top; cells only one side has
 * are listed below the table.
 */
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { compareRuns } from '../engine/report/compare.js';
import { CompareTable } from './compare-table.js';
import { compareMetricOf, compareReducer, INITIAL_COMPARE } from './compare-state.js';
import { shortDate } from './snapshot-line.js';
import type { LatencyEntry } from './snapshots-state.js';
import { entryTimeMs } from './snapshots-state.js';
import { tint } from './theme.js';
import type { Activity } from './use-keys.js';
import { useKeys } from './use-keys.js';
import { useSyncReducer } from './use-sync-reducer.js';

export interface CompareScreenProps {
  a: LatencyEntry;
  b: LatencyEntry;
  width: number;
  active: Activity;
  onHelp: () => void;
  onBack: () => void;
}

export function CompareScreen({ a, b, width, active, onHelp, onBack }: CompareScreenProps) {
  const [state, dispatch] = useSyncReducer(compareReducer, INITIAL_COMPARE, (s) => s);
  const comparison = useMemo(() => compareRuns(a.result, b.result, compareMetricOf(state)), [a, b, state]);
  const cols = comparison.columns.length;

  const ready = useKeys(
    (input, key) => {
      if (input === '?') onHelp();
      else if (input === 'm' || (key.tab && !key.shift)) dispatch({ type: 'cycle-metric', step: 1 });
      else if (key.tab && key.shift) dispatch({ type: 'cycle-metric', step: -1 });
      else if (key.leftArrow || input === 'h') dispatch({ type: 'scroll', dx: -1, cols });
      else if (key.rightArrow || input === 'l') dispatch({ type: 'scroll', dx: 1, cols });
      else if (key.escape || input === 'q') onBack();
    },
    { isActive: active },
  );

  return (
    <Box flexDirection="column" width={width}>
      <Text bold>
        pushtui <Text color={tint('dim')}>compare</Text> B against A
      </Text>
      <Text wrap="truncate-end">A {shortDate(entryTimeMs(a))} (older) {a.name}</Text>
      <Text wrap="truncate-end">B {shortDate(entryTimeMs(b))} (newer) {b.name}</Text>
      {comparison.hostsDiffer ? (
        <Text color={tint('warn')}>! different hosts, compare with care: {comparison.hostsDiffer}</Text>
      ) : (
        <Text color={tint('dim')}>same host</Text>
      )}
      <Text wrap="truncate-end">
        <Text color={tint('accent')}>{comparison.metric}</Text>: {comparison.title}
      </Text>
      <Box marginY={1}>
        {cols > 0 ? <CompareTable comparison={comparison} col={state.col} width={width} /> : <Text>nothing to compare</Text>}
      </Box>
      <Text color={tint('dim')} wrap="truncate-end">
        A → B ±%  ~ within the samples' spread  ? spread unknown  better/WORSE beyond
      </Text>
      {comparison.onlyInA.length ? <Text color={tint('warn')}>only in A (not compared): {comparison.onlyInA.join(', ')}</Text> : null}
      {comparison.onlyInB.length ? <Text color={tint('warn')}>only in B (not compared): {comparison.onlyInB.join(', ')}</Text> : null}
      {ready ? <Text color={tint('dim')}>m/tab metric  ←→/hl columns  esc/q back  ? help</Text> : null}
    </Box>
  );
}
