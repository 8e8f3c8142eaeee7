import { describe, expect, it } from 'vitest';
import { capacityComparisonText, compareCapacity } from '../../src/engine/capacity/compare.js';
import { capacityResult, capacityRun } from '../helpers/fixtures-any.js';

const A = capacityResult([capacityRun('ws', 1000, { serverKib: 10, clientKib: 20, connectP99Us: 5000 }), capacityRun('grpc', 1000, { serverKib: 40 }), capacityRun('ws', 10_000)]);
const B = capacityResult(
  [
    capacityRun('grpc', 1000, { serverKib: 30, open: 900, status: 'failed' }),
    capacityRun('ws', 1000, { serverKib: 12.5, clientKib: 15, connectP99Us: 8000 }),
    capacityRun('mqtt', 1000, { serverKib: 5 }),
  ],
  { holdMs: 10_000 },
);

describe('compareCapacity', () => {
  it('pairs runs by protocol and target: open, KiB per connection per side with Δ%, connect p99', () => {
    const c = compareCapacity(A, B);
    expect(c.kind).toBe('capacity');
    expect(c.runs.map((r) => r.id)).toEqual(['ws 1000', 'ws 10.0k', 'mqtt 1000', 'grpc 1000']);
    const ws = c.runs[0];
    expect(ws?.a?.serverKibPerConn).toBeCloseTo(10);
    expect(ws?.b?.serverKibPerConn).toBeCloseTo(12.5);
    expect(ws?.serverDeltaPct).toBeCloseTo(25);
    expect(ws?.clientDeltaPct).toBeCloseTo(-25);
    expect(ws?.a?.connectP99Us).toBe(5000);
    expect(ws?.b?.connectP99Us).toBe(8000);
    const grpc = c.runs.find((r) => r.protocol === 'grpc');
    expect(grpc?.a?.open).toBe(1000);
    expect(grpc?.b?.open).toBe(900);
    expect(grpc?.b?.status).toBe('failed');
    expect(grpc?.b?.serverKibPerConn).toBeCloseTo(30);
  });

  it('marks runs only one side has; nulls, not gaps, in the data', () => {
    const c = compareCapacity(A, B);
    expect(c.onlyInA).toEqual(['ws 10.0k']);
    expect(c.onlyInB).toEqual(['mqtt 1000']);
    expect(c.runs.find((r) => r.id === 'mqtt 1000')?.a).toBeNull();
    expect(c.runs.find((r) => r.id === 'mqtt 1000')?.serverDeltaPct).toBeNull();
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('nothing open means no per-connection figure, and no Δ against it', () => {
    const none = capacityResult([capacityRun('ws', 1000, { open: 0, status: 'failed' })]);
    const c = compareCapacity(none, A);
    expect(c.runs[0]?.a?.serverKibPerConn).toBeNull();
    expect(c.runs[0]?.serverDeltaPct).toBeNull();
  });

  it('says which plan fields and hosts differ', () => {
    expect(compareCapacity(A, B).planDiffers).toEqual(['--hold 1000 ms → 10000 ms']);
    expect(compareCapacity(A, B).hostsDiffer).toBeNull();
    expect(compareCapacity(A, { ...B, host: { ...B.host, node: 'v99.0.0' } }).hostsDiffer).toMatch(/Node .* vs v99\.0\.0/);
  });
});

describe('capacityComparisonText', () => {
  const text = capacityComparisonText(A, B, ['a.md', 'b.md']);

  it('one row per protocol × target, A → B', () => {
    expect(text).toContain('## pushtui compare (capacity): A = a.md, B = b.md');
    expect(text).toContain('**Plans differ**: --hold 1000 ms → 10000 ms');
    expect(text).toMatch(/\| ws 1000 +\| +1000 → 1000 \| +10\.0 → 12\.5 \+25\.0% \| +20\.0 → 15\.0 −25\.0% \| +5\.00ms → 8\.00ms \|/);
    expect(text).toMatch(/\| grpc 1000 +\| +1000 → 900! \| +40\.0 → 30\.0 −25\.0% \|/);
    expect(text).toMatch(/\| ws 10\.0k \(only in A\) +\| +10\.0k → – \| +10\.0 → – \|/);
    expect(text).toContain('Only in B (not compared): mqtt 1000');
  });

  it('fits a terminal: no line over 110 columns', () => {
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(110);
  });
});
