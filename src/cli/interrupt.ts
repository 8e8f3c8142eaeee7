/** Ctrl-C / SIGTERM for a headless command: the first stops the run (children stopped in order), a second kills at once. */
import { killAllChildrenSync } from '../engine/pool.js';

export interface Interrupt {
  signal: AbortSignal;
  /** Removes the handlers; call when the command's run is over. */
  release(): void;
}

export function interruptOnSignals(): Interrupt {
  const ac = new AbortController();
  const onSignal = (): void => {
    if (ac.signal.aborted) {
      killAllChildrenSync();
      process.exit(130);
    }
    process.stderr.write('\npushtui: stopping (Ctrl-C again to kill at once)\n');
    ac.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: ac.signal,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
