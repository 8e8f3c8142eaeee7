/**
 * Results: the matrix for one metric at a time (m / tab cycles over METRICS), best per
 * column marked, failures flagged; a selected cell opens its scenario's detail. After a
 * run, s saves it as a snapshot and the path written (or the error) shows here; the same
 * screen shows a saved snapshot (`source`), without the save key.
 */
import { Text } from 'ink';
import { useMemo } from 'react';
import { buildMatrix } from '../engine/report/matrix.js';
import type { RunResult } from '../engine/run.js';
import type { ResultsViewProps } from './results-view-props.js';
import { INITIAL_RESULTS, matrixKey, metricOf, resultsReducer } from './results-state.js';
import { ScenarioDetail } from './scenario-detail.js';
import { tint } from './theme.js';
import { useKeys } from './use-keys.js';
import { useSyncReducer } from './use-sync-reducer.js';
import { MatrixResultsView } from './matrix-results-view.js';

export type ResultsScreenProps = ResultsViewProps<RunResult>;

export function ResultsScreen({ result, width, active, onHelp, onBack, source, save, onSave, onSnapshots }: ResultsScreenProps) {
  const [state, dispatch, current] = useSyncReducer(resultsReducer, INITIAL_RESULTS, (s) => s);
  const matrix = useMemo(() => buildMatrix(result.scenarios, metricOf(state)), [result, state]);
  const selected = matrix.cells[state.row]?.[state.col];
  const rows = matrix.rows.length;
  const cols = matrix.columns.length;

  const ready = useKeys(
    (input, key) => {
      if (input === '?') return onHelp();
      const now = current();
      if (now.detail) {
        if (key.escape || input === 'q') dispatch({ type: 'close' });
        return;
      }
      matrixKey(input, key, now, { dispatch, rows, cols, canOpen: (r, c) => Boolean(matrix.cells[r]?.[c]), onSave, onSnapshots, onBack });
    },
    { isActive: active },
  );

  if (state.detail && selected) return <ScenarioDetail result={selected.result} width={width} />;
  const failed = result.scenarios.filter((r) => r.failures > 0 || r.status !== 'ok').length;
  const legend = (
    <>
      <Text color={tint('good')}>*</Text> best in column (scenarios without failures)  <Text color={tint('bad')}>!</Text> failures or not finished
      {failed ? ` (${failed} scenario${failed === 1 ? '' : 's'})` : ''}
    </>
  );
  return (
    <MatrixResultsView
      what="results" count={`${result.scenarios.length} scenario(s)`} source={source} aborted={result.aborted} matrix={matrix} row={state.row} col={state.col}
      width={width} empty="no scenario finished" legend={legend} selected={selected?.result.scenario.id} save={save} ready={ready}
      canSave={Boolean(onSave)} canBrowse={Boolean(onSnapshots)}
    />
  );
}
