/** The snapshot parts of the UI as pure units: app save actions, the list reducer, the compare reducer, list lines. */
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/engine/report/matrix.js';
import type { RunResult } from '../../src/engine/run.js';
import type { SnapshotEntry } from '../../src/engine/snapshot.js';
import type { AppAction, AppState } from '../../src/ui/app-state.js';
import { appReducer, INITIAL_APP, oneLine } from '../../src/ui/app-state.js';
import { compareMetricOf, compareReducer, INITIAL_COMPARE } from '../../src/ui/compare-state.js';
import { snapshotDir } from '../../src/ui/snapshot-dir.js';
import { snapshotLine } from '../../src/ui/snapshot-line.js';
import { listWindow } from '../../src/ui/snapshots-screen.js';
import type { SnapshotsAction, SnapshotsState } from '../../src/ui/snapshots-state.js';
import { comparePair, INITIAL_SNAPSHOTS, newestFirst, snapshotsReducer } from '../../src/ui/snapshots-state.js';
import { fakeResult } from '../helpers/fake-result.js';

const run = (startedAt: string): RunResult => ({ ...fakeResult({ clients: [1, 10], messages: [100], samples: 2 }, () => 100), startedAt });
const good = (name: string, startedAt: string, mtimeMs = 0): SnapshotEntry => ({ path: `/s/${name}`, name, mtimeMs, result: run(startedAt) });
const bad = (name: string, mtimeMs: number): SnapshotEntry => ({ path: `/s/${name}`, name, mtimeMs, error: `${name} is not a pushtui snapshot` });

const OLD = good('old.md', '2026-12-01T10:00:00.000Z', 3);
const NEW = good('new.md', '2026-12-03T10:00:00.000Z', 1);
const MID = good('mid.md', '2026-12-02T10:00:00.000Z', 2);
const BROKEN = bad('broken.md', Date.parse('2026-12-02T12:00:00.000Z'));

const apply = (s: SnapshotsState, ...actions: SnapshotsAction[]): SnapshotsState => actions.reduce(snapshotsReducer, s);
const listed = (): SnapshotsState => apply(INITIAL_SNAPSHOTS, { type: 'loaded', entries: [OLD, BROKEN, NEW, MID] });

describe('app state: snapshots and saving', () => {
  const result = run('2026-12-01T10:00:00.000Z');
  const onResults: AppState = appReducer(INITIAL_APP, { type: 'ended', result });
  const applyApp = (s: AppState, ...a: AppAction[]): AppState => a.reduce(appReducer, s);

  it('opens Snapshots from Setup and from Results, and goes back where it came from', () => {
    expect(applyApp(INITIAL_APP, { type: 'snapshots' }, { type: 'back' }).screen).toEqual({ name: 'setup' });
    const there = applyApp(onResults, { type: 'snapshots' });
    expect(there.screen.name).toBe('snapshots');
    expect(applyApp(there, { type: 'back' }).screen).toEqual({ name: 'results', result });
  });

  it('save: idle -> saving -> saved (a second start is ignored); failures may be retried; a new run resets', () => {
    const saving = applyApp(onResults, { type: 'save-start' });
    expect(saving.save).toEqual({ state: 'saving' });
    const saved = applyApp(saving, { type: 'save-done', result, path: 'snapshots/a.md' }, { type: 'save-start' });
    expect(saved.save).toEqual({ state: 'saved', path: 'snapshots/a.md' });
    const failed = applyApp(saving, { type: 'save-failed', result, error: 'EACCES' });
    expect(applyApp(failed, { type: 'save-start' }).save).toEqual({ state: 'saving' });
    expect(applyApp(saved, { type: 'ended', result: run('2026-12-02T10:00:00.000Z') }).save).toEqual({ state: 'idle' });
  });

  it('ignores a save that finishes for an older result; nothing to save before a run', () => {
    const other = run('2026-12-09T10:00:00.000Z');
    expect(applyApp(onResults, { type: 'save-start' }, { type: 'save-done', result: other, path: 'x.md' }).save).toEqual({ state: 'saving' });
    expect(applyApp(INITIAL_APP, { type: 'save-start' }).save).toEqual({ state: 'idle' });
  });

  it('oneLine keeps the first line of an error', () => {
    expect(oneLine(new Error('cannot write\nstack'))).toBe('cannot write');
    expect(oneLine('plain')).toBe('plain');
  });
});

