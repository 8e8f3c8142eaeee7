/** The UI's pure parts: reducers, form model, summaries, layout, key decoding, the remembered plan. */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPlan } from '../../src/engine/plan.js';
import { appReducer, INITIAL_APP } from '../../src/ui/app-state.js';
import { percentileCurve } from '../../src/ui/distribution.js';
import { configDir, LAST_PLAN_FILE, LAST_PLAN_FILES, loadLastPlan, loadLastSetup, saveLastPlan } from '../../src/ui/last-plan.js';
import { LiveSeries, RingBuffer } from '../../src/ui/live-series.js';
import { FORM_ROWS, formRows, parseFieldText, validateForm, valueText } from '../../src/ui/plan-form.js';
import { formatEta, summarizePlan } from '../../src/ui/plan-summary.js';
import { INITIAL_RESULTS, metricOf, resultsReducer } from '../../src/ui/results-state.js';
import { initialRun, progressOf, runReducer } from '../../src/ui/run-state.js';
import { initialSetup, setupReducer } from '../../src/ui/setup-state.js';
import type { SetupAction, SetupState } from '../../src/ui/setup-state.js';
import { columnWindow, fit, keepColumns } from '../../src/ui/table-layout.js';
import { decodeKeys } from '../../src/ui/use-keys.js';
import { fakeResult, fakeRunResult, scenariosOf, tick } from './fixtures.js';

const validJob = (kind: 'churn' | 'capacity', values: Record<string, unknown>) => {
  const v = validateForm(values, kind);
  if (!v.ok) throw new Error(v.message);
  return v.job;
};

const rowOf = (key: string): number => {
  const i = FORM_ROWS.findIndex((r) => r.kind === 'field' && r.key === key);
  if (i < 0) throw new Error(`no row ${key}`);
  return i;
};
const apply = (s: SetupState, ...actions: SetupAction[]): SetupState => actions.reduce(setupReducer, s);
const setupAt = (key: string): SetupState => ({ ...initialSetup({ ...defaultPlan() }), row: rowOf(key) });

describe('setup form', () => {
  it('has the test-kind row, the preset row and a row for every plan field', () => {
    expect(FORM_ROWS).toHaveLength(Object.keys(defaultPlan()).length + 2);
    expect(FORM_ROWS.slice(0, 2).map((r) => r.kind)).toEqual(['test', 'preset']);
  });

  it('space toggles common values of a list; the list stays sorted', () => {
    const s = apply(setupAt('clients'), { type: 'move-col', dx: 2 }, { type: 'toggle' });
    expect(s.values.clients).toEqual([1, 10, 100]);
    expect(apply(s, { type: 'move-col', dx: -2 }, { type: 'toggle' }).values.clients).toEqual([10, 100]);
  });

  it('edits a list as comma-separated text, with k suffixes', () => {
    const s = apply(setupAt('messages'), { type: 'edit-start' }, { type: 'edit-backspace' }, { type: 'edit-backspace' }, { type: 'edit-backspace' },
      { type: 'edit-type', text: '7,2k' }, { type: 'edit-commit' });
    expect(s.values.messages).toEqual([7, 2000]);
    expect(s.editing).toBeUndefined();
  });

  it('esc cancels an edit and keeps the value', () => {
    const s = apply(setupAt('samples'), { type: 'edit-start', text: '9' }, { type: 'edit-cancel' });
    expect(s.values.samples).toBe(3);
  });

  it('invalid values stay in the form and carry the schema message for their field', () => {
    const s = apply(setupAt('clients'), { type: 'edit-start', text: '0' }, { type: 'edit-commit' });
    expect(validateForm(s.values)).toEqual({ ok: false, key: 'clients', message: 'must be at least 1' });
    const t = apply(setupAt('timeoutMs'), { type: 'edit-start', text: 'soon' }, { type: 'edit-commit' });
    expect(validateForm(t.values)).toMatchObject({ ok: false, key: 'timeoutMs' });
  });

  it('the preset row applies a preset (seed = the study matrix)', () => {
    const s = apply({ ...initialSetup({ ...defaultPlan() }), row: 1 }, { type: 'move-col', dx: 1 }, { type: 'toggle' });
    expect(s.preset).toBe('seed');
    expect(s.values).toMatchObject({ clients: [1, 100], messages: [1, 10, 100, 1000], payloadBytes: [1500, 4000], samples: 10 });
  });

  it('enum rows pick one value; bool rows flip', () => {
    expect(apply(setupAt('pattern'), { type: 'move-col', dx: 2 }, { type: 'toggle' }).values.pattern).toBe('rate');
    expect(apply(setupAt('nagle'), { type: 'toggle' }).values.nagle).toBe(true);
  });

  it('parses field text per kind', () => {
    const meta = (key: string) => (FORM_ROWS[rowOf(key)] as Extract<(typeof FORM_ROWS)[number], { kind: 'field' }>).meta;
    expect(parseFieldText(meta('timeoutMs'), '2m')).toBe(120_000);
    expect(parseFieldText(meta('clients'), '1, 10 x')).toEqual([1, 10, 'x']);
  });
});

