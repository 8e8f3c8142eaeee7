/**
 * Drives one run: iterates the engine's event stream, folds it into the run reducer,
 * feeds the live series (outside React state), and offers the controls behind the keys:
 * pause (the engine's pauseGate), skip (a per-scenario signal) and abort.
 */
import { useEffect, useRef } from 'react';
import type { Plan } from '../engine/plan.js';
import type { RunEvent, RunOptions } from '../engine/run.js';
import type { Scenario } from '../engine/scenario.js';
import { LiveSeries } from './live-series.js';
import type { RunAction, RunState } from './run-state.js';
import { initialRun, runReducer } from './run-state.js';
import { useSyncReducer } from './use-sync-reducer.js';

export type RunFn = (plan: Plan, opts: RunOptions) => AsyncIterable<RunEvent>;

export interface RunControls {
  togglePause: () => void;
  skip: () => void;
  /** Stops the run; every child stops before the stream (and so the run) ends. */
  abort: () => void;
}

export interface RunProgress {
  state: RunState;
  /** The state now, for key handlers (see useSyncReducer). */
  current: () => RunState;
  dispatch: (a: RunAction) => void;
  series: LiveSeries;
  controls: RunControls;
}

const CLOCK_MS = 1000;

export function useRunProgress(run: RunFn, plan: Plan, now: () => number = Date.now): RunProgress {
  const [state, dispatch, current] = useSyncReducer(runReducer, now(), initialRun);
  const refs = useRef({
    ac: new AbortController(),
    series: new LiveSeries(),
    pause: false,
    openGate: undefined as (() => void) | undefined,
    skip: undefined as AbortController | undefined,
    scenarios: [] as Scenario[],
  }).current;

  useEffect(() => {
    const clock = setInterval(() => dispatch({ type: 'clock', nowMs: now() }), CLOCK_MS);
    const opts: RunOptions = {
      signal: refs.ac.signal,
      pauseGate: () => {
        if (!refs.pause) return Promise.resolve();
        dispatch({ type: 'gate', waiting: true });
        return new Promise<void>((resolve) => (refs.openGate = resolve));
      },
      scenarioSignal: () => {
        refs.skip = new AbortController();
        return refs.skip.signal;
      },
    };
    void (async () => {
      try {
        for await (const event of run(plan, opts)) {
          if (event.type === 'start') refs.scenarios = event.scenarios;
          if (event.type === 'tick') refs.series.push(refs.scenarios[event.index]?.protocol ?? '?', event);
          dispatch({ type: 'event', event, nowMs: now() });
        }
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
      refs.ac.abort(new Error('closed'));
    };
  }, [run, plan, now, refs, dispatch]);

  const controls: RunControls = {
    togglePause: () => {
      refs.pause = !refs.pause;
      if (!refs.pause && refs.openGate) {
        refs.openGate();
        refs.openGate = undefined;
        dispatch({ type: 'gate', waiting: false });
      }
      dispatch({ type: 'toggle-pause' });
    },
    skip: () => {
      refs.skip?.abort(new Error('skipped by user'));
      dispatch({ type: 'skip' });
    },
    abort: () => {
      refs.ac.abort(new Error('quit by user'));
      dispatch({ type: 'quit' });
    },
  };
  return { state, current, dispatch, series: refs.series, controls };
}
