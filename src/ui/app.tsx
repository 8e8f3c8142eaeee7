/**
 * Starts the interactive app on the terminal: the alternate screen while it runs (the
 * terminal is restored on any exit), ink at a capped frame rate so drawing never competes
 * with the engine, and the final report printed to stdout afterwards so it survives.
 */
import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import { readMachineLimits } from '../engine/env/ulimit.js';
import type { AnyResult } from '../engine/any-result.js';
import { resultKind } from '../engine/any-result.js';
import { capacityReport } from '../engine/capacity/report.js';
import type { CapacityResult } from '../engine/capacity/result.js';
import { runCapacity } from '../engine/capacity/run.js';
import { churnReport } from '../engine/churn/report.js';
import type { ChurnResult } from '../engine/churn/result.js';
import { runChurn } from '../engine/churn/run.js';
import { killAllChildrenSync } from '../engine/pool.js';
import { textReport } from '../engine/report/text.js';
import type { RunResult } from '../engine/run.js';
import { runBenchmark } from '../engine/run.js';
import { deleteSnapshot, listSnapshots, saveSnapshot } from '../engine/snapshot.js';
import { App } from './app-root.js';
import { loadLastSetup, saveLastPlan } from './last-plan.js';
import { snapshotDir } from './snapshot-dir.js';

/**
 * Frames per second at most. The numbers come at 5 Hz; on a 2-core machine every frame the
 * controller draws is CPU the pusher and workers do not get (npm run bench measures it).
 */
export const MAX_FPS = 4;

const ENTER_ALT_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

/** What is printed to stdout after the app exits: the last result's report, whatever its kind. */
export function finalReport(r: AnyResult): string {
  switch (resultKind(r)) {
    case 'churn':
      return churnReport(r as ChurnResult);
    case 'capacity':
      return capacityReport(r as CapacityResult);
    case 'latency':
      return textReport(r as RunResult);
  }
}

export async function startApp(): Promise<number> {
  const loaded = loadLastSetup();
  const dir = snapshotDir();
  let final: AnyResult | undefined;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    process.stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  const onSignal = (): void => {
    instance.unmount();
    restore();
    killAllChildrenSync();
    process.exit(143);
  };
  process.stdout.write(ENTER_ALT_SCREEN);
  process.on('exit', restore);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  const instance = render(
    <App
      deps={{
        run: runBenchmark,
        runChurn,
        runCapacity,
        readFdLimits: readMachineLimits,
        savePlan: (job) => saveLastPlan(job),
        snapshotDir: dir,
        saveSnapshot: (result) => saveSnapshot(result, dir),
        listSnapshots: () => listSnapshots(dir),
        deleteSnapshot,
      }}
      initialValues={loaded.init}
      notice={loaded.notice}
      onExit={(result) => {
        final = result;
      }}
    />,
    { maxFps: MAX_FPS, exitOnCtrlC: false },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
  if (final) process.stdout.write(finalReport(final));
  // For scripts that drive the app (npm run bench compares it with headless): the full result.
  const jsonPath = process.env.PUSHTUI_RESULT_JSON;
  if (final && jsonPath) writeFileSync(jsonPath, JSON.stringify(final));
  return final?.aborted ? 130 : 0;
}
