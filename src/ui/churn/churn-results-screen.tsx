/**
 * Churn results: the matrix (rows mode, columns clients x drop share) for one metric at a
 * time (m / tab / shift-tab cycle over CHURN_METRICS), best per column among cells that
 * ran to the end, a selected cell's detail on enter. s saves a snapshot when offered, o
 * opens the Snapshots screen; the same screen shows a saved snapshot (`source`).
 */
import { Text } from 'ink';
import { useMemo } from 'react';
import type { ChurnMetric } from '../../engine/churn/matrix.js';
import { buildChurnMatrix, CHURN_METRICS } from '../../engine/churn/matrix.js';
import type { ChurnResult } from '../../engine/churn/result.js';
import type { ResultsState } from '../results-state.js';
import { INITIAL_RESULTS, matrixKey, resultsReducer } from '../results-state.js';
import { tint } from '../theme.js';
import { useKeys } from '../use-keys.js';
import { useSyncReducer } from '../use-sync-reducer.js';
import { ChurnCellDetail } from './churn-cell-detail.js';
import type { ResultsViewProps } from '../results-view-props.js';
import { MatrixResultsView } from '../matrix-results-view.js';

export type ChurnResultsScreenProps = ResultsViewProps<ChurnResult>;

export function churnMetricOf(state: ResultsState): ChurnMetric {
  return CHURN_METRICS[state.metricIndex] ?? CHURN_METRICS[0];
}

export function ChurnResultsScreen({ result, width, active, onHelp, onBack, source, save, onSave, onSnapshots }: ChurnResultsScreenProps) {
  const [state, dispatch, current] = useSyncReducer(resultsReducer, INITIAL_RESULTS, (s) => s);
  const matrix = useMemo(() => buildChurnMatrix(result.cells, churnMetricOf(state)), [result, state]);
  const selected = matrix.cells[state.row]?.[state.col];
  const rows = matrix.rows.length;
  const cols = matrix.columns.length;
  const count = CHURN_METRICS.length;

  const ready = useKeys(
    (input, key) => {
      if (input === '?') return onHelp();
      const now = current();
      if (now.detail) {
        if (key.escape || input === 'q') dispatch({ type: 'close' });
        return;
      }
      matrixKey(input, key, now, { dispatch, rows, cols, count, canOpen: (r, c) => Boolean(matrix.cells[r]?.[c]), onSave, onSnapshots, onBack });
    },
    { isActive: active },
  );

  if (state.detail && selected) return <ChurnCellDetail cell={selected.result} reason={selected.reason} />;
  const troubled = result.cells.filter((c) => c.status === 'failed' || c.status === 'aborted').length;
  const unavailable = result.cells.filter((c) => c.status === 'unavailable').length;
  const legend = (
    <>
      <Text color={tint('good')}>*</Text> best in column (cells run to the end)  <Text color={tint('bad')}>!</Text> failed/aborted
      {troubled ? ` (${troubled})` : ''}  – nothing to show{unavailable ? ` (${unavailable} unavailable)` : ''}
    </>
  );
  return (
    <MatrixResultsView
      what="churn results" count={`${result.cells.length} cell(s)`} source={source} aborted={result.aborted} matrix={matrix} row={state.row} col={state.col}
      width={width} empty="no cell finished" legend={legend} selected={selected ? `${selected.result.id}${selected.reason ? `  (${selected.reason})` : ''}` : undefined}
      save={save} ready={ready} canSave={Boolean(onSave)} canBrowse={Boolean(onSnapshots)}
    />
  );
}
