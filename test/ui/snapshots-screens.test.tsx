/** The Snapshots and Compare screens, and saving from Results, through ink-testing-library. */
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultPlan } from '../../src/engine/plan.js';
import type { RunResult } from '../../src/engine/run.js';
import { deleteSnapshot, listSnapshots, saveSnapshot } from '../../src/engine/snapshot.js';
import { App } from '../../src/ui/app-root.js';
import { CompareScreen } from '../../src/ui/compare-screen.js';
import { HelpScreen } from '../../src/ui/help-screen.js';
import type { LatencyEntry } from '../../src/ui/snapshots-state.js';
import { SnapshotsScreen } from '../../src/ui/snapshots-screen.js';
import { fakeResult } from '../helpers/fake-result.js';
import { ARROW_DOWN, ENTER, ESC, FakeEngine, fakeDeps, fakeResult as fakeScenario, fakeRunResult, scenariosOf, SPACE, TAB, waitFor } from './fixtures.js';

afterEach(() => cleanup());

type Rendered = ReturnType<typeof render>;
const frameOf = (r: Rendered): string => r.lastFrame() ?? '';
const until = (r: Rendered, text: string): Promise<void> => waitFor(() => frameOf(r).includes(text), JSON.stringify(text));

const PLAN = { clients: [1, 10], messages: [100], samples: 3 };
/** A: ~100µs everywhere. B (scenario order 100m/1c, 1000m/1c, 100m/10c, 1000m/10c): 10c got clearly slower, 1c the same within the spread. B also has a 1000-message column A lacks. */
const A = (): RunResult => fakeResult(PLAN, (k) => 100 + k);
const B = (): RunResult => ({
  ...fakeResult({ ...PLAN, messages: [100, 1000] }, (k, i) => (i >= 2 ? 300 + k : 100 + k)),
  startedAt: '2026-12-05T10:00:00.000Z',
});

