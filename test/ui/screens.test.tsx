/** Each screen through ink-testing-library: keys as named constants, content polled for. */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { defaultPlan } from '../../src/engine/plan.js';
import type { Plan } from '../../src/engine/plan.js';
import { App } from '../../src/ui/app-root.js';
import { ResultsScreen } from '../../src/ui/results-screen.js';
import { RunScreen } from '../../src/ui/run-screen.js';
import { SetupScreen } from '../../src/ui/setup-screen.js';
import { ARROW_DOWN, ARROW_RIGHT, BACKSPACE, ENTER, ESC, FakeEngine, fakeDeps, fakeResult, fakeRunResult, scenariosOf, SPACE, tick, waitFor } from './fixtures.js';

const LIMITS = () => Promise.resolve({ soft: 1024, hard: 4096 });
afterEach(() => cleanup());

function frameOf(r: { lastFrame: () => string | undefined }): string {
  return r.lastFrame() ?? '';
}

async function type(r: { stdin: { write: (s: string) => void }; lastFrame: () => string | undefined }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    const before = frameOf(r);
    r.stdin.write(k);
    // A key that changes nothing on screen is fine; give the app a moment to draw if it does.
    await waitFor(() => frameOf(r) !== before, 'a redraw', 200).catch(() => undefined);
  }
}

describe('Setup screen', () => {
  const setup = (onRun = vi.fn(), onQuit = vi.fn()) =>
    render(<SetupScreen initialValues={{ ...defaultPlan() }} notice={undefined} readFdLimits={LIMITS} onRun={onRun} onQuit={onQuit} onHelp={() => {}} onSnapshots={() => {}} active />);

  it('shows every field, counts scenarios, runs the plan on enter', async () => {
    const onRun = vi.fn();
    const r = setup(onRun);
    await waitFor(() => frameOf(r).includes('2 scenarios') && !frameOf(r).includes('reading the open-file'), 'summary');
    for (const flag of ['protocols', 'clients', 'messages', 'payload', 'encoding', 'pattern', 'rate', 'samples', 'warmup', 'timeout', 'nagle']) {
      expect(frameOf(r)).toContain(flag);
    }
    await type(r, ARROW_DOWN, SPACE);
    await waitFor(() => frameOf(r).includes('1 scenario,'), 'one scenario');
    r.stdin.write(ENTER);
    await waitFor(() => onRun.mock.calls.length === 1, 'onRun');
    expect((onRun.mock.calls[0]?.[0] as { kind: string; plan: Plan }).kind).toBe('latency');
    expect((onRun.mock.calls[0]?.[0] as { kind: string; plan: Plan }).plan.clients).toEqual([10]);
  });

  it('shows the schema message inline and refuses enter until the plan is valid', async () => {
    const onRun = vi.fn();
    const r = setup(onRun);
    await waitFor(() => frameOf(r).includes('scenarios'), 'ready');
    await type(r, ARROW_DOWN, 'e', BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE, '0', ENTER);
    await waitFor(() => frameOf(r).includes('✗ must be at least 1'), 'inline error');
    await type(r, ENTER);
    await waitFor(() => frameOf(r).includes('enter refused'), 'refusal');
    expect(onRun).not.toHaveBeenCalled();
  });

  it('warns when the plan needs more descriptors than the hard limit', async () => {
    const r = render(
      <SetupScreen initialValues={{ ...defaultPlan(), clients: [5000] }} notice={undefined} readFdLimits={() => Promise.resolve({ soft: 1024, hard: 2048 })}
        onRun={() => {}} onQuit={() => {}} onHelp={() => {}} onSnapshots={() => {}} active />,
    );
    await waitFor(() => frameOf(r).includes('cannot run here'), 'fd blocker');
    expect(frameOf(r)).toContain('hard limit is 2048');
  });

  it('q quits', async () => {
    const onQuit = vi.fn();
    const r = setup(vi.fn(), onQuit);
    await waitFor(() => frameOf(r).includes('scenarios'), 'ready');
    r.stdin.write('q');
    await waitFor(() => onQuit.mock.calls.length === 1, 'quit');
  });
});

