/**
 * Drives one churn run: starts runChurn's event stream on mount, folds it into the churn
 * run reducer, and aborts it on unmount or when asked (every child and service stops
 * before the stream ends). Measures nothing; it only forwards the engine's events.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ChurnPlan } from '../../engine/churn/plan.js';
import type { ChurnEvent } from '../../engine/churn/run.js';
import { useSyncReducer } from '../use-sync-reducer.js';
import type { ChurnRunAction, ChurnRunState } from './churn-run-state.js';
import { churnRunReducer, initialChurnRun, sendsPerClientOf } from './churn-run-state.js';

export type ChurnRunFn = (plan: ChurnPlan, opts: { signal: AbortSignal }) => AsyncIterable<ChurnEvent>;

export interface ChurnRunProgress {
  state: ChurnRunState;
  /** The state now, for key handlers (see useSyncReducer). */
  current: () => ChurnRunState;
  dispatch: (a: ChurnRunAction) => void;
  /** Stops the run; the stream ends (with a partial result) once every child has stopped. */
  abort: () => void;
}

const CLOCK_MS = 1000;

export function useChurnRun(run: ChurnRunFn, plan: ChurnPlan, now: () => number = Date.now): ChurnRunProgress {
  const [state, dispatch, current] = useSyncReducer(churnRunReducer, { nowMs: now(), sendsPerClient: sendsPerClientOf(plan) }, initialChurnRun);
  const ac = useRef(new AbortController()).current;

  useEffect(() => {
    const clock = setInterval(() => dispatch({ type: 'clock', nowMs: now() }), CLOCK_MS);
    void (async () => {
      try {
        for await (const event of run(plan, { signal: ac.signal })) dispatch({ type: 'event', event, nowMs: now() });
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        dispatch({ type: 'event', event: { type: 'error', error: { name: e.name, message: e.message } }, nowMs: now() });
      } finally {
        clearInterval(clock);
        dispatch({ type: 'ended' });
      }
    })();
    return () => {
      clearInterval(clock);
      ac.abort(new Error('closed'));
    };
  }, [run, plan, now, ac, dispatch]);

  const abort = useCallback(() => {
    ac.abort(new Error('quit by user'));
    dispatch({ type: 'quit' });
  }, [ac, dispatch]);
  return { state, current, dispatch, abort };
}
