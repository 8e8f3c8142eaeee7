/**
 * Churn results with known numbers (real HDR histograms, encoded as the engine encodes
 * them) and fake ChurnRunFns that replay them as engine events, for UI and matrix tests.
 */
import type { ChurnMode } from '../../src/engine/churn/modes.js';
import { MODE_INFO } from '../../src/engine/churn/modes.js';
import type { ChurnPlan, ChurnPlanInput } from '../../src/engine/churn/plan.js';
import { parseChurnPlan } from '../../src/engine/churn/plan.js';
import type { ChurnCellResult, ChurnResult } from '../../src/engine/churn/result.js';
import type { ChurnEvent } from '../../src/engine/churn/run.js';
import { cellSpecs } from '../../src/engine/churn/run.js';
import { createHistogram, encodeHistogram } from '../../src/engine/stats.js';

export interface FakeCellInput {
  mode: ChurnMode;
  clients?: number;
  dropShare?: number;
  status?: ChurnCellResult['status'];
  error?: string;
  sent?: number;
  lostWhileAway?: number;
  lostOther?: number;
  duplicates?: number;
  outOfOrder?: number;
  /** Samples of each histogram, µs; none: the histogram is absent. */
  catchUpUs?: number[];
  rttSteadyUs?: number[];
  rttChurnUs?: number[];
}

export function encodedHist(valuesUs: readonly number[]): string {
  const h = createHistogram();
  for (const v of valuesUs) h.recordValue(v);
  return encodeHistogram(h);
}

export function fakeChurnCell(x: FakeCellInput): ChurnCellResult {
  const clients = x.clients ?? 20;
  const dropShare = x.dropShare ?? 0.3;
  const sent = x.sent ?? 1000;
  const lostWhileAway = x.lostWhileAway ?? 0;
  const lostOther = x.lostOther ?? 0;
  const lost = lostWhileAway + lostOther;
  const hist: Record<string, string> = {};
  if (x.catchUpUs) hist.catchUpUs = encodedHist(x.catchUpUs);
  if (x.rttSteadyUs) hist.rttSteadyUs = encodedHist(x.rttSteadyUs);
  if (x.rttChurnUs) hist.rttChurnUs = encodedHist(x.rttChurnUs);
  const outbox = MODE_INFO[x.mode].outbox;
  return {
    id: `${x.mode}/${clients}c/${Math.round(dropShare * 100)}%`, mode: x.mode, clients, dropShare, status: x.status ?? 'ok',
    ...(x.error ? { error: x.error } : {}),
    guarantee: MODE_INFO[x.mode].guarantee,
    counts: {
      sent, delivered: sent - lost, lost, lostWhileAway, lostInFlight: 0, lostAtEnd: 0, lostOther, sentWhileAway: lostWhileAway + 10,
      duplicates: x.duplicates ?? 0, outOfOrder: x.outOfOrder ?? 0,
    },
    drops: { abrupt: 3, graceful: 3, reconnectFailures: 0, caughtUp: x.catchUpUs?.length ?? 0, notCaughtUp: 0 },
    connectFailures: 0, acked: sent - lost, duplicateAcks: 0, behind: 0,
    ...(outbox ? { outbox: { appended: sent, replayed: 40, resumes: 6, trims: 12, errors: 0, memoryBeforeBytes: 1_000_000, memoryPeakBytes: 1_500_000, memoryAfterBytes: 1_100_000 } } : {}),
    errors: x.status === 'failed' ? { 'pusher: boom': 1 } : {},
    hist,
  };
}

export function fakeChurnPlan(input: ChurnPlanInput = {}): ChurnPlan {
  return parseChurnPlan({ modes: ['ws', 'ws-outbox'], protocols: ['ws'], clients: [20], dropShare: [0.3], ...input });
}

export function fakeChurnResult(plan: ChurnPlan, cells: ChurnCellResult[], aborted = false): ChurnResult {
  return {
    kind: 'churn', schemaVersion: 1, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:01:00.000Z', plan: { ...plan },
    host: { hostname: 'test', cores: 2 }, notices: ['a churn notice'], aborted, cells,
  };
}

/** One cell per plan cell; `tweak` sets a cell's numbers by its mode and index. */
export function fakeChurnCells(plan: ChurnPlan, tweak: (mode: ChurnMode, index: number) => Partial<FakeCellInput> = () => ({})): ChurnCellResult[] {
  return cellSpecs(plan).map((s, i) => fakeChurnCell({ mode: s.mode, clients: s.clients, dropShare: s.dropShare, ...tweak(s.mode, i) }));
}

/** The events runChurn would emit for `result`: start, then per cell cell-start, `steps` progress events, cell-done; then done. */
export function churnEventsOf(plan: ChurnPlan, result: ChurnResult, steps = 4): { beforeDone: ChurnEvent[]; done: ChurnEvent } {
  const specs = cellSpecs(plan);
  const events: ChurnEvent[] = [{ type: 'start', cells: specs, notices: result.notices, pids: [] }];
  result.cells.forEach((cell, index) => {
    events.push({ type: 'cell-start', index, total: specs.length, id: cell.id });
    events.push({ type: 'process', pid: 9000 + index, state: 'started' });
    for (let k = 1; k <= steps; k++) events.push({ type: 'progress', index, sent: Math.round((cell.counts.sent * k) / steps), acked: Math.round((cell.acked * k) / steps) });
    events.push({ type: 'process', pid: 9000 + index, state: 'exited' });
    events.push({ type: 'cell-done', index, result: cell });
  });
  return { beforeDone: events, done: { type: 'done', result } };
}

/**
 * A fake ChurnRunFn: yields `events`; with `hold`, then waits for the abort and ends with
 * `done` carrying an aborted copy of the result (as the engine does), else yields `done` at once.
 */
export function fakeChurnRun(events: { beforeDone: ChurnEvent[]; done: ChurnEvent }, hold = false) {
  const seen: { signal: AbortSignal | undefined } = { signal: undefined };
  const run = async function* (_plan: ChurnPlan, opts: { signal: AbortSignal }): AsyncGenerator<ChurnEvent> {
    seen.signal = opts.signal;
    for (const e of events.beforeDone) {
      yield e;
      // A few ms apart, as the engine's are (500 ms), so that successive progress events read different clocks.
      await new Promise((r) => setTimeout(r, 3));
    }
    if (hold) {
      if (!opts.signal.aborted) await new Promise((r) => opts.signal.addEventListener('abort', r, { once: true }));
      const done = events.done;
      yield done.type === 'done' ? { ...done, result: { ...done.result, aborted: true } } : done;
      return;
    }
    yield events.done;
  };
  return { run, seen };
}
