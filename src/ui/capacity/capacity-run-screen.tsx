/**
 * Capacity run: which protocol × connections is being measured, its phase, connections
 * open against the target, the connect rate reached, live server and client RSS with KiB
 * per connection so far, the live memory chart, the last progress lines and one line per
 * finished measurement. It draws what runCapacity reports and measures nothing.
 *
 *   pushtui capacity [2/3] grpc × 1000  connecting
 *   [██████████░░░░░░░░░░] 523/1000 open  connect rate 998/s
 *   server RSS 84.1 MiB (9.8 KiB/conn)  client RSS 92.0 MiB (18.2 KiB/conn)  fd limit 1024 soft / 4096 hard
 */
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { formatKb } from '../../engine/capacity/report.js';
import type { CapacityPlan } from '../../engine/capacity/plan.js';
import type { CapacityResult, CapacityRun } from '../../engine/capacity/result.js';
import { perConnection } from '../../engine/capacity/result.js';
import type { FdLimits } from '../../engine/env/ulimit.js';
import { fdLine, readFdLimits as readLimits } from '../../engine/env/ulimit.js';
import { formatBytes, formatCount } from '../../engine/report/format.js';
import { progressBarText } from '../progress-bar.js';
import { tint } from '../theme.js';
import type { Activity } from '../use-keys.js';
import { useRunExit } from '../use-run-exit.js';
import type { CapacityRunState } from './capacity-run-state.js';
import { currentIndex, liveKbPerConnection } from './capacity-run-state.js';
import { MemoryChart } from './memory-chart.js';
import type { ChartCurve } from './memory-curve.js';
import { resultCurves } from './memory-curve.js';
import type { CapacityRunFn } from './use-capacity-run.js';
import { useCapacityRun } from './use-capacity-run.js';

export type { CapacityRunFn } from './use-capacity-run.js';

export interface CapacityRunScreenProps {
  plan: CapacityPlan;
  run: CapacityRunFn;
  width: number;
  active: Activity;
  onHelp: () => void;
  /** The run has ended: with its result, or none when it failed; `quit` when the user chose to quit. */
  onEnded: (result: CapacityResult | undefined, quit: boolean) => void;
  onBack: () => void;
  /** Ctrl-C: abort at once, no question asked. */
  interrupted?: boolean;
  /** Where the fd limit shown comes from (tests inject it). */
  readFdLimits?: () => Promise<FdLimits>;
}

/** Finished measurements shown, newest last. */
const FINISHED_SHOWN = 6;

export function finishedRunLine(r: CapacityRun): string {
  const p = perConnection(r);
  const fails = r.failed + Object.values(r.drops).reduce((a, b) => a + b, 0);
  const status = r.status === 'ok' ? '' : `  ${r.status}${r.error ? `: ${r.error}` : ''}`;
  return `${r.protocol} ${formatCount(r.target)}: ${r.open}/${r.target} open  server ${formatKb(p.serverKb)} KiB/conn  client ${formatKb(p.clientKb)} KiB/conn  failures ${fails}${status}`;
}

/** The chart's lines: finished protocols (largest run each) and the measurement under way, live. */
function liveCurves(state: CapacityRunState, protocol: ChartCurve['protocol'] | undefined): ChartCurve[] {
  const done = resultCurves(state.runs).filter((c) => c.protocol !== protocol);
  return protocol && state.live.length ? [...done, { protocol, points: state.live }] : resultCurves(state.runs);
}

export function CapacityRunScreen({ plan, run, width, active, onHelp, onEnded, onBack, interrupted = false, readFdLimits = readLimits }: CapacityRunScreenProps) {
  const { state, current, dispatch, abort } = useCapacityRun(run, plan);
  const [limits, setLimits] = useState<FdLimits | undefined>();
  useEffect(() => {
    readFdLimits().then(setLimits, () => undefined);
  }, [readFdLimits]);
  const ended = state.phase === 'ended';
  useRunExit({ state, current, dispatch, abort, interrupted, onEnded, onHelp, onBack, active, finished: (s) => Boolean(s.result) });

  const index = currentIndex(state);
  const at = index === undefined ? undefined : state.order[index];
  const sample = state.sample && at && state.sample.protocol === at.protocol && state.sample.target === at.target ? state.sample : undefined;
  const perConn = sample ? liveKbPerConnection(state) : undefined;
  const target = at?.target ?? 0;
  const open = sample?.open ?? 0;
  const barWidth = Math.max(10, Math.min(40, width - 50));
  return (
    <Box flexDirection="column">
      <Text bold>
        pushtui <Text color={tint('dim')}>capacity</Text>
        {at ? ` [${(index ?? 0) + 1}/${state.order.length}] ${at.protocol} × ${formatCount(at.target)}  ${sample?.phase ?? 'starting'}` : ended ? '  ended' : '  finishing'}
      </Text>
      {at ? (
        <Text wrap="truncate-end">
          <Text color={tint('accent')}>{progressBarText(target > 0 ? open / target : 0, barWidth)}</Text> {open}/{target} open  rate{' '}
          {state.connectRatePerSec === undefined ? '–' : `${formatCount(state.connectRatePerSec)}/s`} (plan {formatCount(plan.connectRatePerSec)}/s)
        </Text>
      ) : null}
      <Text wrap="truncate-end">
        server RSS {sample ? formatBytes(sample.serverRssBytes) : '–'} ({perConn ? formatKb(perConn.serverKb) : '–'} KiB/conn)  client RSS{' '}
        {sample ? formatBytes(sample.clientRssBytes) : '–'} ({perConn ? formatKb(perConn.clientKb) : '–'} KiB/conn)
      </Text>
      <Text color={tint('dim')} wrap="truncate-end">
        fd limit {limits ? fdLine(limits) : '–'}  (RSS from /proc every ~250 ms, no GC; KiB/conn against the baseline)
      </Text>
      <Box marginTop={1}>
        <MemoryChart curves={liveCurves(state, at?.protocol)} width={width} height={8} atLeast={target} empty="waiting for the baseline…" />
      </Box>
      <Box flexDirection="column" marginTop={1}>
        {state.lines.map((l, i) => (
          <Text key={i} color={tint('dim')} wrap="truncate-end">
            {l}
          </Text>
        ))}
      </Box>
      {state.runs.slice(-FINISHED_SHOWN).map((r, i) => (
        <Text key={i} wrap="truncate-end" color={r.status !== 'ok' || r.failed > 0 ? tint('warn') : undefined}>
          {r.status !== 'ok' || r.failed > 0 ? '!' : '✓'} {finishedRunLine(r)}
        </Text>
      ))}
      {state.error ? <Text color={tint('bad')}>✗ {state.error}{ended ? '  (esc: back)' : ''}</Text> : null}
      {state.quitting ? <Text color={tint('warn')}>stopping every child process…</Text> : null}
      {state.confirmQuit ? <Text color={tint('bad')} bold>Abort the run and quit? y / n</Text> : null}
      <Text color={tint('dim')}>q quit  ? help</Text>
    </Box>
  );
}