async function snapshotDirWith(...results: RunResult[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pushtui-snaps-'));
  for (const [i, r] of results.entries()) await saveSnapshot(r, dir, new Date(2026, 11, 4 + i, 10));
  return dir;
}

function browse(dir: string, onBack = vi.fn()) {
  return render(
    <SnapshotsScreen dir={dir} list={() => listSnapshots(dir)} remove={deleteSnapshot} width={100} height={30} active onHelp={() => {}} onBack={onBack} />,
  );
}

describe('Snapshots screen', () => {
  it('lists real snapshot files newest first, a corrupt one with its error, and opens one in Results', async () => {
    const dir = await snapshotDirWith(A(), B());
    writeFileSync(join(dir, 'notes.md'), '# my notes\n');
    const onBack = vi.fn();
    const r = browse(dir, onBack);
    await until(r, 'enter open');
    await until(r, '3 in');
    const f = frameOf(r);
    expect(f).toContain('(1 did not load)');
    expect(f).toMatch(/> \[ \] 2026-12-05 \d\d:\d\d {2}ws {2}c 1,10 {2}m 100,1000 {2}1500B {2}4 scenarios/);
    expect(f).toMatch(/2026-12-04 \d\d:\d\d {2}ws {2}c 1,10 {2}m 100 {2}1500B {2}2 scenarios/);
    expect(f).toContain('✗ notes.md is not a pushtui snapshot');
    expect(f.indexOf('2026-12-05')).toBeLessThan(f.indexOf('2026-12-04 '));
    r.stdin.write(ENTER);
    await until(r, 'pushtui results 4 scenario(s) from pushtui-');
    expect(frameOf(r)).not.toContain('s save');
    r.stdin.write(ESC);
    await until(r, 'enter open');
    r.stdin.write('q');
    await waitFor(() => onBack.mock.calls.length === 1, 'back');
  });

  it('a bad file cannot be opened but can be deleted after y; n keeps a file', async () => {
    const dir = await snapshotDirWith(A());
    const junk = join(dir, 'pushtui-junk.md');
    writeFileSync(junk, '<!-- pushtui-snapshot -->\ncut short');
    utimesSync(junk, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const r = browse(dir);
    await until(r, '2 in');
    r.stdin.write(ARROW_DOWN);
    await waitFor(() => /> \[ \] .*✗/.test(frameOf(r)), 'cursor on the bad file');
    r.stdin.write(ENTER);
    await until(r, 'cannot open: pushtui-junk.md is truncated');
    r.stdin.write('d');
    await until(r, 'Delete pushtui-junk.md? y / n');
    r.stdin.write('n');
    await waitFor(() => !frameOf(r).includes('y / n'), 'question gone');
    expect(existsSync(junk)).toBe(true);
    r.stdin.write('d');
    await until(r, 'y / n');
    r.stdin.write('y');
    await until(r, 'deleted pushtui-junk.md');
    expect(existsSync(junk)).toBe(false);
    expect(frameOf(r)).toContain('1 in');
  });

  it('space marks two, c compares B (newer) against A (older); esc comes back to the list', async () => {
    const dir = await snapshotDirWith(A(), B());
    const r = browse(dir);
    await until(r, '2 in');
    r.stdin.write(SPACE);
    await until(r, '[x]');
    r.stdin.write('c');
    await until(r, 'mark two snapshots');
    r.stdin.write(ARROW_DOWN);
    r.stdin.write(SPACE);
    await until(r, 'c compares B');
    expect(frameOf(r)).toContain('[A]');
    expect(frameOf(r)).toContain('[B]');
    r.stdin.write('c');
    await until(r, 'pushtui compare');
    expect(frameOf(r)).toMatch(/A 2026-12-04 .*\(older\)/);
    r.stdin.write(ESC);
    await until(r, 'enter open');
  });

  it('an empty directory says how to make a snapshot', async () => {
    const r = browse(mkdtempSync(join(tmpdir(), 'pushtui-empty-')));
    await until(r, 's on the Results screen saves one');
  });
});

describe('Compare screen', () => {
  const entry = (name: string, result: RunResult): LatencyEntry => ({ path: `/s/${name}`, name, mtimeMs: 0, result });

  it('shows A → B with a verdict per cell, the cells only one side has, and cycles metrics', async () => {
    const onBack = vi.fn();
    const r = render(<CompareScreen a={entry('a.md', A())} b={entry('b.md', B())} width={79} active onHelp={() => {}} onBack={onBack} />);
    await until(r, 'm/tab metric');
    expect(frameOf(r)).toContain('same host');
    expect(frameOf(r)).toContain('cycleMs');
    r.stdin.write(TAB);
    await until(r, 'rttP50');
    const f = frameOf(r);
    expect(f).toMatch(/ws json 1500B .*→ .*~/);
    expect(f).toContain('only in B (not compared): ws/json/1500B/1000m/1c, ws/json/1500B/1000m/10c');
    for (const line of f.split('\n')) expect([...line].length).toBeLessThanOrEqual(79);
    r.stdin.write('l');
    await waitFor(() => /→ \d+µs \+\d+\.\d% WORSE/.test(frameOf(r)), 'the 10-client column, worse');
    r.stdin.write('q');
    await waitFor(() => onBack.mock.calls.length === 1, 'back');
  });

  it('says so at the top when the hosts differ', async () => {
    const other = B();
    const b = { ...other, host: { ...other.host, cpuModel: 'Other CPU', cores: 64 } };
    const r = render(<CompareScreen a={entry('a.md', A())} b={entry('b.md', b)} width={79} active onHelp={() => {}} onBack={() => {}} />);
    await until(r, 'different hosts');
    expect(frameOf(r)).toContain('Other CPU x64');
  });
});

describe('App: saving and browsing', () => {
  async function toResults(deps: Parameters<typeof fakeDeps>[1] = {}) {
    const engine = new FakeEngine();
    const r = render(<App deps={fakeDeps(engine, deps)} initialValues={{ ...defaultPlan(), clients: [1] }} onExit={() => {}} />);
    await until(r, '1 scenario,');
    r.stdin.write(ENTER);
    await waitFor(() => engine.plan !== undefined, 'run started');
    const plan = engine.plan!;
    const { scenarios } = scenariosOf(plan);
    const result = fakeScenario(scenarios[0]!, [120]);
    const run = fakeRunResult(plan, [result]);
    engine.emit(
      { type: 'start', plan, scenarios, host: run.host, fdLimits: { soft: 1024, hard: 4096 }, notices: [] },
      { type: 'scenario-start', index: 0, total: 1, scenario: scenarios[0]! },
      { type: 'scenario-done', index: 0, result },
      { type: 'done', result: run },
    );
    engine.close();
    await until(r, 's save');
    return { r, run };
  }

  it('s saves once through the injected saver and shows the path; o opens Snapshots, esc returns with it still shown', async () => {
    const save = vi.fn(() => Promise.resolve('/tmp/snaps/pushtui-20260101-000000.md'));
    const { r, run } = await toResults({ saveSnapshot: save });
    r.stdin.write('s');
    await until(r, '✓ snapshot saved: /tmp/snaps/pushtui-20260101-000000.md');
    expect(save).toHaveBeenCalledWith(run);
    r.stdin.write('s');
    r.stdin.write('o');
    await until(r, 'pushtui snapshots');
    expect(save).toHaveBeenCalledTimes(1);
    r.stdin.write(ESC);
    await until(r, '✓ snapshot saved');
  });

  it('a failed save shows its one-line error and s tries again', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('EACCES: permission denied\nstack')).mockResolvedValue('ok.md');
    const { r } = await toResults({ saveSnapshot: save });
    r.stdin.write('s');
    await until(r, '✗ snapshot not saved: EACCES: permission denied (s tries again)');
    r.stdin.write('s');
    await until(r, '✓ snapshot saved: ok.md');
  });

  it('o on Setup opens Snapshots; esc goes back to Setup', async () => {
    const r = render(<App deps={fakeDeps(new FakeEngine())} initialValues={{ ...defaultPlan() }} onExit={() => {}} />);
    await until(r, 'o snapshots');
    r.stdin.write('o');
    await until(r, 'no snapshots in fake-snapshots yet');
    r.stdin.write(ESC);
    await until(r, 'pushtui setup');
  });
});

describe('Help', () => {
  it('lists the snapshot keys; a help taller than the terminal scrolls, other keys close it', async () => {
    const onClose = vi.fn();
    const r = render(<HelpScreen height={12} onClose={onClose} />);
    await until(r, '↑↓ scroll (0 above');
    expect(frameOf(r)).not.toContain('compare the two marked');
    r.stdin.write(SPACE);
    await until(r, '(9 above');
    for (let i = 0; i < 6 && !frameOf(r).includes('compare the two marked'); i++) {
      r.stdin.write(SPACE);
      await waitFor(() => !frameOf(r).includes(`(${9 * (i + 1)} above`), 'a scroll');
    }
    expect(frameOf(r)).toContain('compare the two marked (same kind): B (newer) against A (older)');
    expect(onClose).not.toHaveBeenCalled();
    r.stdin.write(ESC);
    await waitFor(() => onClose.mock.calls.length === 1, 'closed');
  });
});
