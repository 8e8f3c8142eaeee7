/**
 * The interactive app: Setup -> Run -> Results for any kind of test (latency, churn,
 * capacity), the Snapshots browser from Setup or Results, and help over any of them. The engine and the snapshot files come in through
 * `deps`, so tests feed it a fake event stream and a fake snapshot store.
 */
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import type { AnyResult } from '../engine/any-result.js';
import type { FdLimits } from '../engine/env/ulimit.js';
import type { SnapshotEntry } from '../engine/snapshot.js';
import { AnyResultsScreen } from './any-results-screen.js';
import { appReducer, INITIAL_APP, oneLine } from './app-state.js';
import type { Job } from './form-spec.js';
import { HelpScreen } from './help-screen.js';
import type { Runners } from './job-run-screen.js';
import { JobRunScreen } from './job-run-screen.js';
import type { FormValues } from './plan-form.js';
import { SetupScreen } from './setup-screen.js';
import type { SetupInit } from './setup-state.js';
import { SnapshotsScreen } from './snapshots-screen.js';
import { useKeys } from './use-keys.js';
import { useSyncReducer } from './use-sync-reducer.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppDeps extends Runners {
  readFdLimits: () => Promise<FdLimits>;
  /** Remembers the job's plan for the next launch; returns a notice when it cannot. */
  savePlan: (job: Job) => string | undefined;
  /** The snapshot directory, as shown to the user. */
  snapshotDir: string;
  /** Writes a snapshot of `result` into the snapshot directory; resolves to its path. */
  saveSnapshot: (result: AnyResult) => Promise<string>;
  listSnapshots: () => Promise<SnapshotEntry[]>;
  deleteSnapshot: (path: string) => Promise<void>;
}

export interface AppProps {
  deps: AppDeps;
  /** The latency plan's values, or values per kind and the kind to show first. */
  initialValues: FormValues | SetupInit;
  notice?: string;
  /** Called once, just before the app exits, with the last run's result. */
  onExit: (result: AnyResult | undefined) => void;
}

export function App({ deps, initialValues, notice, onExit }: AppProps) {
  const [state, dispatch, current] = useSyncReducer(appReducer, INITIAL_APP, (s) => s);
  const [saveNotice, setSaveNotice] = useState<string | undefined>();
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const width = Math.max(40, columns - 1);
  const quit = useCallback(
    (result: AnyResult | undefined) => {
      onExit(result);
      exit();
    },
    [onExit, exit],
  );
  const openHelp = useCallback(() => dispatch({ type: 'help', open: true }), []);
  const back = useCallback(() => dispatch({ type: 'back' }), []);
  const openSnapshots = useCallback(() => dispatch({ type: 'snapshots' }), []);
  const saveDraft = useCallback((draft: SetupInit) => dispatch({ type: 'setup-draft', draft }), []);
  const { saveSnapshot } = deps;
  const save = useCallback(() => {
    const { lastResult: result, save: status } = current();
    // Saved once is enough (another `s` would only make a copy); a failed save may be retried.
    if (!result || status.state === 'saving' || status.state === 'saved') return;
    dispatch({ type: 'save-start' });
    saveSnapshot(result).then(
      (path) => dispatch({ type: 'save-done', result, path }),
      (err: unknown) => dispatch({ type: 'save-failed', result, error: oneLine(err) }),
    );
  }, [current, saveSnapshot]);
  const onEnded = useCallback(
    (result: AnyResult | undefined, quitting: boolean) => {
      if (quitting) quit(result ?? state.lastResult);
      else dispatch({ type: 'ended', result });
    },
    [quit, state.lastResult],
  );

  useKeys((input, key) => {
    if (key.ctrl && input === 'c') dispatch({ type: 'interrupt' });
  });
  const { screen, interrupted } = state;
  useEffect(() => {
    if (interrupted && screen.name !== 'run') quit(state.lastResult);
  }, [interrupted, screen.name, quit, state.lastResult]);

  const active = useCallback(() => !current().help && !current().interrupted, [current]);
  return (
    <>
      {state.help ? <HelpScreen height={rows} onClose={() => dispatch({ type: 'help', open: false })} /> : null}
      {/* display none keeps the screen mounted: a run goes on under the help. */}
      <Box display={state.help ? 'none' : 'flex'} flexDirection="column">
        {screen.name === 'setup' ? (
          <SetupScreen
            initialValues={state.lastSetup ?? initialValues}
            notice={saveNotice ?? notice}
            readFdLimits={deps.readFdLimits}
            onRun={(job, byKind) => {
              setSaveNotice(deps.savePlan(job));
              dispatch({ type: 'run', job, byKind });
            }}
            onQuit={() => quit(state.lastResult)}
            onHelp={openHelp}
            onSnapshots={openSnapshots}
            onDraft={saveDraft}
            active={active}
          />
        ) : screen.name === 'run' ? (
          <JobRunScreen
            key={screen.runId}
            job={screen.job}
            runners={deps}
            width={width}
            active={active}
            onHelp={openHelp}
            onEnded={onEnded}
            onBack={back}
            interrupted={interrupted}
          />
        ) : screen.name === 'results' ? (
          <AnyResultsScreen
            result={screen.result}
            width={width}
            active={active}
            onHelp={openHelp}
            onBack={back}
            save={state.save}
            onSave={save}
            onSnapshots={openSnapshots}
          />
        ) : (
          <SnapshotsScreen
            dir={deps.snapshotDir}
            list={deps.listSnapshots}
            remove={deps.deleteSnapshot}
            width={width}
            height={rows}
            active={active}
            onHelp={openHelp}
            onBack={back}
          />
        )}
      </Box>
    </>
  );
}

