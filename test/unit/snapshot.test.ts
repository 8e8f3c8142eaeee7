import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonText } from '../../src/engine/report/compare.js';
import { snapshotMarkdown, SNAPSHOT_MARKER } from '../../src/engine/report/markdown.js';
import { checkThresholds, parseThreshold, ThresholdError } from '../../src/engine/report/thresholds.js';
import { listSnapshots, loadSnapshot, parseSnapshot, saveSnapshot, saveSnapshotAs, snapshotName, SnapshotError } from '../../src/engine/snapshot.js';
import { fakeResult } from '../helpers/fake-result.js';

const PLAN = { clients: [1, 10], messages: [100], payloadBytes: [1500], samples: 4 };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'pushtui-snap-'));

describe('snapshots', () => {
  it('save -> load gives back the same numbers, histograms included', async () => {
    const result = fakeResult(PLAN, (k) => 200 + k);
    const dir = tmp();
    const path = await saveSnapshot(result, dir, new Date(2026, 11, 4, 9, 8, 7));
    expect(path).toBe(join(dir, 'pushtui-20261204-090807.md'));
    const loaded = await loadSnapshot(path);
    expect(loaded).toEqual(result);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(SNAPSHOT_MARKER)).toBe(true);
    for (const part of ['## Host', '## Plan', '### Mean cycle per client', '### Failures', '### Fairness facts', '## Scenario details', 'p99.9', '```json']) expect(text).toContain(part);
  });

  it('never overwrites: the same second gets a suffix, an explicit path is refused', async () => {
    const result = fakeResult(PLAN, () => 200);
    const dir = tmp();
    const when = new Date(2026, 0, 2, 3, 4, 5);
    const a = await saveSnapshot(result, dir, when);
    const b = await saveSnapshot(result, dir, when);
    expect(b).toBe(a.replace('.md', '-2.md'));
    await expect(saveSnapshotAs(result, a)).rejects.toThrow(/exists; pushtui never overwrites/);
    expect(readdirSync(dir).sort()).toEqual([snapshotName(when), snapshotName(when).replace('.md', '-2.md')].sort());
  });

  it('bad files each get one clear line, and the rest of the list still works', async () => {
    const good = snapshotMarkdown(fakeResult(PLAN, () => 200));
    const dir = tmp();
    await saveSnapshot(fakeResult(PLAN, () => 200), dir);
    const bad: Record<string, [string, RegExp]> = {
      'notes.md': ['# my notes\n', /is not a pushtui snapshot/],
      'truncated.md': [good.slice(0, Math.floor(good.length * 0.9)), /is truncated/],
      'newer.md': [good.replace('"schemaVersion":1,"result"', '"schemaVersion":7,"result"'), /written by a newer pushtui \(schema 7/],
      'invalid.md': [good.replace('"scenarios":[', '"scenarios":[{"scenario":{}},'), /does not validate: scenarios\.0\./],
      'damaged.md': [good.replace('{"format"', '{"format" oops'), /raw results are not valid JSON/],
    };
    for (const [name, [text, message]] of Object.entries(bad)) {
      writeFileSync(join(dir, name), text);
      expect(() => parseSnapshot(text, name), name).toThrow(SnapshotError);
      expect(() => parseSnapshot(text, name), name).toThrow(message);
    }
    const list = await listSnapshots(dir);
    expect(list).toHaveLength(6);
    expect(list.filter((e) => e.result)).toHaveLength(1);
    expect(list.filter((e) => e.error).map((e) => e.error?.includes('\n'))).toEqual([false, false, false, false, false]);
    await expect(loadSnapshot(join(dir, 'missing.md'))).rejects.toThrow(/cannot read .*ENOENT/);
  });

  it('a kill during save never leaves a half-written snapshot under its final name', async () => {
    const dir = tmp();
    const script = `
      import { saveSnapshot } from '${join(import.meta.dirname, '..', '..', 'dist', 'engine', 'snapshot.js')}';
      const r = JSON.parse(process.argv[1]);
      for (let i = 0; i < 200; i++) await saveSnapshot(r, process.argv[2]);`;
    const big = fakeResult({ ...PLAN, clients: [1, 10, 100], messages: [10, 100, 1000], payloadBytes: [16, 1500, 4000] }, (k, i) => 100 + k + i);
    for (const delayMs of [30, 60, 120, 200]) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(big), dir], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
      expect(() => parseSnapshot(readFileSync(join(dir, name), 'utf8'), name)).not.toThrow();
    }
  });
});

describe('compare', () => {
  it('marks changes beyond the samples spread, and differences within it as no clear change', () => {
    const a = fakeResult(PLAN, (k) => 200 + (k % 2) * 4);
    const b = fakeResult(PLAN, (k, i) => (i === 0 ? 300 + (k % 2) * 4 : 201 + (k % 2) * 4));
    const c = compareRuns(a, b, 'rttP50');
    expect(c.hostsDiffer).toBeUndefined();
    expect(c.columns).toEqual(['100m x 1c', '100m x 10c']);
    const [slower, same] = c.cells[0] ?? [];
    expect(slower?.verdict).toBe('worse');
    expect(slower?.deltaPct).toBeGreaterThan(40);
    expect(same?.verdict).toBe('no clear change');
    expect(compareRuns(b, a, 'rttP50').cells[0]?.[0]?.verdict).toBe('better');
  });

  it('compares common cells of partly overlapping plans and names the rest; calls out different hosts', () => {
    const a = fakeResult(PLAN, () => 200);
    const b = fakeResult({ ...PLAN, clients: [10, 100] }, () => 200);
    b.host = { ...b.host, cpuModel: 'Other CPU', hostname: 'elsewhere' };
    const c = compareRuns(a, b, 'cycleMs');
    expect(c.onlyInA).toEqual(['ws/json/1500B/100m/1c']);
    expect(c.onlyInB).toEqual(['ws/json/1500B/100m/100c']);
    expect(c.hostsDiffer).toMatch(/CPU .* vs Other CPU/);
    const text = comparisonText(a, b, ['cycleMs'], ['a.md', 'b.md']);
    expect(text).toContain('**Different hosts**');
    expect(text).toContain('only in A');
    expect(text).toContain('Only in B (not compared): ws/json/1500B/100m/100c');
  });
});

describe('thresholds', () => {
  it('parses readable conditions and reports every scenario that crosses them', () => {
    const r = fakeResult(PLAN, (_k, i) => (i === 0 ? 4000 : 6000), 0);
    const p99 = parseThreshold('ws.p99 > 5ms');
    expect(p99).toMatchObject({ protocol: 'ws', metric: 'p99', op: '>', value: 5000 });
    const breaches = checkThresholds([p99, parseThreshold('*.failures > 0')], r.scenarios);
    expect(breaches.map((b) => b.scenarioId)).toEqual(['ws/json/1500B/100m/10c']);
    const lossy = fakeResult(PLAN, () => 100, 1);
    expect(checkThresholds([parseThreshold('*.failures >= 1')], lossy.scenarios)).toHaveLength(2);
    expect(checkThresholds([parseThreshold('ws.msgs < 1')], r.scenarios)).toHaveLength(0);
  });

  it('refuses malformed thresholds with one line', () => {
    for (const t of ['ws.p99', 'ws.p98 > 5ms', 'ws.failures > 1ms', '> 5']) expect(() => parseThreshold(t)).toThrow(ThresholdError);
  });
});
