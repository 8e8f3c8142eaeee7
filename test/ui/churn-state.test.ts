/** The churn screens' pure parts: the run reducer (rate, progress, cell states), the plan summary, the cell window. */
import { describe, expect, it } from 'vitest';
import type { ChurnEvent } from '../../src/engine/churn/run.js';
import { cellSpecs } from '../../src/engine/churn/run.js';
import { FD_OVERHEAD } from '../../src/engine/env/ulimit.js';
import { INITIAL_RESULTS, resultsReducer } from '../../src/ui/results-state.js';
import { cellWindow } from '../../src/ui/churn/churn-cell-list.js';
import type { ChurnRunAction, ChurnRunState } from '../../src/ui/churn/churn-run-state.js';
import { cellStateOf, churnProgressOf, churnRunReducer, initialChurnRun, RATE_POINTS, sendsPerClientOf } from '../../src/ui/churn/churn-run-state.js';
import { churnFdBlocker, summarizeChurnPlan } from '../../src/ui/churn/churn-summary.js';
import { fakeChurnCell, fakeChurnPlan } from '../helpers/fake-churn.js';

const plan = fakeChurnPlan({ ratePerClient: 10, baselineMs: 1000, durationMs: 4000, clients: [20] });
const specs = cellSpecs(plan);
const ev = (event: ChurnEvent, nowMs: number): ChurnRunAction => ({ type: 'event', event, nowMs });
const fold = (...actions: ChurnRunAction[]): ChurnRunState => actions.reduce(churnRunReducer, initialChurnRun({ nowMs: 0, sendsPerClient: sendsPerClientOf(plan) }));
const started = [ev({ type: 'start', cells: specs, notices: ['n1'], pids: [] }, 0), ev({ type: 'cell-start', index: 0, total: 2, id: specs[0]!.id }, 100)];

describe('churn run reducer', () => {
  it('starts with the cells and notices, all waiting but the current one', () => {
    const s = fold(...started);
    expect(s.phase).toBe('running');
    expect(s.notices).toEqual(['n1']);
    expect(cellStateOf(s, 0)).toEqual({ text: 'running', tone: 'accent' });
    expect(cellStateOf(s, 1).text).toBe('waiting');
  });

  it('turns successive progress events into acked per second; the first of a cell gives no point', () => {
    const s = fold(
      ...started,
      ev({ type: 'progress', index: 0, sent: 100, acked: 90 }, 1000),
      ev({ type: 'progress', index: 0, sent: 200, acked: 190 }, 1500),
      ev({ type: 'progress', index: 0, sent: 300, acked: 210 }, 2500),
    );
    expect(s.ratePerSec).toEqual([200, 20]);
    expect([s.sent, s.acked]).toEqual([300, 210]);
  });

  it('a new cell clears the chart; progress of another cell is ignored; the series is capped', () => {
    const many = Array.from({ length: RATE_POINTS + 5 }, (_, i) => ev({ type: 'progress', index: 0, sent: i, acked: i }, 1000 + i * 500));
    const s = fold(...started, ...many);
    expect(s.ratePerSec).toHaveLength(RATE_POINTS);
    const next = fold(...started, ...many, ev({ type: 'cell-start', index: 1, total: 2, id: specs[1]!.id }, 9e5), ev({ type: 'progress', index: 0, sent: 1, acked: 1 }, 9e5 + 1));
    expect(next.ratePerSec).toEqual([]);
    expect(next.sent).toBe(0);
  });

  it('counts live processes from process events', () => {
    const s = fold(...started, ...[1, 2, 3].map((pid) => ev({ type: 'process', pid, state: 'started' }, 200)), ev({ type: 'process', pid: 2, state: 'exited' }, 300));
    expect(s.pids).toEqual([1, 3]);
  });

  it('progress: whole cells done plus the current one by sent of what it will send; 1 when ended', () => {
    // 20 clients x 10/s x 5 s = 1000 sends per cell; 2 cells.
    const half = fold(...started, ev({ type: 'progress', index: 0, sent: 500, acked: 500 }, 2100));
    expect(churnProgressOf(half).fraction).toBeCloseTo(0.25);
    expect(churnProgressOf(half).elapsedMs).toBe(2100);
    expect(churnProgressOf(half).etaMs).toBeCloseTo(6300);
    const oneDone = fold(...started, ev({ type: 'cell-done', index: 0, result: fakeChurnCell({ mode: 'ws' }) }, 3000));
    expect(churnProgressOf(oneDone).fraction).toBeCloseTo(0.5);
    expect(churnProgressOf(fold(...started, { type: 'ended' })).fraction).toBe(1);
  });

  it('says what each finished cell came to', () => {
    const s = fold(
      ...started,
      ev({ type: 'cell-done', index: 0, result: fakeChurnCell({ mode: 'ws', sent: 1000, lostWhileAway: 125, duplicates: 2 }) }, 1),
      ev({ type: 'cell-done', index: 1, result: fakeChurnCell({ mode: 'ws-outbox', status: 'unavailable', error: 'redis-server is not installed' }) }, 2),
    );
    expect(cellStateOf(s, 0)).toEqual({ text: 'done  lost 12.5%  dup 2', tone: 'good' });
    expect(cellStateOf(s, 1)).toEqual({ text: 'unavailable: redis-server is not installed', tone: 'warn' });
    const failed = fold(...started, ev({ type: 'cell-done', index: 0, result: fakeChurnCell({ mode: 'ws', status: 'failed', error: 'boom' }) }, 1));
    expect(cellStateOf(failed, 0)).toEqual({ text: 'failed: boom', tone: 'bad' });
  });

  it('quit: ask, cancel, confirm; done and error are kept', () => {
    expect(fold({ type: 'ask-quit' }).confirmQuit).toBe(true);
    expect(fold({ type: 'ask-quit' }, { type: 'cancel-quit' }).confirmQuit).toBe(false);
    expect(fold({ type: 'ask-quit' }, { type: 'quit' })).toMatchObject({ confirmQuit: false, quitting: true });
    const err = fold(ev({ type: 'error', error: { name: 'PlanError', message: 'bad' } }, 1), { type: 'ended' });
    expect(err).toMatchObject({ phase: 'ended', error: { message: 'bad' }, result: undefined });
  });
});

