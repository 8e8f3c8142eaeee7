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