describe('snapshots reducer', () => {
  it('lists newest first by run start; files that did not load by their mtime', () => {
    expect(listed().entries?.map((e) => e.name)).toEqual(['new.md', 'broken.md', 'mid.md', 'old.md']);
    expect(newestFirst([OLD, NEW]).map((e) => e.name)).toEqual(['new.md', 'old.md']);
  });

  it('moves within the list', () => {
    expect(apply(listed(), { type: 'move', dy: -1 }).cursor).toBe(0);
    expect(apply(listed(), { type: 'move', dy: 9 }).cursor).toBe(3);
  });

  it('marks at most two, refuses a bad file, unmarks with space again', () => {
    const s = apply(listed(), { type: 'toggle-mark' }, { type: 'move', dy: 1 }, { type: 'toggle-mark' });
    expect(s.marked).toEqual(['/s/new.md']);
    expect(s.message?.text).toContain('cannot mark broken.md');
    const two = apply(s, { type: 'move', dy: 1 }, { type: 'toggle-mark' }, { type: 'move', dy: 1 }, { type: 'toggle-mark' });
    expect(two.marked).toEqual(['/s/new.md', '/s/mid.md']);
    expect(two.message?.text).toContain('two are marked already');
    expect(apply(two, { type: 'move', dy: -1 }, { type: 'toggle-mark' }).marked).toEqual(['/s/new.md']);
  });

  it('compares the two marked with A the older, whatever the marking order', () => {
    const s = apply(listed(), { type: 'toggle-mark' }, { type: 'move', dy: 3 }, { type: 'toggle-mark' }, { type: 'compare' });
    expect(s.view.name).toBe('compare');
    expect(comparePair(s)?.map((e) => e.name)).toEqual(['old.md', 'new.md']);
    if (s.view.name === 'compare') expect([s.view.a.name, s.view.b.name]).toEqual(['old.md', 'new.md']);
    expect(apply(s, { type: 'close' }).view).toEqual({ name: 'list' });
    expect(apply(listed(), { type: 'toggle-mark' }, { type: 'compare' }).message?.text).toContain('mark two snapshots');
  });

  it('opens a snapshot that loaded; a bad one says why', () => {
    expect(apply(listed(), { type: 'open' }).view).toMatchObject({ name: 'open', entry: { name: 'new.md' } });
    const s = apply(listed(), { type: 'move', dy: 1 }, { type: 'open' });
    expect(s.view.name).toBe('list');
    expect(s.message).toEqual({ text: 'cannot open: broken.md is not a pushtui snapshot', tone: 'bad' });
  });

  it('asks before deleting; deleted leaves the list, its mark and a fitting cursor', () => {
    const asked = apply(listed(), { type: 'move', dy: 3 }, { type: 'toggle-mark' }, { type: 'ask-delete' });
    expect(asked.confirmDelete).toBe('/s/old.md');
    expect(apply(asked, { type: 'cancel-delete' }).confirmDelete).toBeUndefined();
    const gone = apply(asked, { type: 'deleted', path: '/s/old.md' });
    expect(gone.entries?.map((e) => e.name)).toEqual(['new.md', 'broken.md', 'mid.md']);
    expect(gone.marked).toEqual([]);
    expect(gone.cursor).toBe(2);
    expect(gone.message).toEqual({ text: 'deleted old.md', tone: 'good' });
    expect(apply(asked, { type: 'delete-failed', path: '/s/old.md', error: 'EPERM' }).message?.text).toBe('could not delete: EPERM');
  });

  it('a listing error is shown, and the list is empty', () => {
    const s = apply(INITIAL_SNAPSHOTS, { type: 'loaded', entries: [], error: 'EACCES' });
    expect(s.entries).toEqual([]);
    expect(s.message?.text).toBe('cannot list snapshots: EACCES');
  });
});

describe('compare reducer and list lines', () => {
  it('cycles every metric both ways and scrolls within the columns', () => {
    expect(compareMetricOf(compareReducer(INITIAL_COMPARE, { type: 'cycle-metric', step: -1 }))).toBe(METRICS[METRICS.length - 1]);
    expect(compareMetricOf(compareReducer(INITIAL_COMPARE, { type: 'cycle-metric', step: 1 }))).toBe(METRICS[1]);
    expect(compareReducer(INITIAL_COMPARE, { type: 'scroll', dx: 5, cols: 3 }).col).toBe(2);
    expect(compareReducer(INITIAL_COMPARE, { type: 'scroll', dx: -1, cols: 3 }).col).toBe(0);
  });

  it('a line says protocols, clients, messages, payloads and the scenario count; a bad file its error', () => {
    const line = snapshotLine(OLD);
    expect(line).toMatch(/^2026-12-01 \d\d:\d\d {2}ws {2}c 1,10 {2}m 100 {2}1500B {2}2 scenarios$/);
    expect(snapshotLine(BROKEN)).toContain('✗ broken.md is not a pushtui snapshot');
  });

  it('the list window keeps the cursor in view', () => {
    expect(listWindow(3, 10, 2)).toEqual([0, 3]);
    expect(listWindow(100, 10, 50)).toEqual([45, 55]);
    expect(listWindow(100, 10, 99)).toEqual([90, 100]);
  });

  it('the snapshot dir comes from PUSHTUI_SNAPSHOT_DIR, else ./snapshots', () => {
    expect(snapshotDir({ PUSHTUI_SNAPSHOT_DIR: '/tmp/x' })).toBe('/tmp/x');
    expect(snapshotDir({})).toBe('snapshots');
  });
});
