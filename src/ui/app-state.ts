/** Which screen is up, the help overlay, the last result and whether it was saved. Pure. */
import type { AnyResult } from '../engine/any-result.js';
import type { Job } from './form-spec.js';
import type { SetupInit } from './setup-state.js';

export type Screen =
  | { name: 'setup' }
  | { name: 'run'; job: Job; runId: number }
  | { name: 'results'; result: AnyResult }
  /** The snapshot browser; esc/q returns to `back` (Setup or the Results it was opened from). */
  | { name: 'snapshots'; back: Screen };

/** Saving the last result as a snapshot: `s` on Results. */
export type SaveStatus = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; path: string } | { state: 'failed'; error: string };

export interface AppState {
  screen: Screen;
  help: boolean;
  /** The last run's result, printed to stdout after the app exits. */
  lastResult: AnyResult | undefined;
  /** Whether `lastResult` has been saved (it survives a visit to Snapshots and back). */
  save: SaveStatus;
  runs: number;
  /** The kind last run and every kind's form values then: Setup comes back with them. */
  lastSetup: SetupInit | undefined;
  /** Ctrl-C: stop the run (if any) and quit without asking. */
  interrupted: boolean;
}

export type AppAction =
  | { type: 'run'; job: Job; byKind: SetupInit['byKind'] }
  /** Setup's form as the user left it (kind and every kind's values), valid or not. */
  | { type: 'setup-draft'; draft: SetupInit }
  | { type: 'ended'; result: AnyResult | undefined }
  | { type: 'back' }
  | { type: 'snapshots' }
  | { type: 'save-start' }
  | { type: 'save-done'; result: AnyResult; path: string }
  | { type: 'save-failed'; result: AnyResult; error: string }
  | { type: 'help'; open: boolean }
  | { type: 'interrupt' };

export const INITIAL_APP: AppState = {
  screen: { name: 'setup' }, help: false, lastResult: undefined, save: { state: 'idle' }, runs: 0, lastSetup: undefined, interrupted: false,
};

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'run':
      return {
        ...state, screen: { name: 'run', job: action.job, runId: state.runs + 1 }, runs: state.runs + 1,
        lastSetup: { kind: action.job.kind, byKind: { ...action.byKind, [action.job.kind]: { ...action.job.plan } } },
      };
    case 'setup-draft':
      return { ...state, lastSetup: action.draft };
    case 'ended':
      return action.result ? { ...state, screen: { name: 'results', result: action.result }, lastResult: action.result, save: { state: 'idle' } } : state;
    case 'back':
      return { ...state, screen: state.screen.name === 'snapshots' ? state.screen.back : { name: 'setup' } };
    case 'snapshots':
      return state.screen.name === 'setup' || state.screen.name === 'results' ? { ...state, screen: { name: 'snapshots', back: state.screen } } : state;
    case 'save-start':
      return state.lastResult && (state.save.state === 'idle' || state.save.state === 'failed') ? { ...state, save: { state: 'saving' } } : state;
    case 'save-done':
      return action.result === state.lastResult ? { ...state, save: { state: 'saved', path: action.path } } : state;
    case 'save-failed':
      return action.result === state.lastResult ? { ...state, save: { state: 'failed', error: action.error } } : state;
    case 'help':
      return { ...state, help: action.open };
    case 'interrupt':
      return { ...state, interrupted: true, help: false };
  }
}

/** The first line of an error's message: the screen has room for one. */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
