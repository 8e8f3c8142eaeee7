import { describe, expect, it } from 'vitest';
import { churnComparisonText, compareChurn } from '../../src/engine/churn/compare.js';
import { churnCell, churnResult } from '../helpers/fixtures-any.js';

const A = churnResult([
  churnCell('ws', 20, 0.3, { sent: 1000, lost: 80, catchUpUs: 10_000, rttSteadyUs: 800 }),
  churnCell('ws-outbox', 20, 0.3, { sent: 1000, lost: 0, duplicates: 2, catchUpUs: 20_000, rttSteadyUs: 1600 }),
  churnCell('grpc', 20, 0.3, { sent: 1000, lost: 50 }),
]);
const B = churnResult(
  [
    churnCell('ws-outbox', 20, 0.3, { sent: 2000, lost: 10, duplicates: 7, catchUpUs: 10_000, rttSteadyUs: 3200, status: 'failed' }),
    churnCell('ws', 20, 0.3, { sent: 1000, lost: 50, catchUpUs: 10_000, rttSteadyUs: 800 }),
    churnCell('mqtt-qos1', 20, 0.3, { sent: 1000, lost: 0 }),
  ],
  { ratePerClient: 50 },
);

describe('compareChurn', () => {
  it('pairs cells by id: lost % and its change in points, duplicates, ratios of catch-up and round trip', () => {
    const c = compareChurn(A, B);
    expect(c.kind).toBe('churn');
    expect(c.cells.map((x) => x.id)).toEqual(['ws/20c/30%', 'ws-outbox/20c/30%', 'grpc/20c/30%', 'mqtt-qos1/20c/30%']);
    const [ws, outbox] = c.cells;
    expect(ws?.a?.lostPct).toBeCloseTo(8);
    expect(ws?.b?.lostPct).toBeCloseTo(5);
    expect(ws?.lostPctDelta).toBeCloseTo(-3);
    expect(ws?.catchUpP50Ratio).toBeCloseTo(1, 2);
    expect(outbox?.a?.duplicates).toBe(2);
    expect(outbox?.b?.duplicates).toBe(7);
    expect(outbox?.lostPctDelta).toBeCloseTo(0.5);
    expect(outbox?.catchUpP50Ratio).toBeCloseTo(0.5, 2);
    expect(outbox?.catchUpP99Ratio).toBeCloseTo(0.5, 2);
    expect(outbox?.rttSteadyP50Ratio).toBeCloseTo(2, 2);
    expect(outbox?.b?.status).toBe('failed');
  });

  it('marks cells only one side has, and what is missing stays null (JSON keeps the keys)', () => {
    const c = compareChurn(A, B);
    expect(c.onlyInA).toEqual(['grpc/20c/30%']);
    expect(c.onlyInB).toEqual(['mqtt-qos1/20c/30%']);
    const grpc = c.cells.find((x) => x.id === 'grpc/20c/30%');
    expect(grpc?.b).toBeNull();
    expect(grpc?.lostPctDelta).toBeNull();
    expect(grpc?.a?.catchUpP50Us).toBeNull();
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('says which plan fields differ (not those that make the cells) and whether the hosts do', () => {
    const c = compareChurn(A, B);
    expect(c.planDiffers).toEqual(['--rate 20 → 50']);
    expect(c.hostsDiffer).toBeNull();
    const elsewhere = { ...B, host: { ...B.host, cpuModel: 'Other CPU' } };
    expect(compareChurn(A, elsewhere).hostsDiffer).toMatch(/^CPU .* vs Other CPU/);
    expect(compareChurn(A, A).planDiffers).toEqual([]);
  });

  it('a run with itself: no change anywhere', () => {
    const c = compareChurn(A, A);
    expect(c.onlyInA).toEqual([]);
    expect(c.cells.every((x) => x.lostPctDelta === 0)).toBe(true);
    expect(c.cells[0]?.catchUpP50Ratio).toBe(1);
  });
});

describe('churnComparisonText', () => {
  const text = churnComparisonText(A, B, ['a.md', 'b.md']);

  it('reads A → B per cell, with the change in points and ratios', () => {
    expect(text).toContain('## pushtui compare (churn): A = a.md, B = b.md');
    expect(text).toContain('**Plans differ**: --rate 20 → 50');
    expect(text).toMatch(/\| ws\/20c\/30% +\| +8\.0% → 5\.0% \| +−3\.0 pp \| +1000 → 1000 \| +0 → 0 \|/);
    expect(text).toMatch(/ws-outbox\/20c\/30% B failed +\| +0\.0% → 0\.50% \| +\+0\.5 pp .* 2 → 7 \|/);
    expect(text).toMatch(/ws-outbox\/20c\/30% B failed +\| +20\.0ms → 10\.0ms ×0\.50 \| +20\.0ms → 10\.0ms ×0\.50 \| +1\.60ms → 3\.20ms ×2\.00 \|/);
    expect(text).toContain('grpc/20c/30% (only in A)');
    expect(text).toContain('mqtt-qos1/20c/30% (only in B)');
    expect(text).toContain('Only in A (not compared): grpc/20c/30%');
  });

  it('fits a terminal: no line over 110 columns', () => {
    for (const line of text.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(110);
  });
});
