/** The app with churn and capacity: the Setup test row, the run through the injected engine, results, save. */
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnyResult } from '../../src/engine/any-result.js';
import type { ChurnPlan } from '../../src/engine/churn/plan.js';
import type { ChurnEvent } from '../../src/engine/churn/run.js';
import { defaultPlan } from '../../src/engine/plan.js';
import { App } from '../../src/ui/app-root.js';
import { churnEventsOf, fakeChurnCells, fakeChurnResult } from '../helpers/fake-churn.js';
import { ARROW_DOWN, ARROW_RIGHT, ARROW_UP, BACKSPACE, ENTER, FakeEngine, fakeDeps, SPACE, waitFor } from './fixtures.js';

afterEach(() => cleanup());

const frameOf = (r: { lastFrame: () => string | undefined }): string => r.lastFrame() ?? '';

async function type(r: { stdin: { write: (s: string) => void }; lastFrame: () => string | undefined }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    const before = frameOf(r);
    r.stdin.write(k);
    await waitFor(() => frameOf(r) !== before, 'a redraw', 200).catch(() => undefined);
  }
}

describe('App: kinds of test', () => {
  it('the test row switches Setup to churn; enter runs the churn engine with the form plan, then shows churn results; s saves them', async () => {
    const seen: ChurnPlan[] = [];
    const runChurn = async function* (plan: ChurnPlan): AsyncGenerator<ChurnEvent> {
      seen.push(plan);
      const result = fakeChurnResult(plan, fakeChurnCells(plan, () => ({ sent: 100, lostWhileAway: 7 })));
      const { beforeDone, done } = churnEventsOf(plan, result, 2);
      for (const e of beforeDone) {
        yield e;
        await new Promise((r) => setTimeout(r, 1));
      }
      yield done;
    };
    const savePlan = vi.fn(() => undefined);
    const saved: AnyResult[] = [];
    const saveSnapshot = (r: AnyResult) => {
      saved.push(r);
      return Promise.resolve('snaps/pushtui-churn.md');
    };
    const onExit = vi.fn();
    const r = render(
      <App deps={{ ...fakeDeps(new FakeEngine(), { savePlan, saveSnapshot }), runChurn }} initialValues={{ ...defaultPlan() }} onExit={onExit} />,
    );
    await waitFor(() => frameOf(r).includes('scenario'), 'setup');
    await type(r, ARROW_UP, ARROW_UP, ARROW_RIGHT, SPACE);
    await waitFor(() => frameOf(r).includes('pushtui setup churn') && frameOf(r).includes('drop-share') && /\d+ cells?,/.test(frameOf(r)), 'the churn form');
    expect(frameOf(r)).not.toContain('preset');
    r.stdin.write(ENTER);
    await waitFor(() => frameOf(r).includes('pushtui churn results') && frameOf(r).includes('q back'), 'churn results, keys ready');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.dropShare).toEqual([0.3]);
    expect(savePlan).toHaveBeenCalledWith({ kind: 'churn', plan: seen[0] });
    expect(frameOf(r)).toContain('7.0%');
    r.stdin.write('s');
    await waitFor(() => frameOf(r).includes('snaps/pushtui-churn.md'), 'saved line');
    expect(saved[0]).toMatchObject({ kind: 'churn' });
    await type(r, 'q');
    await waitFor(() => frameOf(r).includes('pushtui setup churn') && frameOf(r).includes('q quit'), 'back on the churn form, keys ready');
    r.stdin.write('q');
    await waitFor(() => onExit.mock.calls.length === 1, 'exit');
    expect(onExit.mock.calls[0]?.[0]).toMatchObject({ kind: 'churn' });
  });

  it('Setup comes back as it was left (kind and edits) after the Snapshots screen', async () => {
    const r = render(<App deps={fakeDeps(new FakeEngine())} initialValues={{ ...defaultPlan() }} onExit={() => {}} />);
    await waitFor(() => frameOf(r).includes('q quit'), 'setup');
    await type(r, ARROW_UP, ARROW_UP, ARROW_RIGHT, SPACE);
    await waitFor(() => frameOf(r).includes('pushtui setup churn'), 'the churn form');
    await type(r, ARROW_DOWN, ARROW_DOWN, ARROW_DOWN, 'e', BACKSPACE, BACKSPACE, BACKSPACE, '7', '7', ENTER);
    await waitFor(() => /clients +\[ \] 20 +\[x\] 77/.test(frameOf(r)) || /clients +.*77/.test(frameOf(r)), 'the edit');
    await type(r, 'o');
    await waitFor(() => frameOf(r).includes('pushtui snapshots') && frameOf(r).includes('esc/q back'), 'snapshots');
    await type(r, 'q');
    await waitFor(() => frameOf(r).includes('pushtui setup churn'), 'back on the churn form');
    expect(frameOf(r)).toMatch(/clients +.*77/);
  });

  it('enter on an invalid churn field is refused with the schema message', async () => {
    const runChurn = vi.fn();
    const r = render(<App deps={{ ...fakeDeps(new FakeEngine()), runChurn }} initialValues={{ kind: 'churn', byKind: { churn: { clients: [0] } } }} onExit={() => {}} />);
    await waitFor(() => frameOf(r).includes('must be at least 1'), 'inline error');
    r.stdin.write(ENTER);
    await waitFor(() => frameOf(r).includes('enter refused'), 'refusal');
    expect(runChurn).not.toHaveBeenCalled();
  });
});
