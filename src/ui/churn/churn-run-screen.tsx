/**
 * Churn run: the cells and where each stands, notices, progress over cells, the current
 * cell's sent and acked counts, a live chart of its delivered rate (the dips are the
 * drops), and how many processes are alive. It draws runChurn's events; measures nothing.
 *
 *   pushtui churn [2/4] ws-outbox/20c/30%
 *   [1/4] ws/20c/30%          done  lost 12.4%  dup 0
 *   [2/4] ws-outbox/20c/30%   running
 *   [████████░░░░░░░░] 40%  elapsed 12s  ETA ~18s
 *   sent 1840  acked 1795  processes 4
 */
import { Box, Text } from 'ink';
import type { ChurnPlan } from '../../engine/churn/plan.js';
import type { ChurnResult } from '../../engine/churn/result.js';
import { formatCount } from '../../engine/report/format.js';
import { ProgressBar } from '../progress-bar.js';
import { tint } from '../theme.js';
import type { Activity } from '../use-keys.js';
import { useRunExit } from '../use-run-exit.js';
import { ChurnCellList } from './churn-cell-list.js';
import { churnProgressOf } from './churn-run-state.js';
import { DeliveryChart } from './delivery-chart.js';
import type { ChurnRunFn } from './use-churn-run.js';
import { useChurnRun } from './use-churn-run.js';

export type { ChurnRunFn } from './use-churn-run.js';

export interface ChurnRunScreenProps {
  plan: ChurnPlan;
  run: ChurnRunFn;
  width: number;
  active: Activity;
  onHelp: () => void;
  /** The stream has ended: with the result (done) or none (error before done); `quit` when the user chose to quit. */
  onEnded: (result: ChurnResult | undefined, quit: boolean) => void;
  onBack: () => void;
  /** Ctrl-C: abort at once, no question asked. */
  interrupted?: boolean;
}

export function ChurnRunScreen({ plan, run, width, active, onHelp, onEnded, onBack, interrupted = false }: ChurnRunScreenProps) {
  const { state, current, dispatch, abort } = useChurnRun(run, plan);
  const ended = state.phase === 'ended';
  useRunExit({ state, current, dispatch, abort, interrupted, onEnded, onHelp, onBack, active, finished: (s) => Boolean(s.result && !s.error) });

  const cell = state.cells[state.index];
  return (
    <Box flexDirection="column">
      <Text bold>
        pushtui <Text color={tint('dim')}>churn</Text>
        {cell ? ` [${state.index + 1}/${state.cells.length}] ${cell.id}` : ''}
      </Text>
      {state.phase === 'starting' && !state.error ? <Text color={tint('dim')}>starting services…</Text> : null}
      {state.notices.map((n) => (
        <Text key={n} color={tint('warn')} wrap="truncate-end">
          ! {n}
        </Text>
      ))}
      <ChurnCellList state={state} width={width} maxRows={8} />
      {state.phase !== 'starting' ? <ProgressBar progress={churnProgressOf(state)} width={width} /> : null}
      {state.error ? <Text color={tint('bad')}>✗ {state.error.message}{ended ? '  (esc: back)' : ''}</Text> : null}
      {cell ? (
        <Box flexDirection="column" marginTop={1}>
          <DeliveryChart ratePerSec={state.ratePerSec} width={width} height={6} />
          <Text>
            sent {formatCount(state.sent)}  acked {formatCount(state.acked)}  processes {state.pids.length}
          </Text>
        </Box>
      ) : null}
      {state.quitting ? <Text color={tint('warn')}>stopping every child process…</Text> : null}
      {state.confirmQuit ? <Text color={tint('bad')} bold>Abort the run and quit? y / n</Text> : null}
      <Text color={tint('dim')}>q quit  ? help</Text>
    </Box>
  );
}
