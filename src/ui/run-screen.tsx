/**
 * Run: pre-flight checklist, overall progress and ETA, the current scenario, live
 * p50/p99 sparklines, msgs/s, errors, fds against the limit, process stats, and the
 * pause / skip / quit keys. It draws what the engine reports and measures nothing.
 */
import { Box, Text } from 'ink';
import type { Plan } from '../engine/plan.js';
import { formatCount, formatUs } from '../engine/report/format.js';
import type { RunResult } from '../engine/run.js';
import { LiveChart } from './live-chart.js';
import { PreflightChecklist } from './preflight-checklist.js';
import { ProcessTable } from './process-table.js';
import { ProgressBar } from './progress-bar.js';
import { progressOf } from './run-state.js';
import { tint } from './theme.js';
import type { Activity } from './use-keys.js';
import { useRunExit } from './use-run-exit.js';
import type { RunFn } from './use-run-progress.js';
import { useRunProgress } from './use-run-progress.js';

export interface RunScreenProps {
  plan: Plan;
  run: RunFn;
  width: number;
  active: Activity;
  onHelp: () => void;
  /** The stream has ended: with the result (done) or none (error before done); `quit` when the user chose to quit. */
  onEnded: (result: RunResult | undefined, quit: boolean) => void;
  onBack: () => void;
  /** Ctrl-C: abort at once, no question asked. */
  interrupted?: boolean;
}

export function RunScreen({ plan, run, width, active, onHelp, onEnded, onBack, interrupted = false }: RunScreenProps) {
  const { state, current, dispatch, series, controls } = useRunProgress(run, plan);
  const ended = state.phase === 'ended';
  useRunExit({
    state, current, dispatch, abort: controls.abort, interrupted, onEnded, onHelp, onBack, active,
    finished: (s) => Boolean(s.result && !s.error),
    more: (input) => {
      if (input === 'p') controls.togglePause();
      else if (input === 'x') controls.skip();
    },
  });

  const scenario = state.scenarios[state.index];
  const tick = state.tick?.index === state.index ? state.tick : undefined;
  const clientBound = state.results.filter((r) => r.resources.clientBound).map((r) => r.scenario.id);
  return (
    <Box flexDirection="column">
      <Text bold>
        pushtui <Text color={tint('dim')}>run</Text>
        {scenario ? ` [${state.index + 1}/${state.scenarios.length}] ${scenario.id}  sample ${Math.max(1, state.sample)}/${scenario.samples}` : ''}
      </Text>
      <PreflightChecklist checks={state.checks} />
      {state.phase !== 'preflight' ? <ProgressBar progress={progressOf(state)} width={width} /> : <Text color={tint('dim')}>pre-flight…</Text>}
      {state.error ? <Text color={tint('bad')}>✗ {state.error.message}{ended ? '  (esc: back to Setup)' : ''}</Text> : null}
      {scenario ? (
        <Box flexDirection="column" marginTop={1}>
          <LiveChart series={series} protocol={scenario.protocol} width={width} height={6} />
          <Text>
            msgs/s {formatCount(tick?.msgsPerSec ?? 0)}  p50 {formatUs(tick?.rttP50Us ?? NaN)}  p99 {formatUs(tick?.rttP99Us ?? NaN)}  errors{' '}
            <Text color={tick?.errors ? tint('bad') : undefined}>{tick?.errors ?? 0}</Text>  fds{' '}
            {tick && tick.fds.used >= 0 ? `${tick.fds.used}/${tick.fds.limit}` : '–'}
          </Text>
          <ProcessTable processes={tick?.processes ?? []} maxRows={5} />
        </Box>
      ) : null}
      {clientBound.length ? (
        <Text color={tint('warn')} wrap="truncate-end">
          ! client-bound (workers saturated, numbers describe the clients): {clientBound.join(', ')}
        </Text>
      ) : null}
      {state.paused ? <Text color={tint('warn')}>paused between scenarios: p resumes</Text> : state.pauseRequested ? <Text color={tint('warn')}>pause requested: the run stops after this scenario</Text> : null}
      {state.skipping ? <Text color={tint('warn')}>skipping this scenario…</Text> : null}
      {state.quitting ? <Text color={tint('warn')}>stopping every child process…</Text> : null}
      {state.confirmQuit ? <Text color={tint('bad')} bold>Abort the run and quit? y / n</Text> : null}
      <Text color={tint('dim')}>p pause  x skip scenario  q quit  ? help</Text>
    </Box>
  );
}
