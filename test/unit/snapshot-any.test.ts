import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPACITY_PLAN_KEYS, capacityFieldMeta } from '../../src/engine/capacity/plan.js';
import { CHURN_KEYS, churnFieldMeta } from '../../src/engine/churn/plan.js';
import { anySnapshotMarkdown } from '../../src/engine/report/snapshot-any.js';
import { listSnapshots, loadAnySnapshot, loadSnapshot, parseAnySnapshot, parseSnapshot, saveSnapshot, saveSnapshotAs, SnapshotError } from '../../src/engine/snapshot.js';
import { capacityResult, capacityRun, churnCell, churnResult } from '../helpers/fixtures-any.js';
import { fakeResult } from '../helpers/fake-result.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'pushtui-snap-any-'));
const jsonWise = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

const CHURN = churnResult([
  churnCell('ws', 5, 0.3, { lost: 83, catchUpUs: 0, rttSteadyUs: 800 }),
  churnCell('ws-outbox', 5, 0.3, { lost: 0, duplicates: 4, catchUpUs: 12_000, rttSteadyUs: 1500, status: 'failed' }),
]);
const CAPACITY = capacityResult([capacityRun('ws', 200), capacityRun('grpc', 200, { serverKib: 40, open: 150, status: 'failed' })]);

describe('churn and capacity snapshots', () => {
  it.each([
    ['churn', CHURN, CHURN_KEYS.map((k) => churnFieldMeta(k).flag), ['### Delivery', '### Lost share', '### Cost of the guarantee', '### Modes']],
    ['capacity', CAPACITY, CAPACITY_PLAN_KEYS.map((k) => capacityFieldMeta(k).flag), ['### ws: KiB per connection', '### Projection for', '### Failures and limits', '### Fairness facts']],
  ] as const)('%s: save -> load gives back the same result, and the Markdown has Host, every plan field, Results', async (kind, result, flags, sections) => {
    const dir = tmp();
    const path = await saveSnapshot(result, dir, new Date(2026, 11, 4, 9, 8, 7));
    expect(jsonWise(await loadAnySnapshot(path))).toEqual(jsonWise(result));
    expect(jsonWise(parseAnySnapshot(anySnapshotMarkdown(result)))).toEqual(jsonWise(result));
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(`# pushtui ${kind} snapshot — 2026-12-04T10:00:00.000Z`);
    const headings = text.split('\n').filter((l) => /^#{1,2} /.test(l));
    expect(headings).toEqual([`# pushtui ${kind} snapshot — 2026-12-04T10:00:00.000Z`, '## Host', '## Plan', '## Results', '## Raw results']);
    const plan = text.slice(text.indexOf('## Plan'), text.indexOf('## Results'));
    for (const flag of flags) expect(plan).toContain(`- --${flag}: `);
    for (const s of sections) expect(text).toContain(s);
    expect(text).toContain('- note: a notice');
  });

  it.each([
    ['churn', CHURN, CHURN.cells[1]?.hist.catchUpUs ?? '', /cells\.1\.hist\.catchUpUs: is not a decodable HDR histogram/],
    ['capacity', CAPACITY, CAPACITY.runs[1]?.connectHist ?? '', /runs\.1\.connectHist: is not a decodable HDR histogram/],
  ] as const)('%s: a damaged histogram is refused at load with one line, not a crash on screen later', (_kind, result, encoded, message) => {
    const text = anySnapshotMarkdown(result);
    expect(encoded.length).toBeGreaterThan(8);
    const at = text.lastIndexOf(encoded);
    const damaged = `${text.slice(0, at)}HISTFAAAAB${text.slice(at + encoded.length)}`;
    expect(() => parseAnySnapshot(damaged, 'x.md')).toThrow(SnapshotError);
    expect(() => parseAnySnapshot(damaged, 'x.md')).toThrow(message);
  });

  it('an aborted run says so in the title, and still round-trips', () => {
    const r = { ...CHURN, aborted: true };
    const text = anySnapshotMarkdown(r);
    expect(text).toContain('(aborted: partial results)');
    expect(jsonWise(parseAnySnapshot(text))).toEqual(jsonWise(r));
  });

  it('never overwrites a churn or capacity snapshot', async () => {
    const path = join(tmp(), 'mine.md');
    writeFileSync(path, 'keep me');
    await expect(saveSnapshotAs(CHURN, path)).rejects.toThrow(/exists; pushtui never overwrites/);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
  });

  it('a churn file read as a latency run, and an unknown kind, are one-line errors', async () => {
    const dir = tmp();
    const path = await saveSnapshot(CHURN, dir);
    await expect(loadSnapshot(path)).rejects.toThrow(SnapshotError);
    await expect(loadSnapshot(path)).rejects.toThrow(/^pushtui-.*\.md is a churn snapshot, not a latency run$/);
    const foreign = anySnapshotMarkdown(CAPACITY).replace('"kind":"capacity"', '"kind":"throughput"');
    expect(() => parseAnySnapshot(foreign, 'odd.md')).toThrow(SnapshotError);
    expect(() => parseAnySnapshot(foreign, 'odd.md')).toThrow(/^odd\.md holds an unknown kind of result 'throughput' \(this pushtui reads latency, churn and capacity\)$/);
    expect(() => parseSnapshot(anySnapshotMarkdown(CAPACITY), 'cap.md')).toThrow(/^cap\.md is a capacity snapshot, not a latency run$/);
  });

  it('the list holds every kind side by side', async () => {
    const dir = tmp();
    await saveSnapshotAs(CHURN, join(dir, 'a.md'));
    await saveSnapshotAs(CAPACITY, join(dir, 'b.md'));
    await saveSnapshotAs(fakeResult({ clients: [1], messages: [10], samples: 1 }, () => 200), join(dir, 'c.md'));
    const list = await listSnapshots(dir);
    expect(list.map((e) => e.error)).toEqual([undefined, undefined, undefined]);
    expect(list.map((e) => (e.result && 'kind' in e.result ? e.result.kind : 'latency')).sort()).toEqual(['capacity', 'churn', 'latency']);
  });
});
