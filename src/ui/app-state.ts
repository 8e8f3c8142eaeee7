/** Which screen is up, the help overlay, and the last result. Pure. */
import type { Plan } from '../engine/plan.js';
import type { RunResult } from '../engine/run.js';

export type Screen = { name: 'setup' } | { name: 'run'; plan: Plan; runId: number } | { name: 'results'; result: RunResult };

export interface AppState {
  screen: Screen;
  help: boolean;
  /** The last run's result, printed to stdout after the app exits. */
  lastResult: RunResult | undefined;
  runs: number;
  /** The plan last run: Setup comes back with it. */
  lastPlan: Plan | undefined;
  /** Ctrl-C: stop the run (if any) and quit without asking. */
  interrupted: boolean;
}

export type AppAction =
  | { type: 'run'; plan: Plan }
  | { type: 'ended'; result: RunResult | undefined }
  | { type: 'back' }
  | { type: 'help'; open: boolean }
  | { type: 'interrupt' };

export const INITIAL_APP: AppState = { screen: { name: 'setup' }, help: false, lastResult: undefined, runs: 0, lastPlan: undefined, interrupted: false };

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'run':
      return { ...state, screen: { name: 'run', plan: action.plan, runId: state.runs + 1 }, runs: state.runs + 1, lastPlan: action.plan };
    case 'ended':
      return action.result ? { ...state, screen: { name: 'results', result: action.result }, lastResult: action.result } : state;
    case 'back':
      return { ...state, screen: { name: 'setup' } };
    case 'help':
      return { ...state, help: action.open };
    case 'interrupt':
      return { ...state, interrupted: true, help: false };
  }
}