describe('plan summary', () => {
  it('counts scenarios and estimates a duration', () => {
    const { plan } = scenariosOf({ clients: [1, 10], messages: [10, 100] });
    const s = summarizePlan(plan, { soft: 1024, hard: 4096 });
    expect(s.scenarios).toBe(4);
    expect(s.estimateMs).toBeGreaterThan(0);
    expect(s.blocker).toBeUndefined();
  });

  it('warns above the soft fd limit and blocks above the hard one', () => {
    const { plan } = scenariosOf({ clients: [2000] });
    expect(summarizePlan(plan, { soft: 1024, hard: 4096 }).notices[0]).toMatch(/soft limit 1024 raised/);
    expect(summarizePlan(plan, { soft: 1024, hard: 1024 }).blocker).toMatch(/hard limit is 1024/);
  });

  it('formats durations', () => {
    expect([formatEta(4_400), formatEta(200_000), formatEta(3_900_000)]).toEqual(['4s', '3m 20s', '1h 05m']);
  });
});

describe('run state', () => {
  const { plan, scenarios } = scenariosOf({ clients: [1], messages: [10, 20], samples: 2 });
  const start = { type: 'start' as const, plan, scenarios, host: fakeRunResult(plan, []).host, fdLimits: { soft: 1024, hard: 4096 }, notices: [] };

  it('shows pending checks, then the outcomes from the start event', () => {
    const s0 = initialRun(0);
    expect(s0.checks.every((c) => c.status === 'pending')).toBe(true);
    const s1 = runReducer(s0, { type: 'event', event: start, nowMs: 0 });
    expect(s1.checks.map((c) => c.status)).toEqual(['ok', 'ok', 'ok']);
    expect(s1.checks[2]?.detail).toMatch(/not needed/);
  });

  it('a pre-flight error fails the first check', () => {
    const s = runReducer(initialRun(0), { type: 'event', event: { type: 'error', error: { name: 'PlanError', message: 'too many' } }, nowMs: 0 });
    expect(s.checks[0]).toMatchObject({ status: 'fail', detail: 'too many' });
  });

  it('progress counts samples; ETA from the elapsed time', () => {
    let s = runReducer(initialRun(0), { type: 'event', event: start, nowMs: 1000 });
    s = runReducer(s, { type: 'event', event: { type: 'scenario-start', index: 0, total: 2, scenario: scenarios[0]! }, nowMs: 1000 });
    s = runReducer(s, { type: 'event', event: { type: 'scenario-done', index: 0, result: fakeResult(scenarios[0]!, [100]) }, nowMs: 3000 });
    s = runReducer(s, { type: 'event', event: { type: 'scenario-start', index: 1, total: 2, scenario: scenarios[1]! }, nowMs: 3000 });
    s = runReducer(s, { type: 'event', event: { ...tick(1, 100, 200), sample: 2 }, nowMs: 4000 });
    expect(progressOf(s)).toEqual({ fraction: 0.75, elapsedMs: 3000, etaMs: 1000 });
    expect(progressOf(runReducer(s, { type: 'ended' })).fraction).toBe(1);
  });

  it('pause, skip and quit flags', () => {
    let s = runReducer(initialRun(0), { type: 'event', event: start, nowMs: 0 });
    s = runReducer(s, { type: 'toggle-pause' });
    expect(s.pauseRequested).toBe(true);
    s = runReducer(s, { type: 'gate', waiting: true });
    expect(s.paused).toBe(true);
    s = runReducer(s, { type: 'skip' });
    expect(s.skipping).toBe(true);
    s = runReducer(runReducer(s, { type: 'ask-quit' }), { type: 'cancel-quit' });
    expect(s.confirmQuit).toBe(false);
    expect(runReducer(s, { type: 'quit' }).quitting).toBe(true);
  });
});

