/**
 * The interactive app: Setup -> Run -> Results, with help over any of them. The engine
 * comes in through `deps`, so tests feed it a fake event stream.
 */
import { Box, useApp } from 'ink';
import { useCallback, useEffect, useState } from 'react';
import type { FdLimits } from '../engine/env/ulimit.js';
import type { Plan } from '../engine/plan.js';
import type { RunResult } from '../engine/run.js';
import { appReducer, INITIAL_APP } from './app-state.js';
import { HelpScreen } from './help-screen.js';
import type { FormValues } from './plan-form.js';
import { ResultsScreen } from './results-screen.js';
import { RunScreen } from './run-screen.js';
import { SetupScreen } from './setup-screen.js';
import type { RunFn } from './use-run-progress.js';
import { useKeys } from './use-keys.js';
import { useSyncReducer } from './use-sync-reducer.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppDeps {
  run: RunFn;
  readFdLimits: () => Promise<FdLimits>;
  /** Remembers the plan for the next launch; returns a notice when it cannot. */
  savePlan: (plan: Plan) => string | undefined;
}

export interface AppProps {
  deps: AppDeps;
  initialValues: FormValues;
  notice?: string;
  /** Called once, just before the app exits, with the last run's result. */
  onExit: (result: RunResult | undefined) => void;
}

export function App({ deps, initialValues, notice, onExit }: AppProps) {
  const [state, dispatch, current] = useSyncReducer(appReducer, INITIAL_APP, (s) => s);
  const [saveNotice, setSaveNotice] = useState<string | undefined>();
  const { exit } = useApp();
  const { columns } = useTerminalSize();
  const width = Math.max(40, columns - 1);
  const quit = useCallback(
    (result: RunResult | undefined) => {
      onExit(result);
      exit();
    },
    [onExit, exit],
  );
  const openHelp = useCallback(() => dispatch({ type: 'help', open: true }), []);
  const back = useCallback(() => dispatch({ type: 'back' }), []);
  const onEnded = useCallback(
    (result: RunResult | undefined, quitting: boolean) => {
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
      {state.help ? <HelpScreen onClose={() => dispatch({ type: 'help', open: false })} /> : null}
      {/* display none keeps the screen mounted: a run goes on under the help. */}
      <Box display={state.help ? 'none' : 'flex'} flexDirection="column">
        {screen.name === 'setup' ? (
          <SetupScreen
            initialValues={state.lastPlan ?? initialValues}
            notice={saveNotice ?? notice}
            readFdLimits={deps.readFdLimits}
            onRun={(plan) => {
              setSaveNotice(deps.savePlan(plan));
              dispatch({ type: 'run', plan });
            }}
            onQuit={() => quit(state.lastResult)}
            onHelp={openHelp}
            active={active}
          />
        ) : screen.name === 'run' ? (
          <RunScreen
            key={screen.runId}
            plan={screen.plan}
            run={deps.run}
            width={width}
            active={active}
            onHelp={openHelp}
            onEnded={onEnded}
            onBack={back}
            interrupted={interrupted}
          />
        ) : (
          <ResultsScreen result={screen.result} width={width} active={active} onHelp={openHelp} onBack={back} />
        )}
      </Box>
    </>
  );
}

