/**
 * How every Run screen (latency, churn, capacity) ends: Ctrl-C aborts at once, `q` asks
 * "abort and quit? y / n" (y aborts, anything else takes the question back), `?` opens
 * help, esc or q go back once the run has ended with an error, and the end of the run
 * reaches `onEnded` once with its result (or none) and whether the user quit. Keys of the
 * screen's own (pause, skip) come through `more`.
 */
import { useEffect } from 'react';
import type { Activity, KeyInfo } from './use-keys.js';
import { useKeys } from './use-keys.js';

export interface ExitState<R> {
  phase: string;
  confirmQuit: boolean;
  quitting: boolean;
  result?: R | undefined;
}

export interface RunExitOptions<R, S extends ExitState<R>> {
  state: S;
  current: () => S;
  dispatch: (action: { type: 'ask-quit' } | { type: 'cancel-quit' }) => void;
  abort: () => void;
  interrupted: boolean;
  /** Whether an ended run has something to show (else it stays, with its error, until esc). */
  finished: (state: S) => boolean;
  onEnded: (result: R | undefined, quit: boolean) => void;
  onHelp: () => void;
  onBack: () => void;
  active: Activity;
  /** The screen's other keys, when no question is pending. */
  more?: (input: string, key: KeyInfo, now: S) => void;
}

export function useRunExit<R, S extends ExitState<R>>(o: RunExitOptions<R, S>): boolean {
  const { state, abort, interrupted, onEnded, finished } = o;
  useEffect(() => {
    if (interrupted && !state.quitting) abort();
  }, [interrupted, state.quitting, abort]);
  const ended = state.phase === 'ended';
  const done = ended && (state.quitting || finished(state));
  useEffect(() => {
    if (done) onEnded(state.result, state.quitting);
  }, [done, state.result, state.quitting, onEnded]);

  return useKeys(
    (input, key) => {
      const now = o.current();
      if (now.quitting) return;
      if (now.confirmQuit) {
        if (input === 'y') o.abort();
        else o.dispatch({ type: 'cancel-quit' });
        return;
      }
      if (input === '?') o.onHelp();
      // Once the run has ended (with an error: a result moves on by itself) there is nothing to abort.
      else if ((key.escape || input === 'q') && now.phase === 'ended') o.onBack();
      else if (input === 'q') o.dispatch({ type: 'ask-quit' });
      else o.more?.(input, key, now);
    },
    { isActive: o.active },
  );
}
