/** The churn Run and Results screens through ink-testing-library, driven by a fake ChurnRunFn; content polled for. */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChurnResult } from '../../src/engine/churn/result.js';
import type { ChurnEvent } from '../../src/engine/churn/run.js';
import { ChurnResultsScreen } from '../../src/ui/churn/churn-results-screen.js';
import { ChurnRunScreen } from '../../src/ui/churn/churn-run-screen.js';
import { churnEventsOf, fakeChurnCells, fakeChurnPlan, fakeChurnResult, fakeChurnRun } from '../helpers/fake-churn.js';
import { ARROW_DOWN, ARROW_RIGHT, ENTER, ESC, waitFor } from './fixtures.js';

afterEach(() => cleanup());

const frameOf = (r: { lastFrame: () => string | undefined }): string => r.lastFrame() ?? '';

const plan = fakeChurnPlan({ clients: [5, 20] });
const cells = fakeChurnCells(plan, (mode, i) =>
  mode === 'ws'
    ? { sent: 1000, lostWhileAway: 100 + i, rttSteadyUs: [300, 310], rttChurnUs: [400] }
    : { sent: 1000, duplicates: 3, catchUpUs: [4000, 6000, 8000], rttSteadyUs: [500, 520], rttChurnUs: [700] },
);
const result = fakeChurnResult(plan, cells);