describe('results and app state', () => {
  it('cycles metrics both ways and clamps the selection', () => {
    expect(metricOf(resultsReducer(INITIAL_RESULTS, { type: 'cycle-metric', step: -1 }))).toBe('failures');
    const moved = resultsReducer(INITIAL_RESULTS, { type: 'move', dx: 5, dy: 5, rows: 2, cols: 3 });
    expect([moved.row, moved.col]).toEqual([1, 2]);
  });

  it('a run that ends with a result opens Results; back returns to Setup with the last plan', () => {
    const plan = defaultPlan();
    const churnValues = { clients: [7] };
    let s = appReducer(INITIAL_APP, { type: 'run', job: { kind: 'latency', plan }, byKind: { churn: churnValues } });
    expect(s.screen.name).toBe('run');
    s = appReducer(s, { type: 'ended', result: fakeRunResult(plan, []) });
    expect(s.screen.name).toBe('results');
    s = appReducer(s, { type: 'back' });
    expect([s.screen.name, s.lastSetup]).toEqual(['setup', { kind: 'latency', byKind: { latency: plan, churn: churnValues } }]);
  });
});

describe('pieces', () => {
  it('a narrow terminal drops table columns in the given order until the rest fit', () => {
    const widths = [18, 7, 10, 10, 10, 11, 8, 8, 8];
    expect(keepColumns(widths, [4, 5, 6], 120)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(keepColumns(widths, [4, 5, 6], 80)).toEqual([0, 1, 2, 3, 6, 7, 8]);
    expect(keepColumns(widths, [4, 5, 6], 40)).toEqual([0, 1, 2, 3, 7, 8]);
  });

  it('ring buffers keep the newest values; empty ticks are left out of the series', () => {
    const r = new RingBuffer(3);
    for (const v of [1, 2, 3, 4]) r.push(v);
    expect(r.values()).toEqual([2, 3, 4]);
    const s = new LiveSeries(10);
    s.push('ws', { rttP50Us: 0, rttP99Us: 0 });
    expect(s.get('ws')).toBeUndefined();
    s.push('ws', { rttP50Us: 10, rttP99Us: 20 });
    expect(s.get('ws')?.p99Us.values()).toEqual([20]);
  });

  it('the column window always holds the selected column', () => {
    expect(columnWindow([10, 10, 10, 10], 25, 0)).toEqual([0, 2]);
    expect(columnWindow([10, 10, 10, 10], 25, 3)).toEqual([2, 4]);
    expect(columnWindow([10, 10], 100, 1)).toEqual([0, 2]);
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('ab', 4, 'right')).toBe('  ab');
  });

  it('decodes a run of typed keys one by one, backspaces included', () => {
    expect(decodeKeys('e\u007F2\r').map((k) => (k.key.backspace ? 'BS' : k.key.return ? 'CR' : k.input))).toEqual(['e', 'BS', '2', 'CR']);
    expect(decodeKeys('\u001B[B')[0]?.key.downArrow).toBe(true);
    expect(decodeKeys('\u0003')[0]).toMatchObject({ input: 'c', key: { ctrl: true } });
  });

  it('the percentile curve rises to the tail', () => {
    const { scenarios } = scenariosOf({});
    const r = fakeResult(scenarios[0]!, Array.from({ length: 1000 }, (_, i) => i + 1));
    const curve = percentileCurve(r.hist.rttUs, 20);
    expect(curve).toHaveLength(20);
    expect(curve[0]?.valueUs).toBeLessThan(curve[19]?.valueUs ?? 0);
    expect(curve[19]?.percentile).toBeCloseTo(99.9, 5);
    expect(percentileCurve(undefined, 20)).toEqual([]);
  });
});

