/** The capacity Run and Results screens through ink-testing-library: a fake runCapacity, then the real one for ws. */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseCapacityPlan } from '../../src/engine/capacity/plan.js';
import type { CapacityResult } from '../../src/engine/capacity/result.js';
import { runCapacity } from '../../src/engine/capacity/run.js';
import { liveChildPids } from '../../src/engine/pool.js';
import { CapacityResultsScreen } from '../../src/ui/capacity/capacity-results-screen.js';
import type { CapacityRunFn } from '../../src/ui/capacity/capacity-run-screen.js';
import { CapacityRunScreen } from '../../src/ui/capacity/capacity-run-screen.js';
import { fakeCapacityResult, fakeCapacityRun, FakeCapacity } from '../helpers/fake-capacity.js';
import { expectAllGone } from '../helpers/run.js';
import { ARROW_DOWN, ENTER, ESC, waitFor } from './fixtures.js';

afterEach(() => cleanup());
const LIMITS = () => Promise.resolve({ soft: 1024, hard: 4096 });
const frameOf = (r: { lastFrame: () => string | undefined }): string => r.lastFrame() ?? '';

describe('capacity Run screen', () => {
  const plan = parseCapacityPlan({ protocols: ['ws', 'grpc'], connections: [1000] });

  it('draws the measurement, open connections, RSS, the chart and finished runs, then ends with the result', async () => {
    const fake = new FakeCapacity({ stopAfter: 10 });
    const onEnded = vi.fn();
    const r = render(<CapacityRunScreen plan={plan} run={fake.run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} readFdLimits={LIMITS} />);
    await waitFor(() => frameOf(r).includes('[2/2]') && frameOf(r).includes('750/1000 open'), 'live open count of the second run');
    const f = frameOf(r);
    expect(f).toContain('[2/2] grpc × 1000  connecting');
    expect(f).toContain('rate 1000/s');
    expect(f).toMatch(/server RSS 57\.3 MiB \(10\.0 KiB\/conn\)/);
    expect(f).toContain('1000 connections');
    expect(f).toContain('MiB ┤');
    expect(f).toContain('✓ ws 1000: 1000/1000 open  server 10.0 KiB/conn  client 20.0 KiB/conn  failures 0');
    expect(f).toContain('fd limit 1024 soft / 4096 hard');
    expect(f).toContain('grpc 1000: connecting 1000 at 1000/s');
    expect(f).toContain('q quit  ? help');
    expect(fake.opts?.signal?.aborted).toBe(false);
    expect(onEnded).not.toHaveBeenCalled();
  });

  it('a normal end calls onEnded(result, false)', async () => {
    const fake = new FakeCapacity();
    const onEnded = vi.fn();
    render(<CapacityRunScreen plan={plan} run={fake.run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} readFdLimits={LIMITS} />);
    await waitFor(() => onEnded.mock.calls.length === 1, 'ended');
    expect((onEnded.mock.calls[0]?.[0] as CapacityResult).runs).toHaveLength(2);
    expect(onEnded.mock.calls[0]?.[1]).toBe(false);
  });

  it('q asks, n keeps running, y aborts and ends with quit', async () => {
    const fake = new FakeCapacity({ stopAfter: 3 });
    const onEnded = vi.fn();
    const r = render(<CapacityRunScreen plan={plan} run={fake.run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} readFdLimits={LIMITS} />);
    await waitFor(() => frameOf(r).includes('500/1000 open'), 'running');
    r.stdin.write('q');
    await waitFor(() => frameOf(r).includes('Abort the run and quit? y / n'), 'confirm');
    r.stdin.write('n');
    await waitFor(() => !frameOf(r).includes('Abort the run'), 'cancelled');
    expect(fake.opts?.signal?.aborted).toBe(false);
    r.stdin.write('q');
    await waitFor(() => frameOf(r).includes('Abort the run and quit? y / n'), 'confirm again');
    r.stdin.write('y');
    await waitFor(() => onEnded.mock.calls.length === 1, 'ended after abort');
    expect(fake.opts?.signal?.aborted).toBe(true);
    expect((onEnded.mock.calls[0]?.[0] as CapacityResult).aborted).toBe(true);
    expect(onEnded.mock.calls[0]?.[1]).toBe(true);
  });

  it('interrupted aborts at once', async () => {
    const fake = new FakeCapacity({ stopAfter: 2 });
    const onEnded = vi.fn();
    const props = { plan, run: fake.run, width: 100, active: true, onHelp: () => {}, onEnded, onBack: () => {}, readFdLimits: LIMITS };
    const r = render(<CapacityRunScreen {...props} />);
    await waitFor(() => frameOf(r).includes('250/1000 open'), 'running');
    r.rerender(<CapacityRunScreen {...props} interrupted />);
    await waitFor(() => onEnded.mock.calls.length === 1, 'ended');
    expect(onEnded.mock.calls[0]?.[1]).toBe(true);
  });

  it('a failed run shows one line and esc goes back', async () => {
    const run: CapacityRunFn = () => Promise.reject(new Error('no ports left\nsecond line'));
    const onBack = vi.fn();
    const onEnded = vi.fn();
    const r = render(<CapacityRunScreen plan={plan} run={run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={onBack} readFdLimits={LIMITS} />);
    await waitFor(() => frameOf(r).includes('✗ no ports left  (esc: back)'), 'error line');
    expect(frameOf(r)).not.toContain('second line');
    r.stdin.write(ESC);
    await waitFor(() => onBack.mock.calls.length === 1, 'back');
    expect(onEnded).not.toHaveBeenCalled();
  });
});

describe('capacity Results screen', () => {
  const limited = fakeCapacityRun('mqtt', 10_000, {
    attempted: 4000, connected: 4000, open: 4000, failed: 3, errors: { EMFILE: 3 },
    limit: { reason: 'the MQTT broker is one process and its open-file hard limit is 4096', advice: 'sudo prlimit --pid $$ --nofile=10128:10128' },
  }, 5, 15);
  const result = fakeCapacityResult([fakeCapacityRun('ws', 1000), fakeCapacityRun('grpc', 1000, {}, 30, 40), limited], { fleet: 50_000 });

  it('shows the table, chart, projection and advice; enter opens a detail; s saves', async () => {
    const onSave = vi.fn();
    const onBack = vi.fn();
    const r = render(<CapacityResultsScreen result={result} width={100} active onHelp={() => {}} onBack={onBack} onSave={onSave} onSnapshots={() => {}} save={{ state: 'saved', path: '/tmp/s.md' }} />);
    await waitFor(() => frameOf(r).includes('q back'), 'ready');
    const f = frameOf(r);
    expect(f).toContain('pushtui capacity results 3 run(s)');
    expect(f).toMatch(/ws 1000 +1000 +10\.0 +20\.0 +0\.0 +1\.2 s +310µs +2\.10ms +0/);
    expect(f).toMatch(/mqtt 10\.0k ✂ +4000 +5\.0 +15\.0 .* 3 !/);
    expect(f).toContain('4000 connections');
    expect(f).toContain('projection for 50.0k connections');
    expect(f).toMatch(/grpc +1000 +30\.0 KiB → 1\.43 GiB .*60 KB → 2\.86 GiB/);
    expect(f).toContain('reached 4000 of 10.0k because the MQTT broker is one process');
    expect(f).toContain('EMFILE: a process ran out of file descriptors');
    expect(f).toContain('✓ snapshot saved: /tmp/s.md');
    expect(f.split('\n').length).toBeLessThanOrEqual(40);
    // eslint-disable-next-line no-control-regex
    const plain = f.replace(/\u001B\[[0-9;]*m/g, '');
    expect(Math.max(...plain.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(100);
    r.stdin.write('s');
    await waitFor(() => onSave.mock.calls.length === 1, 'save');
    r.stdin.write(ARROW_DOWN);
    r.stdin.write(ENTER);
    await waitFor(() => frameOf(r).includes('esc / q back'), 'detail');
    expect(frameOf(r)).toContain('grpc × 1000');
    expect(frameOf(r)).toContain('1 grpc server process(es)');
    expect(frameOf(r)).toContain('keep-alive         100 received of 100 sent');
    r.stdin.write(ESC);
    await waitFor(() => frameOf(r).includes('↑↓ row'), 'back to the table');
    expect(onBack).not.toHaveBeenCalled();
    r.stdin.write('q');
    await waitFor(() => onBack.mock.calls.length === 1, 'back');
  });

  it('titles a snapshot and a partial result, and charts an old result without curves', async () => {
    const old = fakeCapacityResult([fakeCapacityRun('ws', 1000, { curve: undefined })], {}, true);
    const r = render(<CapacityResultsScreen result={old} width={100} active onHelp={() => {}} onBack={() => {}} source="pushtui-20260101-000000.md" />);
    await waitFor(() => frameOf(r).includes('q back'), 'ready');
    expect(frameOf(r)).toContain('from pushtui-20260101-000000.md (aborted: partial results)');
    expect(frameOf(r)).toContain('1000 connections');
    expect(frameOf(r)).not.toContain('s save');
  });
});

describe.skipIf(process.platform !== 'linux')('capacity Run screen on the real engine', () => {
  it('measures 200 ws connections, ends with a curve, leaves no process', async () => {
    const plan = parseCapacityPlan({ protocols: ['ws'], connections: [200], connectRatePerSec: 2000, holdMs: 300, settleMs: 2000, timeoutMs: 10_000 });
    const pids = new Set<number>();
    const run: CapacityRunFn = (p, opts) =>
      runCapacity(p, { ...opts, progress: (line) => (liveChildPids().forEach((pid) => pids.add(pid)), opts.progress?.(line)) });
    const onEnded = vi.fn();
    const r = render(<CapacityRunScreen plan={plan} run={run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} />);
    await waitFor(() => onEnded.mock.calls.length === 1, 'the run to end', 60_000);
    const result = onEnded.mock.calls[0]?.[0] as CapacityResult;
    expect(onEnded.mock.calls[0]?.[1]).toBe(false);
    expect(result.runs[0]?.open).toBe(200);
    expect(result.runs[0]?.curve?.[0]?.open).toBe(0);
    expect(result.runs[0]?.curve?.at(-1)?.open).toBe(200);
    expect(frameOf(r)).toContain('ws 200: 200/200 open');
    expect(pids.size).toBeGreaterThanOrEqual(2);
    await expectAllGone([...pids]);
  });
});