describe('churn Run screen', () => {
  it('shows cells, notices, live counts, the delivered-rate chart and processes; q then y aborts and ends with quit', async () => {
    const { run, seen } = fakeChurnRun(churnEventsOf(plan, result, 6), true);
    const onEnded = vi.fn();
    const r = render(<ChurnRunScreen plan={plan} run={run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} />);
    await waitFor(() => /\[4\/4\] ws-outbox\/20c\/30% +done/.test(frameOf(r)), 'every cell done');
    const f = frameOf(r);
    expect(f).toContain('! a churn notice');
    expect(f).toContain('[1/4] ws/5c/30%');
    expect(f).toMatch(/ws\/5c\/30% +done {2}lost 10\.0% {2}dup 0/);
    expect(f).toMatch(/ws-outbox\/5c\/30% +done {2}lost 0\.0% {2}dup 3/);
    expect(f).toContain('delivered (acked) per second');
    expect(f).toMatch(/┤|┼/);
    expect(f).toContain('sent 1000  acked 1000  processes 0');
    expect(f).toContain('q quit  ? help');
    expect(onEnded).not.toHaveBeenCalled();
    r.stdin.write('q');
    await waitFor(() => frameOf(r).includes('Abort the run and quit? y / n'), 'confirm');
    r.stdin.write('n');
    await waitFor(() => !frameOf(r).includes('Abort the run'), 'cancelled');
    expect(seen.signal?.aborted).toBe(false);
    r.stdin.write('q');
    await waitFor(() => frameOf(r).includes('Abort the run'), 'confirm again');
    r.stdin.write('y');
    await waitFor(() => onEnded.mock.calls.length === 1, 'ended after abort');
    expect(seen.signal?.aborted).toBe(true);
    const [ended, quit] = onEnded.mock.calls[0] as [ChurnResult, boolean];
    expect(quit).toBe(true);
    expect(ended.aborted).toBe(true);
    expect(ended.cells).toHaveLength(4);
  });

  it('shows a running cell with its counts before it is done, then ends normally with the result', async () => {
    const events = churnEventsOf(plan, result, 3);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    // start, cell-start, process started, the first progress event.
    const firstCellProgress = events.beforeDone.slice(0, 4);
    const run = async function* (): AsyncGenerator<ChurnEvent> {
      for (const e of firstCellProgress) yield e;
      await gate;
      for (const e of events.beforeDone.slice(4)) yield e;
      yield events.done;
    };
    const onEnded = vi.fn();
    const r = render(<ChurnRunScreen plan={plan} run={run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} />);
    await waitFor(() => frameOf(r).includes('sent 333  acked 300'), 'first progress');
    expect(frameOf(r)).toMatch(/\[1\/4\] ws\/5c\/30% +running/);
    expect(frameOf(r)).toMatch(/\[2\/4\] ws\/20c\/30% +waiting/);
    expect(frameOf(r)).toContain('processes 1');
    release();
    await waitFor(() => onEnded.mock.calls.length === 1, 'ended');
    expect(onEnded.mock.calls[0]).toEqual([result, false]);
  });

  it('an error without a result is shown; esc goes back', async () => {
    const run = async function* (): AsyncGenerator<ChurnEvent> {
      await Promise.resolve();
      yield { type: 'error', error: { name: 'RedisStartError', message: 'redis-server did not start: no PING answer' } };
    };
    const onEnded = vi.fn();
    const onBack = vi.fn();
    const r = render(<ChurnRunScreen plan={plan} run={run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={onBack} />);
    await waitFor(() => frameOf(r).includes('✗ redis-server did not start: no PING answer  (esc: back)'), 'error');
    r.stdin.write(ESC);
    await waitFor(() => onBack.mock.calls.length === 1, 'back');
    expect(onEnded).not.toHaveBeenCalled();
  });

  it('interrupted aborts at once and ends with quit', async () => {
    const { run, seen } = fakeChurnRun(churnEventsOf(plan, result, 1), true);
    const onEnded = vi.fn();
    render(<ChurnRunScreen plan={plan} run={run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} interrupted />);
    await waitFor(() => onEnded.mock.calls.length === 1, 'ended');
    expect(seen.signal?.aborted).toBe(true);
    expect(onEnded.mock.calls[0]?.[1]).toBe(true);
  });
});

describe('churn Results screen', () => {
  it('shows the matrix, cycles metrics, opens a cell detail, saves, opens snapshots, goes back', async () => {
    const onBack = vi.fn();
    const onSave = vi.fn();
    const onSnapshots = vi.fn();
    const r = render(
      <ChurnResultsScreen result={{ ...result, aborted: true }} width={100} active onHelp={() => {}} onBack={onBack} source="snap.md"
        save={{ state: 'saved', path: 'snapshots/pushtui-x.md' }} onSave={onSave} onSnapshots={onSnapshots} />,
    );
    await waitFor(() => frameOf(r).includes('m/tab metric'), 'ready');
    const f = frameOf(r);
    expect(f).toContain('pushtui churn results 4 cell(s) from snap.md (aborted: partial results)');
    expect(f).toContain('lostPct: Lost, % of sent');
    expect(f).toMatch(/5c 30% +20c 30%/);
    expect(f).toMatch(/ws +10\.0% +10\.1%/);
    expect(f).toMatch(/ws-outbox +0\.0% \* +0\.0% \*/);
    expect(f).toContain('✓ snapshot saved: snapshots/pushtui-x.md');
    r.stdin.write('m');
    await waitFor(() => frameOf(r).includes('lostOther: Lost with no drop'), 'metric lostOther');
    r.stdin.write('\u001B[Z');
    r.stdin.write('\u001B[Z');
    await waitFor(() => frameOf(r).includes('rttChurnP50: Round trip p50 during churn'), 'shift-tab back past the start');
    r.stdin.write(ARROW_DOWN);
    r.stdin.write(ARROW_RIGHT);
    await waitFor(() => frameOf(r).includes('selected: ws-outbox/20c/30%'), 'selection');
    r.stdin.write(ENTER);
    await waitFor(() => frameOf(r).includes('esc back'), 'detail');
    const d = frameOf(r);
    expect(d).toContain('ws-outbox/20c/30%  ok');
    expect(d).toContain('at least once: Redis stream, replay on resume');
    expect(d).toContain('sent 1000  delivered 1000');
    expect(d).toContain('lost 0: while away 0, in flight 0, at end 0, other 0');
    expect(d).toContain('duplicates 3');
    expect(d).toMatch(/catch-up \(return -> caught up\) p50 6\.\d\dms p99 8\.\d\dms/);
    expect(d).toContain('outbox XADD 1000 / replayed 40 / XTRIM 12');
    expect(d).toContain('Redis used_memory 976.6 KiB → 1.4 MiB → 1.0 MiB');
    r.stdin.write(ESC);
    await waitFor(() => frameOf(r).includes('m/tab metric'), 'back to the matrix');
    r.stdin.write('s');
    await waitFor(() => onSave.mock.calls.length === 1, 'save');
    r.stdin.write('o');
    await waitFor(() => onSnapshots.mock.calls.length === 1, 'snapshots');
    r.stdin.write('q');
    await waitFor(() => onBack.mock.calls.length === 1, 'back');
  });

  it('an unavailable cell shows – and its reason; without onSave there is no save key', async () => {
    const unavailable = fakeChurnResult(plan, cells.map((c) => (c.mode === 'ws-outbox' ? { ...c, status: 'unavailable' as const, error: 'redis-server is not installed' } : c)));
    const r = render(<ChurnResultsScreen result={unavailable} width={100} active onHelp={() => {}} onBack={() => {}} />);
    await waitFor(() => frameOf(r).includes('m/tab metric'), 'ready');
    expect(frameOf(r)).toMatch(/ws-outbox +– +–/);
    expect(frameOf(r)).not.toContain('s save');
    r.stdin.write(ARROW_DOWN);
    await waitFor(() => frameOf(r).includes('(unavailable: redis-server is not installed)'), 'reason');
    r.stdin.write(ENTER);
    await waitFor(() => frameOf(r).includes('esc back'), 'detail');
    expect(frameOf(r)).toContain('unavailable: redis-server is not installed');
  });
});
