/**
 * Drives one capacity run: starts it on mount with the screen's callbacks folded into the
 * reducer, aborts it on unmount or on request. The engine's promise resolves only after
 * every child process has stopped, so `done` (and then onEnded) comes after the cleanup.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { CapacityPlan } from '../../engine/capacity/plan.js';
import type { CapacityResult } from '../../engine/capacity/result.js';
import type { CapacityOptions } from '../../engine/capacity/run.js';
import { oneLine } from '../app-state.js';
import { useSyncReducer } from '../use-sync-reducer.js';
import type { CapacityRunAction, CapacityRunState } from './capacity-run-state.js';
import { capacityRunReducer, initialCapacityRun } from './capacity-run-state.js';

export type CapacityRunFn = (plan: CapacityPlan, opts: CapacityOptions) => Promise<CapacityResult>;

export interface CapacityRunProgress {
  state: CapacityRunState;
  current: () => CapacityRunState;
  dispatch: (a: CapacityRunAction) => void;
  /** Stops the run; the engine stops every child before its promise resolves. */
  abort: () => void;
}

export function useCapacityRun(run: CapacityRunFn, plan: CapacityPlan): CapacityRunProgress {
  const [state, dispatch, current] = useSyncReducer(capacityRunReducer, plan, initialCapacityRun);
  const ac = useRef(new AbortController()).current;

  useEffect(() => {
    let live = true;
    const safe = (a: CapacityRunAction): void => {
      if (live) dispatch(a);
    };
    const opts: CapacityOptions = {
      signal: ac.signal,
      progress: (line) => safe({ type: 'progress', line }),
      onSample: (sample) => safe({ type: 'sample', sample }),
      onRun: (r) => safe({ type: 'run', run: r }),
    };
    run(plan, opts).then(
      (result) => safe({ type: 'done', result }),
      (err: unknown) => safe({ type: 'failed', message: oneLine(err) }),
    );
    return () => {
      live = false;
      ac.abort(new Error('closed'));
    };
  }, [run, plan, ac, dispatch]);

  const abort = useCallback(() => {
    ac.abort(new Error('quit by user'));
    dispatch({ type: 'quit' });
  }, [ac, dispatch]);
  return { state, current, dispatch, abort };
}