describe('Run screen', () => {
  const { plan, scenarios } = scenariosOf({ clients: [1], messages: [10, 20], samples: 1 });
  const host = fakeRunResult(plan, []).host;

  it('draws the checklist, progress, live numbers and processes from the engine events', async () => {
    const engine = new FakeEngine();
    const onEnded = vi.fn();
    const r = render(<RunScreen plan={plan} run={engine.run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} />);
    await waitFor(() => frameOf(r).includes('checking'), 'pending checks');
    engine.emit({ type: 'start', plan, scenarios, host, fdLimits: { soft: 1024, hard: 4096 }, notices: [] });
    engine.emit({ type: 'scenario-start', index: 0, total: 2, scenario: scenarios[0]! }, tick(0, 150, 900), tick(0, 160, 950));
    await waitFor(() => frameOf(r).includes('msgs/s 4321'), 'tick');
    const f = frameOf(r);
    expect(f).toContain('✓ open-file limit');
    expect(f).toContain('[1/2] ws/json/1500B/10m/1c');
    expect(f).toContain('fds 30/1024');
    expect(f).toContain('pusher  4242');
    expect(f).toMatch(/┤|┼/);
    const results = scenarios.map((s) => fakeResult(s, [100, 200]));
    engine.emit({ type: 'scenario-done', index: 0, result: results[0]! }, { type: 'done', result: fakeRunResult(plan, results.slice(0, 1)) });
    engine.close();
    await waitFor(() => onEnded.mock.calls.length === 1, 'ended');
    expect(onEnded.mock.calls[0]?.[1]).toBe(false);
  });

  it('p pauses at the gate, x skips the scenario, q asks before aborting', async () => {
    const engine = new FakeEngine();
    const onEnded = vi.fn();
    const r = render(<RunScreen plan={plan} run={engine.run} width={100} active onHelp={() => {}} onEnded={onEnded} onBack={() => {}} />);
    engine.emit({ type: 'start', plan, scenarios, host, fdLimits: { soft: 1024, hard: 4096 }, notices: [] });
    engine.emit({ type: 'scenario-start', index: 0, total: 2, scenario: scenarios[0]! });
    await waitFor(() => frameOf(r).includes('[1/2]'), 'running');
    const skipSignal = engine.opts?.scenarioSignal?.(0);
    r.stdin.write('x');
    await waitFor(() => skipSignal?.aborted === true, 'skip signal');
    r.stdin.write('p');
    await waitFor(() => frameOf(r).includes('pause requested'), 'pause requested');
    let opened = false;
    void engine.opts?.pauseGate?.().then(() => (opened = true));
    await waitFor(() => frameOf(r).includes('paused between scenarios'), 'paused');
    r.stdin.write('p');
    await waitFor(() => opened, 'gate opened');
    r.stdin.write('q');
    await waitFor(() => frameOf(r).includes('Abort the run and quit? y / n'), 'confirm');
    r.stdin.write('n');
    await waitFor(() => !frameOf(r).includes('Abort the run'), 'cancelled');
    expect(engine.opts?.signal?.aborted).toBe(false);
    await type(r, 'q');
    r.stdin.write('y');
    await waitFor(() => engine.opts?.signal?.aborted === true, 'abort');
    await waitFor(() => onEnded.mock.calls.length === 1, 'ended after abort');
    expect(onEnded.mock.calls[0]?.[1]).toBe(true);
  });
});

describe('Results screen', () => {
  const { plan, scenarios } = scenariosOf({ clients: [1, 10], messages: [10], payloadBytes: [16, 1500], samples: 1 });
  const results = scenarios.map((s, i) => fakeResult(s, [100 * (i + 1), 200 * (i + 1)], i === 3 ? 2 : 0));

  it('shows the matrix, marks the best, flags failures, cycles metrics, opens a detail', async () => {
    const onBack = vi.fn();
    const r = render(<ResultsScreen result={fakeRunResult(plan, results)} width={100} active onHelp={() => {}} onBack={onBack} />);
    await waitFor(() => frameOf(r).includes('ws json 16B'), 'matrix');
    expect(frameOf(r)).toContain('10m x 1c');
    expect(frameOf(r)).toContain('10m x 10c');
    await type(r, 'm');
    await waitFor(() => frameOf(r).includes('rttP50'), 'metric rttP50');
    expect(frameOf(r)).toMatch(/200µs \*/);
    expect(frameOf(r)).toMatch(/ !/);
    await type(r, ARROW_RIGHT, ARROW_DOWN, ENTER);
    await waitFor(() => frameOf(r).includes('round-trip distribution'), 'detail');
    expect(frameOf(r)).toContain('ws/json/1500B/10m/10c');
    expect(frameOf(r)).toContain('failures 2');
    await type(r, ESC);
    await waitFor(() => frameOf(r).includes('m/tab metric'), 'back to matrix');
    r.stdin.write('q');
    await waitFor(() => onBack.mock.calls.length === 1, 'back');
  });
});

describe('App', () => {
  it('? opens the help from Setup, any key closes it; q quits', async () => {
    const engine = new FakeEngine();
    const onExit = vi.fn();
    const r = render(<App deps={fakeDeps(engine)} initialValues={{ ...defaultPlan() }} onExit={onExit} />);
    await waitFor(() => frameOf(r).includes('pushtui setup'), 'setup');
    await type(r, '?');
    await waitFor(() => frameOf(r).includes('pushtui keys'), 'help');
    expect(frameOf(r)).toContain('skip the current scenario');
    await type(r, ESC);
    await waitFor(() => frameOf(r).includes('pushtui setup'), 'setup again');
    r.stdin.write('q');
    await waitFor(() => onExit.mock.calls.length === 1, 'exit');
  });

  it('enter runs the plan through the injected engine, remembers it, and shows the results', async () => {
    const engine = new FakeEngine();
    const savePlan = vi.fn(() => undefined);
    const r = render(<App deps={fakeDeps(engine, { savePlan })} initialValues={{ ...defaultPlan(), clients: [1] }} onExit={() => {}} />);
    await waitFor(() => frameOf(r).includes('1 scenario,'), 'setup');
    r.stdin.write(ENTER);
    await waitFor(() => engine.plan !== undefined, 'run started');
    expect(savePlan).toHaveBeenCalledWith({ kind: 'latency', plan: engine.plan });
    const plan = engine.plan!;
    const { scenarios } = scenariosOf(plan);
    const result = fakeResult(scenarios[0]!, [120]);
    engine.emit(
      { type: 'start', plan, scenarios, host: fakeRunResult(plan, []).host, fdLimits: { soft: 1024, hard: 4096 }, notices: [] },
      { type: 'scenario-start', index: 0, total: 1, scenario: scenarios[0]! },
      { type: 'scenario-done', index: 0, result },
      { type: 'done', result: fakeRunResult(plan, [result]) },
    );
    engine.close();
    await waitFor(() => frameOf(r).includes('pushtui results'), 'results');
  });
});
