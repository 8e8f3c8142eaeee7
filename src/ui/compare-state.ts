/** The Compare view's state: which metric, and which column the sideways scroll keeps in view. Pure. */
import type { Metric } from '../engine/report/matrix.js';
import { METRICS } from '../engine/report/matrix.js';

export interface CompareState {
  metricIndex: number;
  col: number;
}

export type CompareAction = { type: 'cycle-metric'; step: number } | { type: 'scroll'; dx: number; cols: number };

export const INITIAL_COMPARE: CompareState = { metricIndex: 0, col: 0 };

export function compareMetricOf(state: CompareState): Metric {
  return METRICS[state.metricIndex] ?? METRICS[0];
}

export function compareReducer(state: CompareState, action: CompareAction): CompareState {
  switch (action.type) {
    case 'cycle-metric':
      return { ...state, metricIndex: (state.metricIndex + action.step + METRICS.length) % METRICS.length };
    case 'scroll':
      return { ...state, col: Math.max(0, Math.min(action.cols - 1, state.col + action.dx)) };
  }
}
