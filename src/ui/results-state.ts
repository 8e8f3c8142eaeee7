/** The Results screen's state: metric shown, selected cell, detail open. Pure. */
import type { Metric } from '../engine/report/matrix.js';
import { METRICS } from '../engine/report/matrix.js';

export interface ResultsState {
  metricIndex: number;
  row: number;
  col: number;
  detail: boolean;
}

export type ResultsAction =
  /** `count`: how many metrics to cycle over (METRICS by default; the churn screen has its own). */
  | { type: 'cycle-metric'; step: number; count?: number }
  | { type: 'move'; dx: number; dy: number; rows: number; cols: number }
  | { type: 'open' }
  | { type: 'close' };

export const INITIAL_RESULTS: ResultsState = { metricIndex: 0, row: 0, col: 0, detail: false };

export function metricOf(state: ResultsState): Metric {
  return METRICS[state.metricIndex] ?? METRICS[0];
}

function clamp(n: number, hi: number): number {
  return Math.max(0, Math.min(hi, n));
}

export function resultsReducer(state: ResultsState, action: ResultsAction): ResultsState {
  switch (action.type) {
    case 'cycle-metric': {
      const n = action.count ?? METRICS.length;
      return { ...state, metricIndex: (((state.metricIndex + action.step) % n) + n) % n };
    }
    case 'move':
      return { ...state, row: clamp(state.row + action.dy, action.rows - 1), col: clamp(state.col + action.dx, action.cols - 1) };
    case 'open':
      return { ...state, detail: true };
    case 'close':
      return { ...state, detail: false };
  }
}

export interface MatrixKeyContext {
  dispatch: (action: ResultsAction) => void;
  rows: number;
  cols: number;
  /** How many metrics m / tab cycle over. */
  count?: number;
  /** Whether the cell under the cursor exists (enter opens it). */
  canOpen: (row: number, col: number) => boolean;
  onSave?: () => void;
  onSnapshots?: () => void;
  onBack: () => void;
}

/** The keys of a matrix Results screen (latency, churn), while no detail is open. */
export function matrixKey(input: string, key: { tab: boolean; shift: boolean; upArrow: boolean; downArrow: boolean; leftArrow: boolean; rightArrow: boolean; return: boolean; escape: boolean }, now: ResultsState, c: MatrixKeyContext): void {
  const { dispatch, rows, cols, count } = c;
  if (input === 'm' || (key.tab && !key.shift)) dispatch({ type: 'cycle-metric', step: 1, count });
  else if (key.tab && key.shift) dispatch({ type: 'cycle-metric', step: -1, count });
  else if (key.upArrow || input === 'k') dispatch({ type: 'move', dx: 0, dy: -1, rows, cols });
  else if (key.downArrow || input === 'j') dispatch({ type: 'move', dx: 0, dy: 1, rows, cols });
  else if (key.leftArrow || input === 'h') dispatch({ type: 'move', dx: -1, dy: 0, rows, cols });
  else if (key.rightArrow || input === 'l') dispatch({ type: 'move', dx: 1, dy: 0, rows, cols });
  else if (key.return && c.canOpen(now.row, now.col)) dispatch({ type: 'open' });
  else if (input === 's' && c.onSave) c.onSave();
  else if (input === 'o' && c.onSnapshots) c.onSnapshots();
  else if (key.escape || input === 'q') c.onBack();
}