describe('last plan', () => {
  it('round-trips through the config dir; PUSHTUI_CONFIG_DIR wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushtui-cfg-'));
    expect(configDir({ PUSHTUI_CONFIG_DIR: dir })).toBe(dir);
    expect(configDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/pushtui');
    expect(loadLastPlan(dir)).toEqual({ plan: undefined, notice: undefined });
    const plan = { ...defaultPlan(), clients: [7] };
    expect(saveLastPlan(plan, dir)).toBeUndefined();
    expect(loadLastPlan(dir).plan).toEqual(plan);
  });

  it('a corrupt file is ignored with a notice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushtui-cfg-'));
    writeFileSync(join(dir, LAST_PLAN_FILE), '{ not json');
    const loaded = loadLastPlan(dir);
    expect(loaded.plan).toBeUndefined();
    expect(loaded.notice).toMatch(/ignored/);
    writeFileSync(join(dir, LAST_PLAN_FILE), JSON.stringify({ clients: [0] }));
    expect(loadLastPlan(dir).notice).toMatch(/--clients: must be at least 1/);
  });

  it('remembers each kind apart and opens on the kind saved last', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pushtui-cfg-'));
    expect(loadLastSetup(dir)).toEqual({ init: { kind: 'latency', byKind: {} }, notice: undefined });
    expect(saveLastPlan({ kind: 'latency', plan: { ...defaultPlan(), clients: [3] } }, dir)).toBeUndefined();
    expect(saveLastPlan(validJob('churn', { clients: [9] }), dir)).toBeUndefined();
    utimesSync(join(dir, LAST_PLAN_FILE), new Date(1000), new Date(1000));
    const loaded = loadLastSetup(dir);
    expect(loaded.init.kind).toBe('churn');
    expect(loaded.init.byKind.churn).toMatchObject({ clients: [9] });
    expect(loaded.init.byKind.latency).toMatchObject({ clients: [3] });
    expect(loaded.init.byKind.capacity).toBeUndefined();
    writeFileSync(join(dir, LAST_PLAN_FILES.capacity), JSON.stringify({ connections: [0] }));
    expect(loadLastSetup(dir).notice).toMatch(/ignored .*last-capacity-plan\.json: --connections: must be at least 1/);
  });
});

describe('setup form: churn and capacity', () => {
  const rowIn = (kind: 'churn' | 'capacity', key: string): number => formRows(kind).findIndex((r) => r.kind === 'field' && r.key === key);
  const toKind = (s: SetupState, kind: 'latency' | 'churn' | 'capacity'): SetupState =>
    apply({ ...s, row: 0, col: 0 }, { type: 'move-col', dx: ['latency', 'churn', 'capacity'].indexOf(kind) }, { type: 'toggle' });

  it('the test row switches the form to another schema and back without losing values', () => {
    let s = apply(setupAt('clients'), { type: 'edit-start', text: '42' }, { type: 'edit-commit' });
    s = toKind(s, 'churn');
    expect(s.kind).toBe('churn');
    expect(formRows('churn').some((r) => r.kind === 'preset')).toBe(false);
    expect(Array.isArray(s.values.modes)).toBe(true);
    expect(s.values.dropShare).toEqual([0.3]);
    s = apply({ ...s, row: rowIn('churn', 'clients') }, { type: 'edit-start', text: '8' }, { type: 'edit-commit' });
    s = toKind(s, 'latency');
    expect(s.values.clients).toEqual([42]);
    s = toKind(s, 'churn');
    expect(s.values.clients).toEqual([8]);
    const v = validateForm(s.values, 'churn');
    expect(v.ok && v.job.kind === 'churn' && v.job.plan.clients).toEqual([8]);
  });

  it('a churn range shows as lo..hi and edits back through the schema; bad text names the field', () => {
    let s = toKind(initialSetup({ ...defaultPlan() }), 'churn');
    const row = formRows('churn')[rowIn('churn', 'offlineMs')];
    expect(row?.kind === 'field' && valueText(row.meta, s.values.offlineMs)).toBe('200ms..2s');
    s = apply({ ...s, row: rowIn('churn', 'offlineMs') }, { type: 'edit-start' }, { type: 'edit-commit' });
    expect(s.values.offlineMs).toBe('200ms..2s');
    expect(validateForm(s.values, 'churn')).toMatchObject({ ok: true, job: { plan: { offlineMs: [200, 2000] } } });
    s = apply(s, { type: 'edit-start', text: '3s..1s' }, { type: 'edit-commit' });
    const bad = validateForm(s.values, 'churn');
    expect(bad.ok ? '' : `${bad.key}: ${bad.message}`).toMatch(/^offlineMs: .*larger or equal/);
  });

  it('capacity counts take k suffixes and validate against the capacity schema', () => {
    let s = toKind(initialSetup({ ...defaultPlan() }), 'capacity');
    s = apply({ ...s, row: rowIn('capacity', 'connections') }, { type: 'edit-start', text: '1k,10k' }, { type: 'edit-commit' });
    expect(validateForm(s.values, 'capacity')).toMatchObject({ ok: true, job: { kind: 'capacity', plan: { connections: [1000, 10_000] } } });
    s = apply({ ...s, row: rowIn('capacity', 'qos') }, { type: 'edit-start', text: '3' }, { type: 'edit-commit' });
    expect(validateForm(s.values, 'capacity')).toMatchObject({ ok: false, key: 'qos', message: 'must be at most 2' });
  });
});