describe('summarizeChurnPlan', () => {
  const limits = { soft: 1024, hard: 4096 };

  it('counts cells and estimates startup + baseline + churn + drain per cell', () => {
    const s = summarizeChurnPlan(fakeChurnPlan({ clients: [5, 20], dropShare: [0.1, 0.5], baselineMs: 1000, durationMs: 4000, drainMs: 2000 }), limits, () => '/usr/bin/redis-server');
    expect(s.scenarios).toBe(8);
    expect(s.estimateMs).toBe(8 * (1500 + 1000 + 4000 + 2000));
    expect(s).toMatchObject({ notices: [], blocker: undefined });
  });

  it('notes that outbox modes will be unavailable without redis-server (auto only)', () => {
    expect(summarizeChurnPlan(fakeChurnPlan(), limits, () => undefined).notices[0]).toContain('redis-server is not installed');
    expect(summarizeChurnPlan(fakeChurnPlan({ redis: 'redis://127.0.0.1:6390' }), limits, () => undefined).notices).toEqual([]);
    expect(summarizeChurnPlan(fakeChurnPlan({ modes: ['ws'] }), limits, () => undefined).notices).toEqual([]);
  });

  it('blocks a cell that needs more descriptors in one process than the soft limit', () => {
    const big = fakeChurnPlan({ clients: [2000], clientsPerWorker: 500 });
    expect(churnFdBlocker(big, limits)).toMatch(/2000 clients need ~4064 open files in the pusher but the soft limit is 1024; use --clients 480 or fewer/);
    const mqttOnly = fakeChurnPlan({ protocols: ['mqtt'], modes: ['mqtt-qos1'], clients: [2000], clientsPerWorker: 1000 });
    expect(churnFdBlocker(mqttOnly, limits)).toMatch(/1000 clients per worker need ~2064 .* use --clients-per-worker 480 or fewer/);
    expect(churnFdBlocker(fakeChurnPlan({ clients: [480] }), limits)).toBeUndefined();
    expect(churnFdBlocker(fakeChurnPlan({ clients: [481] }), { soft: 2 * 481 + FD_OVERHEAD - 1, hard: 4096 })).toBeDefined();
    expect(summarizeChurnPlan(big, undefined).blocker).toBeUndefined();
  });

  it('blocks a plan whose modes and protocols have nothing in common', () => {
    expect(summarizeChurnPlan(fakeChurnPlan({ modes: ['grpc'], protocols: ['ws'] }), limits).blocker).toContain('no mode to run');
  });
});

describe('small helpers', () => {
  it('cellWindow keeps the current cell in view', () => {
    expect(cellWindow(5, 3, 8)).toEqual([0, 5]);
    expect(cellWindow(20, 0, 8)).toEqual([0, 8]);
    expect(cellWindow(20, 10, 8)).toEqual([6, 14]);
    expect(cellWindow(20, 19, 8)).toEqual([12, 20]);
  });

  it('resultsReducer cycles over a given number of metrics both ways', () => {
    const back = resultsReducer(INITIAL_RESULTS, { type: 'cycle-metric', step: -1, count: 8 });
    expect(back.metricIndex).toBe(7);
    expect(resultsReducer(back, { type: 'cycle-metric', step: 1, count: 8 }).metricIndex).toBe(0);
  });
});
